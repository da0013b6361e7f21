package dev.chainrule.simplify.egraph;

import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A set of e-nodes known equal, with what every member shares: one shape, at most one constant
 * value, and the analysis' fact.
 */
public final class EClass {
    final int id;
    final Shape shape;
    List<ENode> nodes = new ArrayList<>();
    /** Parents as inserted: the e-node and the id of the term it was inserted for. */
    List<ENode> parentNodes = new ArrayList<>();
    List<Integer> parentIds = new ArrayList<>();
    /** A member that is a constant, if any. */
    Expr.Constant constant;
    Object data;

    EClass(int id, Shape shape) {
        this.id = id;
        this.shape = shape;
    }

    public int id() {
        return id;
    }

    public Shape shape() {
        return shape;
    }

    /** The e-nodes, their operands canonical after a rebuild. */
    public List<ENode> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /** The constant every member equals, or null. */
    public Expr.Constant constant() {
        return constant;
    }

    @Override
    public String toString() {
        return "e" + id + nodes;
    }
}

package dev.chainrule.simplify.egraph;

import dev.chainrule.graph.Expr;
import java.util.Arrays;

/**
 * An e-node: an operator ({@link Operators#of}) over e-class ids. Equal when the operator is the
 * same object and the ids are equal, so that the e-graph can hash-cons them.
 */
public final class ENode {
    private final Expr operator;
    private final int[] children;
    private final int hash;

    /** An e-node outside any graph: the operator over these operand ids. */
    public static ENode of(Expr operator, int... children) {
        return new ENode(operator, children.clone());
    }

    ENode(Expr operator, int[] children) {
        this.operator = operator;
        this.children = children;
        this.hash = 31 * System.identityHashCode(operator) + Arrays.hashCode(children);
    }

    public Expr operator() {
        return operator;
    }

    public int arity() {
        return children.length;
    }

    public int child(int i) {
        return children[i];
    }

    int[] children() {
        return children;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ENode n && n.operator == operator && n.hash == hash && Arrays.equals(n.children, children);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return operator.getClass().getSimpleName() + Arrays.toString(children);
    }
}

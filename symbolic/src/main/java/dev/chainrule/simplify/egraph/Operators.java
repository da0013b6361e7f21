package dev.chainrule.simplify.egraph;

import dev.chainrule.graph.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator of a node, for any operator of {@link Expr}, with no code per operator: the node
 * itself over placeholder operands ({@code □0 + □1} of the operands' shapes). The factories intern
 * it, so two nodes have the same operator exactly when their operators are the same object:
 * {@code tanh} and {@code sin} differ, as do two sums of different shapes. A leaf is its own
 * operator. {@link #apply} builds the operator over real operands with {@link Expr#withChildren}.
 */
public final class Operators {
    private static final String PLACEHOLDER = "□";
    private static final Map<dev.chainrule.shape.Shape, List<Expr>> PLACEHOLDERS = new ConcurrentHashMap<>();

    private Operators() {}

    /** The node's operator. */
    public static Expr of(Expr node) {
        List<Expr> children = node.children();
        if (children.isEmpty()) {
            return node;
        }
        List<Expr> holes = new ArrayList<>(children.size());
        for (int i = 0; i < children.size(); i++) {
            holes.add(placeholder(i, children.get(i).shape()));
        }
        return node.withChildren(holes);
    }

    /** The operator over the given operands (of the placeholders' shapes), interned. */
    public static Expr apply(Expr operator, List<Expr> operands) {
        return operands.isEmpty() ? operator : operator.withChildren(operands);
    }

    /** Whether the operator is a leaf: a variable, a constant, the identity, a size. */
    public static boolean isLeaf(Expr operator) {
        return operator.children().isEmpty();
    }

    /** The {@code index}-th placeholder operand of a shape, as operators are built over. */
    public static Expr placeholder(int index, dev.chainrule.shape.Shape shape) {
        List<Expr> holes = PLACEHOLDERS.computeIfAbsent(shape, s -> new java.util.concurrent.CopyOnWriteArrayList<>());
        while (holes.size() <= index) {
            synchronized (holes) {
                if (holes.size() <= index) {
                    holes.add(Expr.variable(PLACEHOLDER + holes.size(), shape));
                }
            }
        }
        return holes.get(index);
    }
}

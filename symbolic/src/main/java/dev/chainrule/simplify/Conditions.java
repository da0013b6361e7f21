package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;

/** Side conditions of rules, on the node a pattern matched. */
final class Conditions {
    private Conditions() {}

    static boolean leftIsZero(Expr node) {
        return isZero(node.children().get(0));
    }

    static boolean rightIsZero(Expr node) {
        return isZero(node.children().get(1));
    }

    static boolean rightIsVector(Expr node) {
        return node.children().get(1).shape().isVector();
    }

    static boolean isZero(Expr e) {
        return e instanceof Expr.Constant c && c.value() == 0;
    }
}

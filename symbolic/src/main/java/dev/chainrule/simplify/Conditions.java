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

    /** An element-wise product whose right factor is a variable (or its power) and whose left is not. */
    static boolean variableOnTheRightOnly(Expr node) {
        return isVariableFactor(node.children().get(1)) && !isVariableFactor(node.children().get(0));
    }

    private static boolean isVariableFactor(Expr e) {
        return e instanceof Expr.Variable
                || e instanceof Expr.Power p && p.base() instanceof Expr.Variable && p.exponent() instanceof Expr.Constant;
    }

    /** The node is a scalar (a dot product, not a matrix times a vector of ones). */
    static boolean isScalarNode(Expr node) {
        return node.shape().isScalar();
    }

    /** (C·B)·X with C a constant matrix: reassociated, the constant can leave through a sum. */
    static boolean innerLeftIsConstant(Expr node) {
        return node.children().get(0) instanceof Expr.Product p && p.left() instanceof Expr.Constant;
    }

    /** X·(B·C) with C a constant matrix. */
    static boolean innerRightIsConstant(Expr node) {
        return node.children().get(1) instanceof Expr.Product p && p.right() instanceof Expr.Constant;
    }

    /** The name {@code x} is bound to a (column) vector: {@code x*x'} is an outer product. */
    static boolean vector(Expr node, java.util.Map<String, Expr> bindings, Facts facts) {
        return bindings.get("x").shape().isVector();
    }

    /** The names {@code x} and {@code y} are bound to (column) vectors: {@code x*y'} is an outer product. */
    static boolean vectors(Expr node, java.util.Map<String, Expr> bindings, Facts facts) {
        return vector(node, bindings, facts) && bindings.get("y").shape().isVector();
    }

    /** The matrix bound to {@code A} is known symmetric. */
    static boolean symmetric(Expr node, java.util.Map<String, Expr> bindings, Facts facts) {
        return facts.isSymmetric(bindings.get("A"));
    }

    static boolean isZero(Expr e) {
        return e instanceof Expr.Constant c && c.value() == 0;
    }
}

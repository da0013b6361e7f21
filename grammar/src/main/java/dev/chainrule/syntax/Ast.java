package dev.chainrule.syntax;

import java.util.List;

/**
 * An expression as written, before shapes are known. Parentheses leave no node; every node keeps
 * the span of its operator (or name, or literal) so that later stages can point at it.
 *
 * <p>The one traversal of this IR: {@link #children()} for code that treats every kind alike (such
 * as collecting the names in an expression), and {@link #accept} with a {@link Visitor} for code
 * that treats each kind in its own way. A visitor has one method per kind, so a new kind does not
 * compile until every visitor handles it.
 */
public sealed interface Ast {
    Span span();

    /** The operands, in order; empty for numbers and names. */
    List<Ast> children();

    /** Calls the visitor's method for this node's kind. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per kind of node: the compiler checks that a visitor handles all of them. Methods
     * get the node; whether and how they visit its operands is theirs.
     */
    interface Visitor<R> {
        R visitNumber(Number node);
        R visitName(Name node);
        R visitUnary(Unary node);
        R visitBinary(Binary node);
        R visitCall(Call node);
    }

    /** A numeric literal, with the text the user wrote. */
    record Number(double value, String text, Span span) implements Ast {
        @Override public List<Ast> children() { return List.of(); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitNumber(this); }
    }

    /** A variable, a local definition or, in a rewrite rule, a pattern variable. */
    record Name(String id, Span span) implements Ast {
        @Override public List<Ast> children() { return List.of(); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitName(this); }
    }

    record Unary(UnaryOp op, Ast operand, Span span) implements Ast {
        @Override public List<Ast> children() { return List.of(operand); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitUnary(this); }
    }

    record Binary(BinaryOp op, Ast left, Ast right, Span span) implements Ast {
        @Override public List<Ast> children() { return List.of(left, right); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitBinary(this); }
    }

    /** A function application such as {@code sum(x)} or {@code max(0, z)}; the span is the name's. */
    record Call(String function, List<Ast> args, Span span) implements Ast {
        public Call {
            args = List.copyOf(args);
        }

        @Override public List<Ast> children() { return args; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitCall(this); }
    }

    enum UnaryOp {
        NEGATE("-"), TRANSPOSE("'");

        private final String symbol;

        UnaryOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    enum BinaryOp {
        ADD("+"), SUBTRACT("-"),
        /** {@code *}: the matrix product, or a scalar times anything. */
        MULTIPLY("*"),
        /** {@code /}: division by a scalar (element-wise when both sides have one shape). */
        DIVIDE("/"),
        /** {@code .*}, {@code ⊙}, {@code ∘}: the element-wise (Hadamard) product. */
        HADAMARD(".*"),
        /** {@code ./}, {@code ⊘}: element-wise division. */
        ELEMENT_DIVIDE("./"),
        /** {@code ^}: the power of a scalar. */
        POWER("^"),
        /** {@code .^}: element-wise power. */
        ELEMENT_POWER(".^"),
        /** {@code ·}, {@code .}: the dot product. */
        DOT(".");

        private final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }
}

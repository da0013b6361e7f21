package dev.chainrule.syntax;

import java.util.List;

/**
 * An expression as written, before shapes are known. Parentheses leave no node; every node keeps
 * the span of its operator (or name, or literal) so that later stages can point at it.
 */
public sealed interface Ast {
    Span span();

    /** A numeric literal, with the text the user wrote. */
    record Number(double value, String text, Span span) implements Ast {}

    /** A variable, a local definition or, in a rewrite rule, a pattern variable. */
    record Name(String id, Span span) implements Ast {}

    record Unary(UnaryOp op, Ast operand, Span span) implements Ast {}

    record Binary(BinaryOp op, Ast left, Ast right, Span span) implements Ast {}

    /** A function application such as {@code sum(x)} or {@code max(0, z)}; the span is the name's. */
    record Call(String function, List<Ast> args, Span span) implements Ast {
        public Call {
            args = List.copyOf(args);
        }
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

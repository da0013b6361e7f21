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
        R visitLiteral(Literal node);
        R visitEntries(Entries node);
        R visitWhere(Where node);
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

    /**
     * A vector or matrix written out, {@code [a, b]} or {@code [a, b; c, d]}: its block rows, each a
     * list of entries (scalars or blocks); the span is the opening bracket's.
     */
    record Literal(List<List<Ast>> rows, Span span) implements Ast {
        public Literal {
            rows = rows.stream().map(List::copyOf).toList();
        }

        @Override public List<Ast> children() { return rows.stream().flatMap(List::stream).toList(); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitLiteral(this); }
    }

    /**
     * Entries of a value, {@code x[i]}, {@code A[i, j]} or ranges {@code x[i:j]}: 1-based, each index
     * a whole number or an expression of dimensions; the span is the opening bracket's.
     */
    record Entries(Ast operand, List<Index> indices, Span span) implements Ast {
        public Entries {
            indices = List.copyOf(indices);
        }

        /** The operand, then each index's bounds. */
        @Override
        public List<Ast> children() {
            List<Ast> all = new java.util.ArrayList<>();
            all.add(operand);
            for (Index index : indices) {
                all.add(index.first());
                if (index.last() != index.first()) {
                    all.add(index.last());
                }
            }
            return all;
        }

        @Override public <R> R accept(Visitor<R> v) { return v.visitEntries(this); }
    }

    /**
     * {@code body where t1 = e1, t2 = e2}: the body with names for subexpressions, each definition
     * using only the variables and earlier names; only a whole expression has one. The span is the
     * word {@code where}'s.
     */
    record Where(Ast body, List<Definition> definitions, Span span) implements Ast {
        public Where {
            definitions = List.copyOf(definitions);
        }

        /** The definitions' values in order, then the body. */
        @Override
        public List<Ast> children() {
            List<Ast> all = new java.util.ArrayList<>();
            definitions.forEach(d -> all.add(d.value()));
            all.add(body);
            return all;
        }

        @Override public <R> R accept(Visitor<R> v) { return v.visitWhere(this); }
    }

    /** One definition of a {@link Where}, {@code t1 = e1}; the span is the name's. */
    record Definition(String name, Ast value, Span span) {}

    /** One index, {@code i}, or a range, {@code i:j} (both ends included); for one index last is first. */
    record Index(Ast first, Ast last) {
        public boolean isRange() {
            return last != first;
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

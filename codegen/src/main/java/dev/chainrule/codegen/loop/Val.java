package dev.chainrule.codegen.loop;

import dev.chainrule.shape.Dim;

/**
 * A scalar computation in a loop body: what one entry of a value is. One record per kind; the one
 * traversal is {@link #map} (rebuild from mapped components) and {@link #accept} (a dispatch the
 * compiler checks for completeness).
 */
sealed interface Val {
    /** Arithmetic; MAX only in an accumulator update ({@code m = Math.max(m, v)}). */
    enum Op { ADD, SUBTRACT, MULTIPLY, DIVIDE, MAX }

    <R> R accept(Visitor<R> visitor);

    /** This value rebuilt from its components, each passed through the mapper. */
    Val map(Mapper mapper);

    interface Visitor<R> {
        R visitNum(Num v);
        R visitLocal(Local v);
        R visitLoad(Load v);
        R visitSize(Size v);
        R visitNegate(Negate v);
        R visitBinary(Binary v);
        R visitCall(Call v);
        R visitMax(Max v);
        R visitPower(Power v);
        R visitLogSumExpOf(LogSumExpOf v);
        R visitFromExp(FromExp v);
        R visitOnDiagonal(OnDiagonal v);
    }

    record Num(double value) implements Val {
        @Override public <R> R accept(Visitor<R> v) { return v.visitNum(this); }
        @Override public Val map(Mapper m) { return this; }
    }

    /** A {@code double} local or scalar parameter. */
    record Local(Name name) implements Val {
        @Override public <R> R accept(Visitor<R> v) { return v.visitLocal(this); }
        @Override public Val map(Mapper m) { return new Local(m.local(name)); }
    }

    record Load(Array array, Index row, Index col) implements Val {
        @Override public <R> R accept(Visitor<R> v) { return v.visitLoad(this); }
        @Override public Val map(Mapper m) { return new Load(m.array(array), m.index(row), m.index(col)); }
    }

    /** A dimension's size as a number, such as {@code N} in {@code sum(x) / N}. */
    record Size(Dim dim) implements Val {
        @Override public <R> R accept(Visitor<R> v) { return v.visitSize(this); }
        @Override public Val map(Mapper m) { return this; }
    }

    record Negate(Val operand) implements Val {
        @Override public <R> R accept(Visitor<R> v) { return v.visitNegate(this); }
        @Override public Val map(Mapper m) { return new Negate(m.val(operand)); }
    }

    record Binary(Op op, Val left, Val right) implements Val {
        @Override public <R> R accept(Visitor<R> v) { return v.visitBinary(this); }
        @Override public Val map(Mapper m) { return new Binary(op, m.val(left), m.val(right)); }
    }

    /** A function of one argument, by its name in {@link MathFunction}. */
    record Call(MathFunction function, Val argument) implements Val {
        @Override public <R> R accept(Visitor<R> v) { return v.visitCall(this); }
        @Override public Val map(Mapper m) { return new Call(function, m.val(argument)); }
    }

    record Max(Val left, Val right) implements Val {
        @Override public <R> R accept(Visitor<R> v) { return v.visitMax(this); }
        @Override public Val map(Mapper m) { return new Max(m.val(left), m.val(right)); }
    }

    record Power(Val base, Val exponent) implements Val {
        @Override public <R> R accept(Visitor<R> v) { return v.visitPower(this); }
        @Override public Val map(Mapper m) { return new Power(m.val(base), m.val(exponent)); }
    }

    /**
     * {@code max + log(shiftedSum)}, the last step of log-sum-exp, or {@code max} itself when it is
     * infinite (the mathematical limit, where the shifted sum would be NaN).
     */
    record LogSumExpOf(Val max, Val shiftedSum) implements Val {
        @Override public <R> R accept(Visitor<R> v) { return v.visitLogSumExpOf(this); }
        @Override public Val map(Mapper m) { return new LogSumExpOf(m.val(max), m.val(shiftedSum)); }
    }

    /**
     * {@code softplus(argument, exp)} or {@code sigmoid(argument, exp)}: the function computed from
     * {@code exp}, e<sup>−|argument|</sup>, which a softplus and a sigmoid of the same argument
     * compute once for both ({@link SharedExp}).
     */
    record FromExp(MathFunction function, Val argument, Val exp) implements Val {
        @Override public <R> R accept(Visitor<R> v) { return v.visitFromExp(this); }
        @Override public Val map(Mapper m) { return new FromExp(function, m.val(argument), m.val(exp)); }
    }

    /** {@code row == col ? value : 0}: an entry of the identity or of a diagonal matrix. */
    record OnDiagonal(Index row, Index col, Val value) implements Val {
        @Override public <R> R accept(Visitor<R> v) { return v.visitOnDiagonal(this); }
        @Override public Val map(Mapper m) { return new OnDiagonal(m.index(row), m.index(col), m.val(value)); }
    }
}

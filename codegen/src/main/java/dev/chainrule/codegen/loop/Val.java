package dev.chainrule.codegen.loop;

import dev.chainrule.shape.Dim;

/** A scalar computation in a loop body: what one entry of a value is. */
public sealed interface Val {
    /** Arithmetic; MAX only in an accumulator update ({@code m = Math.max(m, v)}). */
    enum Op { ADD, SUBTRACT, MULTIPLY, DIVIDE, MAX }

    record Num(double value) implements Val {}

    /** A {@code double} local or scalar parameter. */
    record Local(String name) implements Val {}

    record Load(Array array, Index row, Index col) implements Val {}

    /** A dimension's size as a number, such as {@code N} in {@code sum(x) / N}. */
    record Size(Dim dim) implements Val {}

    record Negate(Val operand) implements Val {}

    record Binary(Op op, Val left, Val right) implements Val {}

    /** A function of one argument, by its name in {@link MathFunction}. */
    record Call(MathFunction function, Val argument) implements Val {}

    record Max(Val left, Val right) implements Val {}

    record Power(Val base, Val exponent) implements Val {}

    /**
     * {@code max + log(shiftedSum)}, the last step of log-sum-exp, or {@code max} itself when it is
     * infinite (the mathematical limit, where the shifted sum would be NaN).
     */
    record LogSumExpOf(Val max, Val shiftedSum) implements Val {}

    /** {@code row == col ? value : 0}: an entry of the identity or of a diagonal matrix. */
    record OnDiagonal(Index row, Index col, Val value) implements Val {}
}

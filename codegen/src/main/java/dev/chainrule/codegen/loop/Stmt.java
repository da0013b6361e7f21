package dev.chainrule.codegen.loop;

import dev.chainrule.shape.Dim;
import java.util.List;

/** A statement of a generated method body. */
public sealed interface Stmt {

    /** {@code final double name = value;} */
    record Let(String name, Val value) implements Stmt {}

    /** {@code double name = value;}: an accumulator, updated later. */
    record Init(String name, Val value) implements Stmt {}

    /** {@code name += value;} or {@code name *= value;} */
    record Update(String name, Val.Op op, Val value) implements Stmt {}

    /** {@code array[row, col] = value;} */
    record Store(Array array, Index row, Index col, Val value) implements Stmt {}

    /** {@code array[row, col] += value;} */
    record Accumulate(Array array, Index row, Index col, Val value) implements Stmt {}

    /** {@code for (int index = 0; index < extent; index++) { body }} */
    record Loop(String index, Dim extent, List<Stmt> body) implements Stmt {
        public Loop {
            body = List.copyOf(body);
        }
    }

    /**
     * LU factorisation with partial pivoting of {@code source} into {@code lu}, pivots into the
     * int workspace {@code pivots}; {@code sign} receives the permutation's sign, or 0 where the
     * matrix is singular.
     */
    record Factor(Array source, Array lu, String pivots, String sign) implements Stmt {}

    /** The inverse from a factorisation: {@code out = A⁻¹} (NaN entries where A is singular). */
    record Invert(Array lu, String pivots, String sign, Array out) implements Stmt {}

    /**
     * {@code if (local != 0.0) { body }}: skips a row's contribution when its coefficient is zero,
     * as for the samples a rectifier switches off. (A zero times an infinite entry would be NaN;
     * like hand-written code, the skip leaves it out.)
     */
    record UnlessZero(String local, List<Stmt> body) implements Stmt {
        public UnlessZero {
            body = List.copyOf(body);
        }
    }

    /** {@code return value;} */
    record Return(Val value) implements Stmt {}
}

package dev.chainrule.codegen.loop;

import dev.chainrule.shape.Dim;
import java.util.List;

/**
 * A statement of a generated method body. One record per kind; the one traversal is {@link #map}
 * (rebuild from mapped components: values, indices, arrays, local names, nested bodies) and
 * {@link #accept} (a dispatch the compiler checks for completeness).
 */
sealed interface Stmt {

    <R> R accept(Visitor<R> visitor);

    /** This statement rebuilt from its components, each passed through the mapper. */
    Stmt map(Mapper mapper);

    interface Visitor<R> {
        R visitLet(Let s);
        R visitInit(Init s);
        R visitAssign(Assign s);
        R visitUpdate(Update s);
        R visitStore(Store s);
        R visitAccumulate(Accumulate s);
        R visitLoop(Loop s);
        R visitBlocked(Blocked s);
        R visitFactor(Factor s);
        R visitInvert(Invert s);
        R visitUnlessZero(UnlessZero s);
        R visitUnlessAnyZero(UnlessAnyZero s);
        R visitIfOutside(IfOutside s);
        R visitReturn(Return s);
        R visitComment(Comment s);
        R visitPart(Part s);
    }

    /** {@code final double name = value;} */
    record Let(Name name, Val value) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitLet(this); }
        @Override public Stmt map(Mapper m) { return new Let(m.local(name), m.val(value)); }
    }

    /** {@code double name = value;}: a local set again later (an accumulator). */
    record Init(Name name, Val value) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitInit(this); }
        @Override public Stmt map(Mapper m) { return new Init(m.local(name), m.val(value)); }
    }

    /** {@code name = value;} for a local declared earlier. */
    record Assign(Name name, Val value) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitAssign(this); }
        @Override public Stmt map(Mapper m) { return new Assign(m.local(name), m.val(value)); }
    }

    /** {@code name += value;}, {@code name *= value;} or {@code name = Math.max(name, value);} */
    record Update(Name name, Val.Op op, Val value) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitUpdate(this); }
        @Override public Stmt map(Mapper m) { return new Update(m.local(name), op, m.val(value)); }
    }

    /** {@code array[row, col] = value;} */
    record Store(Array array, Index row, Index col, Val value) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitStore(this); }
        @Override public Stmt map(Mapper m) {
            return new Store(m.array(array), m.index(row), m.index(col), m.val(value));
        }
    }

    /** {@code array[row, col] += value;} */
    record Accumulate(Array array, Index row, Index col, Val value) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitAccumulate(this); }
        @Override public Stmt map(Mapper m) {
            return new Accumulate(m.array(array), m.index(row), m.index(col), m.val(value));
        }
    }

    /**
     * {@code for (int index = from; index < extent; index++) { body }}: from 0 over a dimension, or
     * from an outer loop's index over a triangle (the upper half of a symmetric matrix).
     */
    record Loop(Index.Var index, Index from, Dim extent, List<Stmt> body) implements Stmt {
        public Loop {
            body = List.copyOf(body);
        }

        /** {@code for (int index = 0; index < extent; index++) { body }} */
        public Loop(Index.Var index, Dim extent, List<Stmt> body) {
            this(index, Index.ZERO, extent, body);
        }

        /** This loop over the same range with another body. */
        Loop withBody(List<Stmt> newBody) {
            return new Loop(index, from, extent, newBody);
        }

        /** Whether the loop runs over the whole of its extent, from 0. */
        boolean fromZero() {
            return from.equals(Index.ZERO);
        }

        @Override public <R> R accept(Visitor<R> v) { return v.visitLoop(this); }
        @Override public Stmt map(Mapper m) { return new Loop(index, m.index(from), extent, m.body(body)); }
    }

    /**
     * A loop in blocks of {@code lanes} iterations, then the rest one at a time:
     * {@code for (int index = from; index < extent - (lanes - 1); index += lanes) { body }} where
     * the body does iterations {@code index}, {@code index + 1}, …, each with accumulators of its
     * own, then {@code for (…; index < extent; index++) { remainder }} over the last
     * {@code (extent − from) mod lanes} iterations, where {@code index} continues from the blocks.
     */
    record Blocked(Index.Var index, Index from, Dim extent, int lanes, List<Stmt> body, List<Stmt> remainder)
            implements Stmt {
        public Blocked {
            body = List.copyOf(body);
            remainder = List.copyOf(remainder);
        }

        @Override public <R> R accept(Visitor<R> v) { return v.visitBlocked(this); }
        @Override public Stmt map(Mapper m) {
            return new Blocked(index, m.index(from), extent, lanes, m.body(body), m.body(remainder));
        }
    }

    /**
     * LU factorisation with partial pivoting of {@code source} into {@code lu}, pivots into the
     * int workspace {@code pivots}; {@code sign} receives the permutation's sign, or 0 where the
     * matrix is singular.
     */
    record Factor(Array source, Array lu, Array pivots, Name sign) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitFactor(this); }
        @Override public Stmt map(Mapper m) {
            return new Factor(m.array(source), m.array(lu), m.array(pivots), m.local(sign));
        }
    }

    /** The inverse from a factorisation: {@code out = A⁻¹} (NaN entries where A is singular). */
    record Invert(Array lu, Array pivots, Name sign, Array out) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitInvert(this); }
        @Override public Stmt map(Mapper m) {
            return new Invert(m.array(lu), m.array(pivots), m.local(sign), m.array(out));
        }
    }

    /**
     * {@code if (condition != 0.0) { body }}: skips a row's contribution when its coefficient is
     * zero, as for the samples a rectifier switches off. (A zero times an infinite entry would be
     * NaN; like hand-written code, the skip leaves it out.)
     */
    record UnlessZero(Val condition, List<Stmt> body) implements Stmt {
        public UnlessZero {
            body = List.copyOf(body);
        }

        @Override public <R> R accept(Visitor<R> v) { return v.visitUnlessZero(this); }
        @Override public Stmt map(Mapper m) { return new UnlessZero(m.val(condition), m.body(body)); }
    }

    /**
     * {@code if (c0 != 0.0 && c1 != 0.0 && …) { body } else { otherwise }}: the update of a block of
     * rows, done column by column for all of them where no row's coefficient is zero, and row by
     * row where one is, each row then skipped as {@link UnlessZero} skips it (see {@link Jamming}).
     */
    record UnlessAnyZero(List<Val> conditions, List<Stmt> body, List<Stmt> otherwise) implements Stmt {
        public UnlessAnyZero {
            conditions = List.copyOf(conditions);
            body = List.copyOf(body);
            otherwise = List.copyOf(otherwise);
        }

        @Override public <R> R accept(Visitor<R> v) { return v.visitUnlessAnyZero(this); }
        @Override public Stmt map(Mapper m) {
            return new UnlessAnyZero(conditions.stream().map(m::val).toList(), m.body(body), m.body(otherwise));
        }
    }

    /** A range in which a fast computation is as accurate as the careful one it stands in for. */
    enum FastRange {
        /**
         * A sum of squares whose square root is the norm as it is: neither overflowed nor so small
         * that squares lost to underflow could reach its last bit.
         */
        SUM_OF_SQUARES
    }

    /**
     * {@code if (value < low || value > high) { body }}: a careful computation, done only where a
     * fast one's intermediate left the range in which the fast result is as accurate (a norm's sum
     * of squares that overflowed or underflowed), setting again what the fast one set. NaN is in
     * range: it comes from a NaN operand, which both computations carry into their results. The
     * range is named, not given in numbers: its bounds depend on the class's precision
     * ({@link NumberType#low}, {@link NumberType#high}).
     */
    record IfOutside(Val value, FastRange range, List<Stmt> body) implements Stmt {
        public IfOutside {
            body = List.copyOf(body);
        }

        @Override public <R> R accept(Visitor<R> v) { return v.visitIfOutside(this); }
        @Override public Stmt map(Mapper m) { return new IfOutside(m.val(value), range, m.body(body)); }
    }

    /** {@code return value;} */
    record Return(Val value) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitReturn(this); }
        @Override public Stmt map(Mapper m) { return new Return(m.val(value)); }
    }

    /** A line comment for the reader, such as the start of the backward sweep. */
    record Comment(String text) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitComment(this); }
        @Override public Stmt map(Mapper m) { return this; }
    }

    /**
     * Part of a method too large for the JIT, written as a private method of its own and called in
     * its place (returning the method's value when the part ends in a {@link Return}).
     */
    record Part(String method, List<Stmt> body) implements Stmt {
        public Part {
            body = List.copyOf(body);
        }

        @Override public <R> R accept(Visitor<R> v) { return v.visitPart(this); }
        @Override public Stmt map(Mapper m) { return new Part(method, m.body(body)); }

        boolean returnsValue() {
            return !body.isEmpty() && body.get(body.size() - 1) instanceof Return;
        }
    }
}

package dev.chainrule.codegen.loop;

import dev.chainrule.shape.Dim;

/**
 * A row or column index into an array: a loop variable, a fixed position, or a composite of them
 * ({@code i + n} for an entry of a block or a slice, {@code i * p + k} for one of a Kronecker
 * product). A new kind is a new record here, and then fails to compile in every {@link Visitor}
 * until it is handled, and {@link #map} rebuilds it from its components. Build composites with
 * {@link #shifted} and {@link #combined}, which fold what is fixed into a position.
 */
sealed interface Index {
    Index ZERO = new At(0);

    <R> R accept(Visitor<R> visitor);

    /** This index with its components mapped (a leaf is itself: the mapper sees it whole). */
    Index map(Mapper mapper);

    interface Visitor<R> {
        R visitVar(Var index);
        R visitAt(At index);
        R visitShifted(Shifted index);
        R visitCombined(Combined index);
    }

    /** {@code base + offset}: where an entry of a block or a slice lies in the whole. */
    static Index shifted(Index base, Dim offset) {
        if (offset.isZero()) {
            return base;
        }
        if (base instanceof At at && offset instanceof Dim.Fixed f) {
            return new At(at.position() + f.size());
        }
        return new Shifted(base, offset);
    }

    /** {@code outer · stride + inner}: a row of a Kronecker product, or of a commutation matrix. */
    static Index combined(Index outer, Dim stride, Index inner) {
        if (stride.equals(Dim.ONE) && outer.equals(ZERO)) {
            return inner;
        }
        if (outer instanceof At o && inner instanceof At i && stride instanceof Dim.Fixed s) {
            return new At(o.position() * s.size() + i.position());
        }
        if (outer.equals(ZERO)) {
            return inner;
        }
        return new Combined(outer, stride, inner);
    }

    /** A loop variable, by its name in the IR (the emitter picks the Java name). */
    record Var(String name) implements Index {
        @Override public <R> R accept(Visitor<R> v) { return v.visitVar(this); }
        @Override public Index map(Mapper m) { return this; }
        @Override public String toString() { return name; }
    }

    record At(int position) implements Index {
        @Override public <R> R accept(Visitor<R> v) { return v.visitAt(this); }
        @Override public Index map(Mapper m) { return this; }
        @Override public String toString() { return Integer.toString(position); }
    }

    record Shifted(Index base, Dim offset) implements Index {
        @Override public <R> R accept(Visitor<R> v) { return v.visitShifted(this); }
        @Override public Index map(Mapper m) { return shifted(m.index(base), offset); }
        @Override public String toString() { return base + " + " + offset; }
    }

    record Combined(Index outer, Dim stride, Index inner) implements Index {
        @Override public <R> R accept(Visitor<R> v) { return v.visitCombined(this); }
        @Override public Index map(Mapper m) { return combined(m.index(outer), stride, m.index(inner)); }
        @Override public String toString() { return outer + " * " + stride + " + " + inner; }
    }
}

package dev.chainrule.codegen.loop;

/**
 * A row or column index into an array: a loop variable or a fixed position. A new kind (a
 * composite {@code i * p + k} for Kronecker products and reshapes, say) is a new record here, and
 * then fails to compile in every {@link Visitor} until it is handled, and {@link #map} rebuilds it
 * from its components.
 */
sealed interface Index {
    Index ZERO = new At(0);

    <R> R accept(Visitor<R> visitor);

    /** This index with its components mapped (a leaf is itself: the mapper sees it whole). */
    Index map(Mapper mapper);

    interface Visitor<R> {
        R visitVar(Var index);
        R visitAt(At index);
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
}

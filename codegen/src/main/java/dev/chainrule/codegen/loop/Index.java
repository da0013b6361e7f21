package dev.chainrule.codegen.loop;

/** A row or column index into an array: a loop variable or a fixed position. */
public sealed interface Index {
    Index ZERO = new At(0);

    record Var(String name) implements Index {
        @Override public String toString() { return name; }
    }

    record At(int position) implements Index {
        @Override public String toString() { return Integer.toString(position); }
    }
}

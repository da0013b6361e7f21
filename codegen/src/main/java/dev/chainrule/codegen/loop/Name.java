package dev.chainrule.codegen.loop;

/**
 * The name of a local or an array of the loop IR. Lowering gives every temporary a {@link Temp}
 * name that says what it holds; the passes derive names from those (a copy per unrolled
 * iteration, a local per entry of a scalarised array); the naming pass turns them all into the
 * {@link Fixed} Java names the emitter prints, numbered without gaps and never confusable with a
 * name the user chose.
 */
sealed interface Name {

    /** The temporary this name derives from, or null for a fixed name. */
    Temp origin();

    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R visitFixed(Fixed name);
        R visitTemp(Temp name);
        R visitCopy(Copy name);
        R visitEntry(Entry name);
    }

    /** A Java name: a parameter, an output, or a temporary the naming pass has named. */
    record Fixed(String text) implements Name {
        @Override public <R> R accept(Visitor<R> v) { return v.visitFixed(this); }
        @Override public Temp origin() { return null; }
        @Override public String toString() { return text; }
    }

    /**
     * A temporary: its role ({@code dot}, {@code sum}, {@code residual}, or the name of the user's
     * local definition whose value it holds, when {@code userNamed}) and a serial number that makes
     * it unique in its class.
     */
    record Temp(String role, int serial, boolean userNamed) implements Name {
        @Override public <R> R accept(Visitor<R> v) { return v.visitTemp(this); }
        @Override public Temp origin() { return this; }
        @Override public String toString() { return role + "#" + serial; }
    }

    /** The copy of a local declared in an unrolled loop body, for one iteration. */
    record Copy(Name original, int iteration) implements Name {
        @Override public <R> R accept(Visitor<R> v) { return v.visitCopy(this); }
        @Override public Temp origin() { return original.origin(); }
        @Override public String toString() { return original + "_" + iteration; }
    }

    /** One entry of a temporary array held in a local of its own (fixed-size code has no arrays). */
    record Entry(Array array, int row, int col) implements Name {
        @Override public <R> R accept(Visitor<R> v) { return v.visitEntry(this); }
        @Override public Temp origin() { return array.name().origin(); }
        @Override public String toString() { return array.name() + "[" + row + "," + col + "]"; }
    }

    static Name of(String text) {
        return new Fixed(text);
    }
}

package dev.chainrule.print;

import dev.chainrule.graph.Expr;

/** Prints expressions in any {@link Format}. */
public final class Printer {
    private Printer() {}

    public static String print(Expr expr, Format format) {
        throw new UnsupportedOperationException("not yet: " + format);
    }
}

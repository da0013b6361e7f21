package dev.chainrule.interpret;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.print.Format;
import dev.chainrule.print.Printer;
import dev.chainrule.shape.Dim;
import java.util.Collection;
import java.util.Map;

/**
 * Whether the values of a graph fit, at given sizes, checked before any evaluation starts: so
 * that {@code sum(x*x')} of a vector of 20,001 entries is refused with the size it asks for
 * rather than running out of memory, and the n² entries of diag(x) for n = 46,341 are refused
 * rather than overflowing an int index.
 *
 * <p>Two limits: every value must have at most {@link #MAX_ENTRIES} entries, the most a Java array
 * can hold, which both engines need (generated code indexes entries with an int); and an engine
 * that stores intermediate values, as the interpreter does, needs each to fit in the heap.
 */
public final class Capacity {
    private Capacity() {}

    /** The most entries an array may have on common JVMs (a few below Integer.MAX_VALUE). */
    public static final long MAX_ENTRIES = Integer.MAX_VALUE - 8;

    /**
     * The most entries the interpreter stores in one value: a quarter of the heap, since an
     * operation holds its operands and its result at once.
     */
    public static long interpreterEntries() {
        return Math.min(MAX_ENTRIES, Runtime.getRuntime().maxMemory() / Double.BYTES / 4);
    }

    /**
     * Checks that every node of {@code graphs} has at most {@code limit} entries at these sizes.
     *
     * @param dimensions the size of every symbolic dimension the graphs use (others are skipped:
     *                   binding checks them)
     * @param limit      the most entries a value may have
     * @param engine     what holds the values, for the message: "the interpreter", "generated code"
     * @throws EvaluationException naming the first node that does not fit, its size, and the limit
     */
    public static void requireFits(Collection<Expr> graphs, Map<String, Integer> dimensions, long limit,
                                   String engine) {
        java.util.Set<Expr> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Expr graph : graphs) {
            for (Expr node : Traversal.postOrder(graph)) {
                if (seen.add(node)) {
                    requireFits(node, dimensions, limit, engine);
                }
            }
        }
    }

    private static void requireFits(Expr node, Map<String, Integer> dimensions, long limit, String engine) {
        long rows = size(node.shape().rows(), dimensions);
        long cols = size(node.shape().cols(), dimensions);
        if (rows < 0 || cols < 0) {
            return;
        }
        long entries = rows * cols;
        if (entries <= limit) {
            return;
        }
        String size = rows + " × " + cols + " = " + String.format("%,d", entries) + " entries";
        String why = limit >= MAX_ENTRIES || entries > MAX_ENTRIES
                ? "more than a Java array can hold (" + String.format("%,d", MAX_ENTRIES) + ")"
                : "more than " + engine + " can hold in this JVM's heap of " + gigabytes(Runtime.getRuntime().maxMemory())
                        + " (" + gigabytes(entries * Double.BYTES) + " for this value alone); --engine compiled does not "
                        + "store every intermediate value, or give a larger heap: CHAINRULE_JAVA_OPTS=-Xmx16g";
        throw new EvaluationException("cannot evaluate " + describe(node) + " at these sizes: " + size + ", " + why);
    }

    /** A dimension's size, or -1 if a symbol is unbound; just past the largest int if it is larger. */
    private static long size(Dim dim, Map<String, Integer> dimensions) {
        for (String symbol : dim.symbols()) {
            if (!dimensions.containsKey(symbol)) {
                return -1;
            }
        }
        try {
            return dim.value(dimensions::get);
        } catch (ArithmeticException tooLarge) {
            return Integer.MAX_VALUE + 1L;
        }
    }

    /** The node in the expression's own syntax, cut short: it may be a large part of the graph. */
    private static String describe(Expr node) {
        String text;
        try {
            text = Printer.printCompact(node, Format.TEXT, 30);
        } catch (IllegalStateException tooLong) {
            text = node.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        }
        return text.codePointCount(0, text.length()) <= 60 ? text : text.substring(0, text.offsetByCodePoints(0, 57)) + "…";
    }

    private static String gigabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}

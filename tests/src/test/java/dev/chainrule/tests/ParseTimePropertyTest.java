package dev.chainrule.tests;

import dev.chainrule.syntax.CalcException;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.testing.property.Gen;
import dev.chainrule.testing.property.Property;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Parse time grows no more than linearly. Each try builds one input shape at two sizes, k and 8k
 * repetitions (about 500 and 4,000 characters): long sums and products, deep parentheses and
 * calls, prefix minus and postfix transposes, right-associative powers, many functions in a file,
 * and the same with an error at the end, where the parser falls back from SLL to full LL. The
 * large input must parse within {@code 8 × 4 = 32} times the small one's time plus 1 ms: linear
 * growth gives 8, quadratic 64. Times are the thread's CPU time, the best of three; a try over the
 * bound is measured again, best of nine, before it counts as a failure, so that a garbage
 * collection or a busy machine does not fail the build. Runs alone ({@link Isolated}), not beside
 * other test classes.
 */
@Isolated
class ParseTimePropertyTest {
    static final int TRIES = 1000;
    static final int SMALL = 500;
    static final int FACTOR = 8;
    static final double SLACK = 4;
    static final long SLACK_NANOS = 1_000_000;

    /** An input shape: text of n repetitions, and whether it is a whole file. */
    record Shape(String name, IntFunction<String> text, boolean file) {
        String at(int n) {
            return text.apply(n);
        }
    }

    static final List<String> UNITS = List.of("x", "A*x", "sin(x)'", "2.5e3", "(x - y)", "x'*A*x", "sum(exp(w))",
            "a^b", "max(0, z)", "norm2(X*w - y)", "x²", "w · x", "diag(x)*y", "-x");

    static List<Shape> shapes(String u) {
        return List.of(
                new Shape("sum", n -> join(u, " + ", n), false),
                new Shape("product", n -> join(u, " .* ", n), false),
                new Shape("parentheses", n -> "(".repeat(n) + u + ")".repeat(n), false),
                new Shape("calls", n -> "sin(".repeat(n) + u + ")".repeat(n), false),
                new Shape("minus", n -> "-".repeat(n) + u, false),
                new Shape("transposes", n -> u + "'".repeat(n), false),
                new Shape("powers", n -> join("(" + u + ")", " ^ ", n), false),
                new Shape("sum with an error", n -> join(u, " + ", n) + " +", false),
                new Shape("parentheses with an error", n -> "(".repeat(n) + u + ")".repeat(n - 1), false),
                new Shape("file", n -> "package p;\n" + "function f(x: vector[n], y: vector[n]) = sum(" + u + ") + x'*y;\n"
                        .repeat(n), true),
                new Shape("file with an error", n -> "function f(x: vector[n]) = " + u + "\n".repeat(1)
                        + ("function g(x: vector[n]) = sum(x);\n").repeat(n) + "function h(x) =", true));
    }

    private static String join(String unit, String separator, int n) {
        StringBuilder s = new StringBuilder(unit);
        for (int i = 1; i < n; i++) {
            s.append(separator).append(unit);
        }
        return s.toString();
    }

    /** A shape and its repetitions for about {@value #SMALL} characters. */
    record Input(Shape shape, int small) {
        @Override
        public String toString() {
            return shape.name() + " of " + small + " and " + small * FACTOR + " repetitions, beginning "
                    + shape.at(small).substring(0, Math.min(60, shape.at(small).length()));
        }
    }

    @Test
    void parseTimeGrowsLinearly() {
        Gen<Input> inputs = Gen.elements(UNITS.toArray(String[]::new))
                .flatMap(u -> Gen.elements(shapes(u).toArray(Shape[]::new)))
                .map(shape -> {
                    int unit = Math.max(1, shape.at(2).length() - shape.at(1).length());
                    return new Input(shape, Math.max(2, SMALL / unit));
                });
        // Warm up the parser (JIT, ANTLR's DFA caches) on every shape at both sizes.
        for (String u : UNITS) {
            for (Shape s : shapes(u)) {
                for (int i = 0; i < 3; i++) {
                    parse(s, s.at(20));
                    parse(s, s.at(20 * FACTOR));
                }
            }
        }
        java.util.Map<String, Double> worst = new java.util.concurrent.ConcurrentSkipListMap<>();
        Property.forAll("parse time grows linearly", inputs)
                .tries(TRIES)
                .check(input -> {
                    String small = input.shape().at(input.small());
                    String large = input.shape().at(input.small() * FACTOR);
                    long[] t = {best(input.shape(), small, 3), best(input.shape(), large, 3)};
                    if (!withinBound(t)) {
                        t = new long[] {best(input.shape(), small, 9), best(input.shape(), large, 9)};
                    }
                    worst.merge(input.shape().name(), (double) t[1] / t[0], Math::max);
                    if (!withinBound(t)) {
                        throw new AssertionError(String.format(Locale.ROOT,
                                "%d characters parse in %.3f ms, %d characters in %.3f ms: %.1f times as long for %d times "
                                        + "the input (bound %.0f×, plus 1 ms)",
                                small.length(), t[0] / 1e6, large.length(), t[1] / 1e6, (double) t[1] / t[0],
                                large.length() / small.length(), FACTOR * SLACK));
                    }
                });
        System.out.println("parse time, largest ratio for " + FACTOR + " times the input, by shape: " + worst.entrySet()
                .stream().map(e -> e.getKey() + String.format(Locale.ROOT, " %.1f", e.getValue())).toList());
    }

    private static boolean withinBound(long[] t) {
        return t[1] <= FACTOR * SLACK * t[0] + SLACK_NANOS;
    }

    /**
     * This thread's CPU time in nanoseconds (the wall clock where the JVM cannot tell it): on a busy
     * machine the wall clock also counts the time the thread waited for a core.
     */
    private static long cpuTime() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static long best(Shape shape, String text, int runs) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long start = cpuTime();
            parse(shape, text);
            best = Math.min(best, cpuTime() - start);
        }
        return best;
    }

    private static void parse(Shape shape, String text) {
        try {
            if (shape.file()) {
                CalcSyntax.parseFile(new Source("t.calc", text));
            } else {
                CalcSyntax.parseExpression(text);
            }
        } catch (CalcException expected) {
            // errors must be found in linear time too
        }
    }
}

package dev.chainrule.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Parsing time grows about linearly with the input. Not a benchmark: ten times the input must take
 * less than fifty times as long (linear is 10x, quadratic 100x), timed as the best of a few runs
 * after a warm-up, on a thread with a large stack as the CLI uses. The time is the thread's CPU
 * time, not the wall clock's: on a machine busy with other work (a CI runner, benchmarks beside the
 * build) the wall clock also counts the time the thread waited for a core, which once made 10x
 * the input look 50x as slow. Checked to fail (ratio about 100) when error recovery deep inside
 * nesting was quadratic.
 */
class ParsingTimeTest {
    private static final int SMALL = 1_000;
    private static final int LARGE = 10 * SMALL;
    private static final double MAX_RATIO = 50;

    private static final String TERM = "sin(x'*A*x) - w . x / 2.5e-1 + max(0, z) .^ 2 ./ y² + (a ⊙ b)ᵀ * c";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** This thread's CPU time, in nanoseconds, or the wall clock where the JVM cannot tell it. */
    private static long now() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Best-of-five CPU time, in nanoseconds, of parsing {@code input(n)}, after warming up. */
    private static long time(IntFunction<Object> parse, int n) {
        for (int i = 0; i < 3; i++) {
            parse.apply(n);
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            // Each run starts with an empty young generation: otherwise only the large input's runs
            // pay for a collection (of the parse trees the earlier runs left), a step of 10× in
            // time that says nothing about how parsing grows.
            System.gc();
            long start = now();
            parse.apply(n);
            best = Math.min(best, now() - start);
        }
        return Math.max(best, 1);
    }

    private static void assertRoughlyLinear(String what, IntFunction<Object> parse) throws InterruptedException {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                // A busy machine can stall one measurement; up to three tries, the best counts.
                double best = Double.MAX_VALUE;
                for (int attempt = 0; attempt < 3 && best >= MAX_RATIO; attempt++) {
                    long small = time(parse, SMALL);
                    long large = time(parse, LARGE);
                    best = Math.min(best, (double) large / small);
                }
                outcome.set(best);
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "timing", 512L * 1024 * 1024);
        thread.start();
        thread.join();
        double ratio = assertInstanceOf(Double.class, outcome.get(), () -> String.valueOf(outcome.get()));
        assertTrue(ratio < MAX_RATIO, what + ": " + LARGE + " took " + ratio + " times as long as " + SMALL);
    }

    private static String sum(int terms) {
        StringBuilder text = new StringBuilder(TERM);
        for (int i = 1; i < terms; i++) {
            text.append(i % 2 == 0 ? " + " : " - ").append(TERM);
        }
        return text.toString();
    }

    private static String file(int functions) {
        StringBuilder text = new StringBuilder("package timing;\n");
        for (int i = 0; i < functions; i++) {
            text.append("// function ").append(i).append('\n')
                    .append("function f").append(i)
                    .append("(w: vector[n], b: scalar, X: matrix[N, n], y: vector[N]) =\n")
                    .append("    z = X*w + b;\n")
                    .append("    sum((y - max(0, z)) .^ 2) / N\n")
                    .append("    gradient wrt w, b;\n");
        }
        return text.toString();
    }

    @Test
    void longExpressionParsesInRoughlyLinearTime() throws InterruptedException {
        assertInstanceOf(Ast.Binary.class, CalcSyntax.parseExpression(sum(3)));
        assertRoughlyLinear("a sum of terms", n -> CalcSyntax.parseExpression(sum(n / 10)));
    }

    @Test
    void deepParenthesesParseInRoughlyLinearTime() throws InterruptedException {
        assertRoughlyLinear("nested parentheses", n -> CalcSyntax.parseExpression("(".repeat(n) + "x" + ")".repeat(n)));
    }

    @Test
    void fileWithManyFunctionsParsesInRoughlyLinearTime() throws InterruptedException {
        assertEquals(3, CalcSyntax.parseFile(new Source("t.calc", file(3))).functions().size());
        assertRoughlyLinear("a file of functions", n -> CalcSyntax.parseFile(new Source("t.calc", file(n / 10))));
    }

    @Test
    void errorDeepInsideNestingIsReportedInRoughlyLinearTime() throws InterruptedException {
        // Error recovery recomputes a recovery set from the whole rule stack at every level it
        // unwinds; deep inside nesting the parser stops at the first error instead.
        assertRoughlyLinear("an unclosed parenthesis deep inside", n -> {
            try {
                return CalcSyntax.parseExpression("-(".repeat(n) + "x +");
            } catch (CalcException e) {
                return e;
            }
        });
    }

    @Test
    void manyErrorsAreReportedInRoughlyLinearTime() throws InterruptedException {
        assertRoughlyLinear("a file full of errors", n -> {
            try {
                return CalcSyntax.parseFile(new Source("bad.calc", "function f(x: scalar) = x + ;\n".repeat(n / 10)));
            } catch (CalcException e) {
                return e;
            }
        });
    }
}

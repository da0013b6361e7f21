package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import java.lang.reflect.Method;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The e^x a double class writes for itself in place of {@code Math.exp}, compiled from the generated
 * source and checked against {@code StrictMath.exp}: within 2 ulps everywhere, exact at the special
 * cases, and the same as {@code Math.exp} where it leaves the work to it (overflow, subnormal results).
 */
class GeneratedExpTest {
    private static Method exp;
    private static Method softplus;

    @BeforeAll
    static void compileTheHelper() throws ReflectiveOperationException {
        String calc = """
                function lse(x: vector[n]) = log(sum(exp(x))) gradient wrt x;
                function soft(a: scalar) = log(1 + exp(a)) gradient wrt a;
                """;
        var file = TypeChecker.file(CalcSyntax.parseFile(new Source("exp.calc", calc)));
        var sources = CodeGenerator.generate(file);
        assertTrue(sources.get(0).toString().contains("exp(x[i] - max)"), "log-sum-exp calls the class's exp");
        var classes = InMemoryCompiler.compile(sources).values();
        Class<?> lse = classes.stream().filter(c -> c.getSimpleName().equals("Lse")).findFirst().orElseThrow();
        Class<?> soft = classes.stream().filter(c -> c.getSimpleName().equals("Soft")).findFirst().orElseThrow();
        exp = lse.getDeclaredMethod("exp", double.class);
        exp.setAccessible(true);
        softplus = soft.getDeclaredMethod("softplus", double.class);
        softplus.setAccessible(true);
    }

    private static double exp(double x) {
        return call(exp, x);
    }

    private static double call(Method helper, double x) {
        try {
            return (double) helper.invoke(null, x);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** How many units in the last place of the exact-to-1-ulp StrictMath.exp the helper is off. */
    private static double ulps(double x) {
        double want = StrictMath.exp(x);
        return Math.abs(exp(x) - want) / Math.ulp(want);
    }

    @Test
    void specialCasesAreExact() {
        assertEquals(1.0, exp(0.0), 0);
        assertEquals(1.0, exp(-0.0), 0);
        assertEquals(Double.POSITIVE_INFINITY, exp(Double.POSITIVE_INFINITY), 0);
        assertEquals(0.0, exp(Double.NEGATIVE_INFINITY), 0);
        assertTrue(Double.isNaN(exp(Double.NaN)));
        assertEquals(1.0, exp(Double.MIN_VALUE), 0);
        assertEquals(Double.POSITIVE_INFINITY, exp(709.79), 0, "e^709.79 overflows");
        assertEquals(Double.POSITIVE_INFINITY, exp(1e300), 0);
        assertEquals(0.0, exp(-746.0), 0, "e^-746 underflows");
        assertEquals(0.0, exp(-1e300), 0);
        assertTrue(Math.abs(exp(1.0) - Math.E) <= Math.ulp(Math.E));
    }

    @Test
    void withinTwoUlpsOfStrictMathAcrossTheWholeRange() {
        SplittableRandom random = new SplittableRandom(16);
        double worst = 0;
        double worstAt = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double x = random.nextDouble(-745.2, 709.8);
            double error = ulps(x);
            if (error > worst) {
                worst = error;
                worstAt = x;
            }
        }
        assertTrue(worst <= 2, "off by " + worst + " ulps at " + worstAt);
    }

    @Test
    void withinTwoUlpsNearTheReductionsBoundariesAndTheFallback() {
        SplittableRandom random = new SplittableRandom(17);
        double ln2Over128 = Math.log(2) / 128;
        for (int i = 0; i < 200_000; i++) {
            // Next to r = ±ln 2 / 128, where n rounds either way, for every table entry and many k.
            double n = random.nextInt(-65_000, 65_000);
            double x = n * Math.log(2) / 64 + (random.nextBoolean() ? ln2Over128 : -ln2Over128) * (1 - 1e-12 * random.nextDouble());
            if (Math.abs(x) < 708) {
                assertTrue(ulps(x) <= 2, "at " + x);
            }
        }
        for (double x = 707.9; x < 708.1; x = Math.nextUp(x + 1e-6)) {
            assertTrue(ulps(x) <= 2, "at " + x);
            assertTrue(ulps(-x) <= 2, "at " + -x);
        }
        for (double x : new double[] {Math.nextDown(708.0), 708.0, 709.782712893384, Math.nextDown(-708.0), -708.0,
                -708.3964185322641, -745.1332191019411, -745.1332191019412, 1e-300, -1e-300, 1e-17}) {
            assertEquals(Math.exp(x), exp(x), Math.ulp(Math.exp(x)) * 2, "at " + x);
        }
    }

    @Test
    void subnormalResultsAreMathExps() {
        SplittableRandom random = new SplittableRandom(18);
        for (int i = 0; i < 100_000; i++) {
            double x = random.nextDouble(-745.2, -708.0);
            assertEquals(Math.exp(x), exp(x), 0, "at " + x);
        }
    }

    @Test
    void softplusIsWithin1eMinus15OfStrictMathsLog1pOfExp() {
        SplittableRandom random = new SplittableRandom(19);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double x = i % 2 == 0 ? random.nextDouble(-40, 40) : random.nextDouble(-700, 700);
            double want = Math.max(x, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(x)));
            worst = Math.max(worst, Math.abs(call(softplus, x) - want) / want);
        }
        assertTrue(worst <= 1e-15, "relative error " + worst);
        assertEquals(Math.log(2), call(softplus, 0.0), 0);
        assertEquals(Double.POSITIVE_INFINITY, call(softplus, Double.POSITIVE_INFINITY), 0);
        assertEquals(0.0, call(softplus, Double.NEGATIVE_INFINITY), 0);
        assertEquals(0.0, call(softplus, -800.0), 0);
        assertTrue(Double.isNaN(call(softplus, Double.NaN)));
    }
}

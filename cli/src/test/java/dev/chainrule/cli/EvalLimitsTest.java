package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code eval} on inputs that once ended in an internal error or in running out of memory: each
 * now ends in one clear line and exit 2, the same in both engines, before any evaluation starts,
 * or in the right numbers.
 */
class EvalLimitsTest {

    private static CliRun eval(String engine, String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--engine";
        all[args.length + 1] = engine;
        return CliRun.run(all);
    }

    private static void assertRefused(CliRun run, String... fragments) {
        assertEquals(2, run.status(), run::toString);
        assertEquals("", run.out(), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertTrue(run.err().startsWith("chainrule: "), run::toString);
        for (String fragment : fragments) {
            assertTrue(run.err().contains(fragment), () -> "no '" + fragment + "' in\n" + run);
        }
    }

    private static String ones(int n) {
        return IntStream.range(0, n).mapToObj(i -> "1").collect(Collectors.joining(",", "[", "]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiled"})
    void aValueWithMoreEntriesThanAnArrayHoldsIsRefusedBeforeEvaluation(String engine) {
        // diag(x) of 46,341 entries has 46,341² > 2³¹ − 1 entries: once an ArithmeticException.
        assertRefused(eval(engine, "eval", "sum(diag(x))", "--at", "x=" + ones(46_341)),
                "diag(x)", "46341 × 46341", "more than a Java array can hold");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter"})
    void aValueLargerThanTheHeapIsRefusedWithItsSize(String engine) {
        // x xᵀ of n entries is n × n; once an out-of-memory. The compiled engine never stores it.
        long entries = Runtime.getRuntime().maxMemory() / Double.BYTES / 4;
        int n = (int) Math.sqrt((double) entries) + 2;
        assumeTrue(n < 46_341, "a heap this large holds any array");
        assertRefused(eval(engine, "eval", "sum(x*x')", "--at", "x=" + ones(n)),
                "xxᵀ", n + " × " + n, "heap", "--engine compiled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiled"})
    void anArrayOfTheWrongLengthIsAUserErrorInBothEngines(String engine) {
        // Once an internal error from the generated checkLength.
        assertRefused(eval(engine, "eval", "sum(X*w)", "--at", "X=[[1]]", "--at", "w=[1,1]"),
                "w: vector[m]", "length 2", "m = 1 from the columns of X");
        assertRefused(eval(engine, "eval", "sum(x)", "--at", "x=[1]", "--wrt", "x", "--var", "x:vector[3]"),
                "x: vector[3]", "length 1", "must be 3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiled"})
    void aVectorGivenForAMatrixIsAUserErrorInBothEngines(String engine) {
        // Once "no size given for the dimension n" from the compiled engine.
        assertRefused(eval(engine, "eval", "A", "--at", "A=[1]"), "A: matrix[n,m]", "not a matrix");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiled"})
    void aDimensionCarriedByADeclaredVariableHasItsValue(String engine) {
        // k is A's size and the value of the expression; A does not otherwise occur, so its gradient is 0.
        CliRun run = eval(engine, "eval", "k", "--wrt", "A", "--var", "A:matrix[k,k]", "--at", "A=[[1,2],[3,4]]");
        assertEquals(0, run.status(), run::toString);
        assertEquals(Map.of("value", 2.0, "gradient", Map.of("A", List.of(List.of(0.0, 0.0), List.of(0.0, 0.0)))),
                MiniJson.parse(run.out()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiled"})
    void aGradientWithRespectToANameTheExpressionLacksIsRefusedInBothEngines(String engine) {
        // Once a caret into a generated "function f(...)" line in the compiled engine, 0 in the interpreter.
        assertRefused(eval(engine, "eval", "a", "--wrt", "b", "--at", "a=1", "--at", "b=2"),
                "cannot differentiate with respect to 'b'", "its variables: a");
    }
}

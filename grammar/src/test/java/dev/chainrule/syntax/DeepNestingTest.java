package dev.chainrule.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Deeply nested input gives an AST or a {@link CalcException}, never a {@link StackOverflowError}:
 * with a large stack (the CLI runs its work on a thread with 512 MB) it parses; with a small one it
 * is reported as too deep.
 */
class DeepNestingTest {
    private static final int DEPTH = 10_000;
    private static final long LARGE_STACK = 512L * 1024 * 1024;
    private static final long SMALL_STACK = 256L * 1024;
    private static final String TOO_DEEP =
            "<expr>:1:1: input nested too deeply to parse (run with a larger stack, -Xss, for more)";

    private static final String PARENS = "(".repeat(DEPTH) + "x" + ")".repeat(DEPTH);
    private static final String MINUSES = "-".repeat(DEPTH) + "x";
    private static final String POWERS = "x^".repeat(DEPTH) + "x";
    private static final String SUM = "x + ".repeat(DEPTH) + "x";
    private static final String CALLS = "sin(".repeat(DEPTH) + "x" + ")".repeat(DEPTH);

    /** Runs {@code work} on a new thread with this stack size (0: the JVM's default); returns what it gave or threw. */
    private static Object onThread(long stackBytes, Supplier<Object> work) throws InterruptedException {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                outcome.set(work.get());
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "deep-parse", stackBytes);
        thread.start();
        thread.join();
        return outcome.get();
    }

    private static Object parseOn(long stackBytes, String expression) throws InterruptedException {
        return onThread(stackBytes, () -> CalcSyntax.parseExpression(expression));
    }

    /** An AST or a CalcException saying the input is too deep; anything else fails the test. */
    private static void assertAstOrTooDeep(Object outcome) {
        if (outcome instanceof CalcException e) {
            assertEquals(TOO_DEEP, e.diagnostics().get(0).headline());
        } else if (!(outcome instanceof Ast)) {
            fail("expected an Ast or a CalcException, got " + (outcome == null ? null : outcome.getClass()));
        }
    }

    /** How many unary nodes are stacked on top of each other, counted without recursion. */
    private static int unaryDepth(Ast ast) {
        int depth = 0;
        while (ast instanceof Ast.Unary unary) {
            depth++;
            ast = unary.operand();
        }
        return depth;
    }

    @Test
    void tenThousandParenthesesParseWithALargeStack() throws InterruptedException {
        Object outcome = parseOn(LARGE_STACK, PARENS);
        assertEquals(new Ast.Name("x", new Span(1, DEPTH + 1, 1)), outcome);
    }

    @Test
    void tenThousandUnaryMinusesParseWithALargeStack() throws InterruptedException {
        Ast ast = assertInstanceOf(Ast.class, parseOn(LARGE_STACK, MINUSES));
        assertEquals(DEPTH, unaryDepth(ast));
    }

    @Test
    void tenThousandRightAssociativePowersParseWithALargeStack() throws InterruptedException {
        Ast ast = assertInstanceOf(Ast.class, parseOn(LARGE_STACK, POWERS));
        int depth = 0;
        while (ast instanceof Ast.Binary power) {
            assertEquals(Ast.BinaryOp.POWER, power.op());
            depth++;
            ast = power.right();
        }
        assertEquals(DEPTH, depth);
    }

    @Test
    void tenThousandTermSumParsesWithALargeStack() throws InterruptedException {
        Ast ast = assertInstanceOf(Ast.class, parseOn(LARGE_STACK, SUM));
        int depth = 0;
        while (ast instanceof Ast.Binary sum) {
            depth++;
            ast = sum.left();
        }
        assertEquals(DEPTH, depth, "left associative: the tree leans left");
    }

    @Test
    void tenThousandNestedCallsParseWithALargeStack() throws InterruptedException {
        Ast ast = assertInstanceOf(Ast.class, parseOn(LARGE_STACK, CALLS));
        int depth = 0;
        while (ast instanceof Ast.Call call) {
            depth++;
            ast = call.args().get(0);
        }
        assertEquals(DEPTH, depth);
    }

    @Test
    void deeplyNestedFileParsesWithALargeStack() throws InterruptedException {
        String text = "function f(x: scalar) =\n  y = " + PARENS + ";\n  " + MINUSES + "\n  gradient wrt x;";
        Object outcome = onThread(LARGE_STACK, () -> CalcSyntax.parseFile(new Source("deep.calc", text)));
        CalcFile file = assertInstanceOf(CalcFile.class, outcome);
        assertEquals(DEPTH, unaryDepth(file.functions().get(0).body()));
    }

    @Test
    void deeplyNestedSyntaxErrorIsReportedWithALargeStack() throws InterruptedException {
        Object outcome = parseOn(LARGE_STACK, "(".repeat(DEPTH) + "x");
        CalcException e = assertInstanceOf(CalcException.class, outcome);
        assertEquals("<expr>:1:" + (DEPTH + 2) + ": unexpected end of input, expected ')'",
                e.diagnostics().get(0).headline());
    }

    @Test
    void onTheDefaultStackDeepInputGivesAnAstOrACalcException() throws InterruptedException {
        for (String deep : new String[] {PARENS, MINUSES, POWERS, SUM, CALLS}) {
            assertAstOrTooDeep(parseOn(0, deep));
        }
        Object file = onThread(0, () -> CalcSyntax.parseFile(new Source("deep.calc", "function f(x: scalar) = "
                + PARENS + ";")));
        if (file instanceof CalcException e) {
            assertEquals("deep.calc:1:1: input nested too deeply to parse (run with a larger stack, -Xss, for more)",
                    e.diagnostics().get(0).headline());
        } else {
            assertInstanceOf(CalcFile.class, file);
        }
    }

    @Test
    void onThisTestThreadDeepInputGivesAnAstOrACalcException() {
        for (String deep : new String[] {PARENS, MINUSES, POWERS, SUM, CALLS}) {
            Object outcome;
            try {
                outcome = CalcSyntax.parseExpression(deep);
            } catch (CalcException e) {
                outcome = e;
            }
            assertAstOrTooDeep(outcome);
        }
    }

    @Test
    void onASmallStackDeepInputIsReportedAsTooDeep() throws InterruptedException {
        for (String deep : new String[] {PARENS, MINUSES, POWERS, SUM, CALLS}) {
            Object outcome = parseOn(SMALL_STACK, deep);
            CalcException e = assertInstanceOf(CalcException.class, outcome, deep.substring(0, 10));
            assertEquals(TOO_DEEP, e.diagnostics().get(0).headline());
        }
    }

    @Test
    void parsingStillWorksAfterAStackOverflow() throws InterruptedException {
        assertInstanceOf(CalcException.class, parseOn(SMALL_STACK, PARENS));
        assertInstanceOf(CalcException.class, parseOn(SMALL_STACK, MINUSES));
        // ANTLR's prediction caches are shared by all parsers: they must not be left broken.
        assertEquals("(* (* (' x) A) x)", AstPrinter.parse("x'*A*x"));
        assertEquals("(- (^ x 2))", AstPrinter.parse("-x^2"));
        assertEquals("(+ (. w x) b)", AstPrinter.parse("((w . x + b))"));
        assertTrue(parseOn(LARGE_STACK, PARENS) instanceof Ast.Name);
    }
}

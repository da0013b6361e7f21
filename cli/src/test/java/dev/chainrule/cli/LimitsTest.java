package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Inputs too large or too deep to handle are refused with one clear message and exit 2 before
 * the work starts: never an internal error, an out-of-memory or a hang.
 */
class LimitsTest {

    private static void assertRefused(CliRun run, String... fragments) {
        assertEquals(2, run.status(), run::toString);
        assertEquals("", run.out(), run::toString);
        for (String fragment : fragments) {
            assertTrue(run.err().contains(fragment), () -> "no '" + fragment + "' in\n" + run);
        }
        assertTrue(!run.err().contains("internal error") && !run.err().contains("\tat "), run::toString);
    }

    @Test
    void aShapeWithASideLargerThanAnIntIsAPositionedError() {
        // kron(A, A) of a 10⁵ × 10⁵ matrix has 10¹⁰ rows: once an ArithmeticException.
        CliRun run = CliRun.run("grad", "sum(vec(kron(A,A)))", "--var", "A:matrix[100000,100000]", "--wrt", "A");
        assertRefused(run, "<expr>:1:9: the size 100000·100000 is too large: more than 2147483647");
        assertTrue(run.err().contains("^~~~"), run::toString);
    }

    @Test
    void aJacobianWithMoreRowsThanAnIntCanCountIsRefused() {
        // kron(A, A) of a 1000 × 1000 matrix has 10¹² entries: its Jacobian a row for each.
        assertRefused(CliRun.run("jacobian", "kron(A,A)", "--var", "A:matrix[1000,1000]", "--wrt", "A"),
                "chainrule: the Jacobian is too large to form: the size 1000000·1000000 is too large");
    }
}

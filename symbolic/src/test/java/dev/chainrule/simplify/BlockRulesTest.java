package dev.chainrule.simplify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chainrule.graph.Expr;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules for blocks, slices and Kronecker products keep the value and the shape, where sizes
 * are symbolic and where a size is 1. Each case is a minimised failure of the property tests.
 */
class BlockRulesTest {
    private static final Dim N = Dim.of("n");

    /** Rows r0 … r0 + rows − 1 and columns c0 … of the n × n identity. */
    private static Expr identitySlice(Dim r0, Dim rows, Dim c0, Dim cols) {
        return Expr.slice(Expr.identity(N), r0, c0, Shape.matrix(rows, cols));
    }

    @Test
    void rowsOfTheIdentityPickRowsOnlyWhereTheyLieWithinTheColumnsTaken() {
        // I[:, 1:n−1] I[1:n−1, :] is diag(1, …, 1, 0), not I: the left factor places rows among
        // zeros. unit-times read it as I[rows, :]·B and dropped the last zero (a wrong Hessian).
        Dim shorter = Dim.difference(N, Dim.ONE);
        Expr placeThenPick = Expr.product(identitySlice(Dim.ZERO, N, Dim.ZERO, shorter),
                identitySlice(Dim.ZERO, shorter, Dim.ZERO, N));
        Expr simplified = Simplifier.simplify(placeThenPick);
        assertEquals(Value.matrix(2, 2, 1, 0, 0, 0), Interpreter.evaluate(simplified, Map.of(), Map.of("n", 2)));
        // Rows within the columns: I[2:n, :]·A = A[2:n, :], and with rows = columns, all of A.
        Expr a = Expr.variable("A", Shape.matrix(N, Dim.of(2)));
        Expr rows = Expr.product(identitySlice(Dim.ONE, shorter, Dim.ZERO, N), a);
        assertSame(Expr.slice(a, Dim.ONE, Dim.ZERO, Shape.matrix(shorter, Dim.of(2))), Simplifier.simplify(rows));
        Expr b = Expr.variable("B", Shape.matrix(shorter, Dim.of(2)));
        Expr same = Expr.product(identitySlice(Dim.ONE, shorter, Dim.ONE, shorter), b);
        assertSame(b, Simplifier.simplify(same));
    }

    @Test
    void anEntryOfAProductWithOneColumnStaysAScalar() {
        // (BA)[1, 1] for A of one column moved inwards to B[1, :]A, a row of length 1.
        Expr b = Expr.variable("B", Shape.matrix(Dim.of(3), Dim.of(3)));
        Expr a = Expr.variable("A", Shape.matrix(Dim.of(3), Dim.ONE));
        Expr entry = Expr.entry(Expr.product(b, a), 0, 0);
        Expr simplified = Simplifier.simplify(entry);
        assertEquals(Shape.SCALAR, simplified.shape());
        Map<String, Value> at = Map.of("B", Value.matrix(3, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9), "A", Value.matrix(3, 1, 1, 0, 2));
        assertEquals(Value.scalar(7), Interpreter.evaluate(simplified, at));
    }
}

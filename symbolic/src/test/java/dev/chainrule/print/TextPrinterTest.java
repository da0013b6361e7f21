package dev.chainrule.print;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import org.junit.jupiter.api.Test;

/** TEXT beyond the examples: spacing between juxtaposed factors, constants, signs. */
class TextPrinterTest {
    private static final Dim N = Dim.of("n");
    private static final Expr X = Expr.variable("x", Shape.vector(N));
    private static final Expr A = Expr.variable("a", Shape.SCALAR);

    private static String text(Expr e) {
        return Printer.print(e, Format.TEXT);
    }

    private static String text(String expression, String declarations) {
        return text(Fixtures.check(expression, declarations));
    }

    @Test
    void namesThatWouldMergeAreSpacedApart() {
        String d = "A: matrix[n, n], W1: matrix[n, n], W2: matrix[n, n], x: vector[n], x_hat: vector[n], α: scalar, eta: scalar";
        assertEquals("Ax", text("A*x", d));
        assertEquals("W1 x", text("W1*x", d));
        assertEquals("A W1", text("A*W1", d));
        assertEquals("W1 W2 x", text("W1*W2*x", d));
        assertEquals("A x_hat", text("A*x_hat", d));
        assertEquals("αx", text("α*x", d));
        assertEquals("eta x", text("eta*x", d));
        assertEquals("W1ᵀ x", text("W1'*x", d));
        assertEquals("W1 (x + x_hat)", text("W1*(x + x_hat)", d));
        assertEquals("A(x + x_hat)", text("A*(x + x_hat)", d));
        assertEquals("α‖x‖", text("α*norm2(x)", d));
        assertEquals("2 eta", text("2*eta", d));
    }

    @Test
    void functionsAreSpacedFromTheirNeighbours() {
        assertEquals("2 tr(A)", text("2*tr(A)", Fixtures.STANDARD));
        assertEquals("a tr(A)", text("a*tr(A)", Fixtures.STANDARD));
        assertEquals("tr(A) x", text("tr(A)*x", Fixtures.STANDARD));
        assertEquals("diag(x) A diag(y)", text("diag(x)*A*diag(y)", Fixtures.STANDARD));
        assertEquals("(a + b) tr(A)", text("(a + b)*tr(A)", Fixtures.STANDARD));
        assertEquals("‖x‖ tr(A)", text("norm2(x)*tr(A)", Fixtures.STANDARD));
    }

    @Test
    void numbersAfterAFactorAreSetOff() {
        assertEquals("a·2", text(Expr.scale(A, Expr.scalar(2))));
        assertEquals("2·3", text(Expr.scale(Expr.scalar(2), Expr.scalar(3))));
        assertEquals("0.5x", text(Expr.scale(Expr.scalar(0.5), X)));
        assertEquals("1e-8 x", text(Expr.scale(Expr.scalar(1e-8), X)));
        assertEquals("(a + 1)²", text("(a + 1)^2", Fixtures.STANDARD));
    }

    @Test
    void aUnitFactorIsLeftOut() {
        assertEquals("x", text(Expr.scale(Expr.scalar(1), X)));
        assertEquals("−x", text(Expr.scale(Expr.scalar(-1), X)));
        assertEquals("y − x", text(Expr.add(Expr.variable("y", Shape.vector(N)), Expr.scale(Expr.scalar(-1), X))));
    }

    @Test
    void negativeFactorsPutTheirSignInFront() {
        assertEquals("−2x", text(Expr.scale(Expr.scalar(-2), X)));
        assertEquals("y − 2x", text(Expr.add(Expr.variable("y", Shape.vector(N)), Expr.scale(Expr.scalar(-2), X))));
        assertEquals("−(x ⊙ y)", text("-(x .* y)", Fixtures.STANDARD));
        assertEquals("−x ⊙ y", text("-x .* y", Fixtures.STANDARD));
        assertEquals("x ⊙ (−y)", text("x .* -y", Fixtures.STANDARD));
        assertEquals("(−a)²", text("(-a)^2", Fixtures.STANDARD));
        assertEquals("a + 2", text(Expr.add(A, Expr.negate(Expr.scalar(-2)))));
    }

    @Test
    void constants() {
        assertEquals("1⃗", text(Expr.ones(Shape.vector(N))));
        assertEquals("0⃗", text(Expr.zero(Shape.vector(N))));
        assertEquals("1⃗ᵀ", text(Expr.ones(Shape.row(N))));
        assertEquals("𝟏", text(Expr.ones(Shape.matrix(N, N))));
        assertEquals("𝟎", text(Expr.zero(Shape.matrix(N, N))));
        assertEquals("0.5·1⃗", text(Expr.constant(0.5, Shape.vector(N))));
        assertEquals("−1⃗", text(Expr.constant(-1, Shape.vector(N))));
        assertEquals("x + 0.5", text(Expr.add(X, Expr.constant(0.5, Shape.vector(N)))));
        assertEquals("b·1⃗", text(Expr.scale(Expr.variable("b", Shape.SCALAR), Expr.ones(Shape.vector(N)))));
        assertEquals("I", text(Expr.identity(N)));
        assertEquals("n", text(Expr.size(N)));
        assertEquals("2", text(Expr.scalar(2.0)));
        assertEquals("∞", text(Expr.scalar(Double.POSITIVE_INFINITY)));
        assertEquals("−∞", text(Expr.scalar(Double.NEGATIVE_INFINITY)));
        assertEquals("NaN", text(Expr.scalar(Double.NaN)));
    }

    @Test
    void powers() {
        assertEquals("a¹⁰", text("a^10", Fixtures.STANDARD));
        assertEquals("a⁻²", text(Expr.power(A, Expr.scalar(-2))));
        assertEquals("a^123", text("a^123", Fixtures.STANDARD));
        assertEquals("(a²)³", text("(a^2)^3", Fixtures.STANDARD));
        assertEquals("(xᵀy)²", text("(x'*y)^2", Fixtures.STANDARD));
        assertEquals("A.^2 ⊙ B", text("A .^ 2 .* B", Fixtures.STANDARD));
        assertEquals("(A.^2)B", text("A .^ 2 * B", Fixtures.STANDARD));
        assertEquals("x.^(a + 1)", text("x .^ (a + 1)", Fixtures.STANDARD));
    }

    @Test
    void divisions() {
        assertEquals("x/(a + b)", text("x / (a + b)", Fixtures.STANDARD));
        assertEquals("(x + y)/a", text("(x + y) / a", Fixtures.STANDARD));
        assertEquals("x ⊘ (y + w)", text("x ./ (y + w)", Fixtures.STANDARD));
        assertEquals("2 ⊘ x", text("2 ./ x", Fixtures.STANDARD));
        assertEquals("a/b/c", text("a/b/c", Fixtures.STANDARD));
        assertEquals("a/(b/c)", text("a/(b/c)", Fixtures.STANDARD));
        assertEquals("ab/c", text("a*b/c", Fixtures.STANDARD));
    }

    @Test
    void aVariableNamedAsADerivativeIsParenthesizedOnlyBeforeATransposeOrAPower() {
        Expr label = Expr.variable("∂u1/∂w", Shape.row(Dim.of("n")));
        Expr gradient = Expr.variable("∂f/∂u1", Shape.SCALAR);
        assertEquals("∂f/∂u1 (∂u1/∂w)ᵀ", text(Expr.scale(gradient, Expr.transpose(label))));
        assertEquals("∂f/∂u1 x", text(Expr.scale(gradient, X)));
        assertEquals("Aᵀ ∂f/∂x", text(Expr.product(Expr.transpose(Expr.variable("A", Shape.matrix(N, N))), Expr.variable("∂f/∂x", Shape.vector(N)))));
        assertEquals("(∂f/∂u1)²", text(Expr.power(gradient, Expr.scalar(2))));
        assertEquals("∂f/∂u1 + 1", text(Expr.add(gradient, Expr.scalar(1))));
    }
}

package dev.chainrule.print;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.shape.Shape;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each example in every tree format, and the ASCII form read back as the very same node, for the
 * example and for every node in it. Names are declared as in {@link Fixtures#STANDARD}: a, b, c
 * scalars; x, y, w vectors of length n; A, B, W1 n × n; X N × n; t of length N.
 */
class ExamplesTest {

    static Stream<Arguments> examples() {
        return Stream.of(
                // expression, TEXT, LATEX, ASCII
                example("x'*A*x", "xᵀAx", "x^{\\top} A x", "x'*A*x"),
                example("(A + A')*x", "(A + Aᵀ)x", "\\left(A + A^{\\top}\\right) x", "(A + A')*x"),
                example("2*A'*(A*x - y)", "2Aᵀ(Ax − y)", "2 A^{\\top} \\left(A x - y\\right)", "2*A'*(A*x - y)"),
                example("w . x + b", "wᵀx + b", "w^{\\top} x + b", "w'*x + b"),
                example("X*w + b", "Xw + b", "X w + b", "X*w + b"),
                Arguments.of("sum((y - max(0, X*w + b)) .^ 2) / N", Fixtures.LOSS,
                        "sum((y − max(0, Xw + b)).^2)/N",
                        "\\frac{\\operatorname{sum}(\\left(y - \\max(0, X w + b)\\right)^{\\circ 2})}{N}",
                        "sum((y - max(0, X*w + b)) .^ 2)/N"),
                example("diag(x)", "diag(x)", "\\operatorname{diag}(x)", "diag(x)"),
                example("diag(A)", "diag(A)", "\\operatorname{diag}(A)", "diag(A)"),
                example("w .* x", "w ⊙ x", "w \\odot x", "w .* x"),
                example("x ./ y", "x ⊘ y", "x \\oslash y", "x ./ y"),
                example("inv(A)", "A⁻¹", "A^{-1}", "inv(A)"),
                example("det(A)*tr(B)", "det(A) tr(B)", "\\det(A) \\operatorname{tr}(B)", "det(A)*tr(B)"),
                example("logdet(A)", "logdet(A)", "\\log\\det(A)", "logdet(A)"),
                example("norm2(A*x - y)^2", "‖Ax − y‖²", "\\lVert A x - y \\rVert^{2}", "norm2(A*x - y)^2"),
                example("-a^2", "−a²", "-a^{2}", "-a^2"),
                example("exp(-a)", "exp(−a)", "\\exp(-a)", "exp(-a)"),
                example("a - (b - c)", "a − (b − c)", "a - \\left(b - c\\right)", "a - (b - c)"),
                example("(a - b) - c", "a − b − c", "a - b - c", "a - b - c"),
                example("a + (b + c)", "a + (b + c)", "a + \\left(b + c\\right)", "a + (b + c)"),
                example("a/(b*c)", "a/(bc)", "\\frac{a}{b c}", "a/(b*c)"),
                example("a/b*c", "(a/b)c", "\\frac{a}{b} c", "a/b*c"),
                example("2^(a^b)", "2^(a^b)", "2^{a^{b}}", "2^a^b"),
                example("(2^a)^b", "(2^a)^b", "\\left(2^{a}\\right)^{b}", "(2^a)^b"),
                example("(A*B)'", "(AB)ᵀ", "\\left(A B\\right)^{\\top}", "(A*B)'"),
                example("-(A*x)", "−Ax", "-A x", "-(A*x)"),
                example("-A*x", "−Ax", "-A x", "-A*x"),
                example("-(2*x)", "−2x", "-2 x", "-(2*x)"),
                example("-2*x", "−2x", "-2 x", "-2*x"),
                example("-(x'*A*x)", "−xᵀAx", "-x^{\\top} A x", "-(x'*A*x)"),
                example("a*(-b)", "−ab", "-a b", "a*(-b)"),
                example("-(-x)", "−(−x)", "-\\left(-x\\right)", "-(-x)"),
                example("x - -y", "x − (−y)", "x - \\left(-y\\right)", "x - (-y)"),
                example("W1*x", "W1 x", "W_{1} x", "W1*x"),
                example("tanh(W1*x + y)", "tanh(W1 x + y)", "\\tanh(W_{1} x + y)", "tanh(W1*x + y)"),
                example("A*(B*x)", "ABx", "A B x", "A*(B*x)"),
                example("a*(b*x)", "abx", "a b x", "a*(b*x)"),
                example("x'*y*x", "(xᵀy)x", "\\left(x^{\\top} y\\right) x", "x'*y*x"),
                example("x*y'", "xyᵀ", "x y^{\\top}", "x*y'"),
                example("A*(2*x)", "A(2x)", "A \\left(2 x\\right)", "A*(2*x)"),
                example("x*a^2", "a²x", "a^{2} x", "a^2*x"),
                example("norm2(x)*norm2(y)", "‖x‖ ‖y‖", "\\lVert x \\rVert \\lVert y \\rVert", "norm2(x)*norm2(y)"),
                example("x .^ 2", "x.^2", "x^{\\circ 2}", "x .^ 2"),
                example("(x .^ 2)'*y", "(x.^2)ᵀy", "\\left(x^{\\circ 2}\\right)^{\\top} y", "(x .^ 2)'*y"),
                example("2 .^ x", "2^x", "2^{x}", "2 .^ x"),
                example("b^-1", "b⁻¹", "b^{-1}", "b^(-1)"),
                example("a^0.5 + a^(b + c)", "a^0.5 + a^(b + c)", "a^{0.5} + a^{b + c}", "a^0.5 + a^(b + c)"),
                example("1 ./ x", "1 ⊘ x", "1 \\oslash x", "1 ./ x"),
                example("x/n + X'*t/N", "x/n + Xᵀt/N", "\\frac{x}{n} + \\frac{X^{\\top} t}{N}", "x/n + X'*t/N"),
                example("a - x", "a − x", "a - x", "a - x"),
                example("inv(A)'", "A⁻ᵀ", "A^{-\\top}", "inv(A)'"),
                example("inv(A')", "A⁻ᵀ", "A^{-\\top}", "inv(A')"),
                example("A''", "Aᵀᵀ", "{A^{\\top}}^{\\top}", "A''"),
                example("eye + A", "I + A", "I + A", "eye + A"),
                example("A*vector(1)", "A·1⃗", "A \\mathbf{1}", "A*vector(1)"),
                example("vector(1)'*x", "1⃗ᵀx", "\\mathbf{1}^{\\top} x", "vector(1)'*x"),
                example("a*vector(1) + b", "a·1⃗ + b", "a \\mathbf{1} + b", "a*vector(1) + b"),
                example("matrix(2) .* A", "𝟐 ⊙ A", "\\mathbf{2} \\odot A", "matrix(2) .* A"),
                example("max(x, b)", "max(x, b)", "\\max(x, b)", "max(x, b)"),
                example("max(0, x)", "max(0, x)", "\\max(0, x)", "max(0, x)"),
                example("step(x) + sigmoid(x)", "step(x) + sigmoid(x)", "\\operatorname{step}(x) + \\operatorname{sigmoid}(x)",
                        "step(x) + sigmoid(x)"),
                example("sqrt(a) + abs(b) + log(c)", "sqrt(a) + abs(b) + log(c)", "\\sqrt{a} + \\left|b\\right| + \\log(c)",
                        "sqrt(a) + abs(b) + log(c)"),
                example("norm1(x)", "sum(abs(x))", "\\operatorname{sum}(\\left|x\\right|)", "sum(abs(x))"),
                example("logsumexp(x)", "logsumexp(x)", "\\operatorname{logsumexp}(x)", "logsumexp(x)"),
                example("tr(A)*A", "tr(A) A", "\\operatorname{tr}(A) A", "tr(A)*A"),
                example("1e-12*x + 0.1", "1e-12 x + 0.1", "10^{-12} x + 0.1", "1e-12*x + 0.1"));
    }

    private static Arguments example(String expression, String text, String latex, String ascii) {
        return Arguments.of(expression, Fixtures.STANDARD, text, latex, ascii);
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("examples")
    void text(String expression, String declarations, String text, String latex, String ascii) {
        assertEquals(text, Printer.print(Fixtures.check(expression, declarations), Format.TEXT));
    }

    @ParameterizedTest(name = "{0} is {3}")
    @MethodSource("examples")
    void latex(String expression, String declarations, String text, String latex, String ascii) {
        assertEquals(latex, Printer.print(Fixtures.check(expression, declarations), Format.LATEX));
    }

    @ParameterizedTest(name = "{0} is {4}")
    @MethodSource("examples")
    void ascii(String expression, String declarations, String text, String latex, String ascii) {
        assertEquals(ascii, Printer.print(Fixtures.check(expression, declarations), Format.ASCII));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void asciiReadsBackAsTheSameNode(String expression, String declarations, String text, String latex, String ascii) {
        Fixtures.assertRoundTrip(Fixtures.check(expression, declarations));
    }

    /** Every node of the example, with the example's variables declared (a size such as N needs them). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everySubexpressionReadsBackAsTheSameNode(String expression, String declarations, String text, String latex,
                                                   String ascii) {
        Expr e = Fixtures.check(expression, declarations);
        Map<String, Shape> declared = Fixtures.shapesOfVariablesIn(e);
        for (Expr node : Traversal.postOrder(e)) {
            Fixtures.assertRoundTrip(node, declared);
        }
    }
}

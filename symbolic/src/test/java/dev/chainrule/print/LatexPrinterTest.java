package dev.chainrule.print;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import org.junit.jupiter.api.Test;

/** LATEX beyond the examples: names, numbers, constants, stacked superscripts. */
class LatexPrinterTest {
    private static final Dim N = Dim.of("n");
    private static final Expr X = Expr.variable("x", Shape.vector(N));

    private static String latex(Expr e) {
        return Printer.print(e, Format.LATEX);
    }

    @Test
    void names() {
        assertEquals("x", LatexPrinter.symbol("x"));
        assertEquals("W_{1}", LatexPrinter.symbol("W1"));
        assertEquals("W_{12}", LatexPrinter.symbol("W12"));
        assertEquals("x_{\\mathrm{hat}}", LatexPrinter.symbol("x_hat"));
        assertEquals("\\lambda_{1}", LatexPrinter.symbol("lambda_1"));
        assertEquals("\\alpha", LatexPrinter.symbol("α"));
        assertEquals("\\eta", LatexPrinter.symbol("eta"));
        assertEquals("\\Omega", LatexPrinter.symbol("Ω"));
        assertEquals("\\Delta", LatexPrinter.symbol("Delta"));
        assertEquals("\\Delta_{x}", LatexPrinter.symbol("Delta_x"));
        assertEquals("\\mathit{loss}", LatexPrinter.symbol("loss"));
        assertEquals("\\mathit{\\_x}", LatexPrinter.symbol("_x"));
        assertEquals("Α", LatexPrinter.symbol("Α"));
    }

    @Test
    void numbers() {
        assertEquals("10^{-12}", latex(Expr.scalar(1e-12)));
        assertEquals("1.5 \\cdot 10^{6}", latex(Expr.scalar(1.5e6)));
        assertEquals("\\left(1.5 \\cdot 10^{6}\\right)^{a}", latex(Expr.power(Expr.scalar(1.5e6), Expr.variable("a", Shape.SCALAR))));
        assertEquals("x \\cdot 2", latex(Expr.scale(Expr.variable("x", Shape.SCALAR), Expr.scalar(2))));
        assertEquals("-2 x", latex(Expr.scale(Expr.scalar(-2), X)));
        assertEquals("\\infty", latex(Expr.scalar(Double.POSITIVE_INFINITY)));
        assertEquals("\\mathrm{NaN}", latex(Expr.scalar(Double.NaN)));
    }

    @Test
    void constants() {
        assertEquals("\\mathbf{1}", latex(Expr.ones(Shape.vector(N))));
        assertEquals("\\mathbf{0}", latex(Expr.zero(Shape.matrix(N, N))));
        assertEquals("\\mathbf{1}^{\\top}", latex(Expr.ones(Shape.row(N))));
        assertEquals("0.5 \\mathbf{1}", latex(Expr.constant(0.5, Shape.vector(N))));
        assertEquals("I", latex(Expr.identity(N)));
        assertEquals("N", latex(Expr.size(Dim.of("N"))));
    }

    @Test
    void superscripts() {
        String d = Fixtures.STANDARD;
        assertEquals("{A^{\\top}}^{\\top}", latex(Fixtures.check("A''", d)));
        assertEquals("{A^{-1}}^{-1}", latex(Fixtures.check("inv(inv(A))", d)));
        assertEquals("\\left(a^{2}\\right)^{3}", latex(Fixtures.check("(a^2)^3", d)));
        assertEquals("\\left(x^{\\circ 2}\\right)^{\\top}", latex(Fixtures.check("(x .^ 2)'", d)));
        assertEquals("W_{1}^{\\top} x", latex(Fixtures.check("W1'*x", d)));
        assertEquals("\\lVert x \\rVert^{2}", latex(Fixtures.check("norm2(x)^2", d)));
        assertEquals("\\operatorname{tr}(A)^{2}", latex(Fixtures.check("tr(A)^2", d)));
    }

    @Test
    void functions() {
        String d = Fixtures.STANDARD;
        assertEquals("\\sin(a) + \\cos(a) + \\tan(a) + \\arcsin(a) + \\arccos(a) + \\arctan(a)",
                latex(Fixtures.check("sin(a) + cos(a) + tan(a) + arcsin(a) + arccos(a) + arctan(a)", d)));
        assertEquals("\\operatorname{sign}(x) + \\operatorname{softplus}(x) + \\operatorname{sigmoid}(x)",
                latex(Fixtures.check("sign(x) + softplus(x) + sigmoid(x)", d)));
        assertEquals("\\frac{\\operatorname{sum}(x)}{n}", latex(Fixtures.check("sum(x)/n", d)));
        assertEquals("\\frac{1}{x} + \\sqrt{\\frac{a}{b}}", latex(Fixtures.check("1/x + sqrt(a/b)",
                "x: scalar, a: scalar, b: scalar")));
    }

    @Test
    void aVariableNamedAsADerivativeIsAFraction() {
        Expr label = Expr.variable("∂u1/∂w", Shape.row(N));
        Expr gradient = Expr.variable("∂f/∂u1", Shape.SCALAR);
        assertEquals("\\frac{\\partial u_{1}}{\\partial w}", latex(label));
        assertEquals("\\frac{\\partial f}{\\partial u_{1}} \\left(\\frac{\\partial u_{1}}{\\partial w}\\right)^{\\top}",
                latex(Expr.scale(gradient, Expr.transpose(label))));
        assertEquals("\\frac{\\partial^{2} f}{\\partial x^{2}}", latex(Expr.variable("∂²f/∂x²", Shape.SCALAR)));
        assertEquals("\\frac{\\partial^{2} f}{\\partial x \\, \\partial \\beta}",
                latex(Expr.variable("∂²f/∂x∂beta", Shape.SCALAR)));
        assertEquals("\\frac{\\mathrm{d} f}{\\mathrm{d} u_{1}}", latex(Expr.variable("df/du1", Shape.SCALAR)));
        assertEquals("\\mathit{∂f}", latex(Expr.variable("∂f", Shape.SCALAR)), "not a derivative: a name as any other");
    }
}

package dev.chainrule.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import org.junit.jupiter.api.Test;

/** {@link Printer#printCompact}: shared subexpressions named once each when the tree would be too big. */
class CompactPrintTest {
    private static final String DECLARATIONS = "W: matrix[n, n], x: vector[n], y: vector[n]";

    @Test
    void aSmallTreePrintsAsItAlwaysDoes() {
        Expr e = Fixtures.check("sum(tanh(W*x) .* tanh(W*x))", DECLARATIONS);
        assertEquals(Printer.print(e, Format.TEXT), Printer.printCompact(e, Format.TEXT, 100));
    }

    @Test
    void aSharedSubexpressionIsWrittenOnceUnderAName() {
        Expr e = Fixtures.check("sum(tanh(W*x) .* tanh(W*x))", DECLARATIONS);
        assertEquals("sum(t1 ⊙ t1), where t1 = tanh(Wx)", Printer.printCompact(e, Format.TEXT, 3));
        assertEquals("\\operatorname{sum}(t_{1} \\odot t_{1}) \\quad\\text{where } t_{1} = \\tanh(W x)",
                Printer.printCompact(e, Format.LATEX, 3));
    }

    @Test
    void namesDoNotCollideWithVariables() {
        Expr e = Fixtures.check("sum(tanh(t*x) .* tanh(t*x))", "t: matrix[n, n], x: vector[n]");
        assertTrue(Printer.printCompact(e, Format.TEXT, 3).startsWith("sum(s1 ⊙ s1), where s1 = "));
    }

    /**
     * The gradient of a chain of d layers repeats every layer's value below each later one when
     * written as a tree, far past what a string can hold at d = 200; compact, it stays linear.
     */
    @Test
    void theGradientOfADeepChainPrintsInTextLinearInItsSize() {
        Expr.Variable w = (Expr.Variable) Expr.variable("W", Shape.matrix(Dim.of("n"), Dim.of("n")));
        Expr h = Expr.variable("x", Shape.vector(Dim.of("n")));
        for (int layer = 0; layer < 200; layer++) {
            h = Expr.apply(dev.chainrule.graph.Fn.TANH, Expr.product(w, h));
        }
        Expr gradient = Derivatives.gradient(Expr.sum(h), w);
        String text = Printer.printCompact(gradient, Format.TEXT, 1000);
        assertTrue(text.contains(", where t1 = tanh(Wx), t2 = tanh(W t1)"), text.substring(0, 300));
        assertTrue(text.length() < 200 * Traversal.size(gradient), "length " + text.length());
    }
}

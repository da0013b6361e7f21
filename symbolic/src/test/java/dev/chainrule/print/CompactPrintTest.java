package dev.chainrule.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.graph.Traversal;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedFunction;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Printer#printCompact}: shared subexpressions named once each when the tree would be too
 * big, and subexpressions written by the names given for them (a function's local definitions).
 */
class CompactPrintTest {
    private static final String DECLARATIONS = "W: matrix[n, n], x: vector[n], y: vector[n]";

    private static final String TWO_LAYERS = """
            function loss(W1: matrix[h, n], b1: vector[h], W2: matrix[m, h], b2: vector[m], x: vector[n],
                          y: vector[m]) =
                hidden = tanh(W1*x + b1);
                output = W2*hidden + b2;
                sum((output - y) .^ 2);
            """;

    private static TypedFunction function(String text) {
        return TypeChecker.file(CalcSyntax.parseFile(new Source("test.calc", text))).functions().get(0);
    }

    /** The names of a function's local definitions, by the subexpression each stands for. */
    private static Map<Expr, String> localNames(TypedFunction f) {
        Map<Expr, String> names = new IdentityHashMap<>();
        f.locals().forEach((name, value) -> names.put(value, name));
        return names;
    }

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
            h = Expr.apply(Fn.TANH, Expr.product(w, h));
        }
        Expr gradient = Derivatives.gradient(Expr.sum(h), w);
        String text = Printer.printCompact(gradient, Format.TEXT, 1000);
        assertTrue(text.contains(", where t1 = tanh(Wx), t2 = tanh(W t1)"), text.substring(0, 300));
        assertTrue(text.length() < 200 * Traversal.size(gradient), "length " + text.length());
    }

    /** The ASCII form with shared parts named reads back, names and all, as the very same graph. */
    @Test
    void theCompactAsciiFormOfADeepGradientReadsBackAsTheSameGraph() {
        Expr.Variable w = (Expr.Variable) Expr.variable("W", Shape.matrix(Dim.of("n"), Dim.of("n")));
        Expr h = Expr.variable("x", Shape.vector(Dim.of("n")));
        for (int layer = 0; layer < 60; layer++) {
            h = Expr.apply(Fn.TANH, Expr.product(w, h));
        }
        Expr gradient = Derivatives.gradient(Expr.sum(h), w);
        String ascii = Printer.printCompact(gradient, Format.ASCII, 200);
        assertTrue(ascii.contains(" where t1 = tanh(W*x), t2 = tanh(W*t1)"), ascii.substring(0, 200));
        Source source = Source.ofExpression(ascii);
        Expr reread = TypeChecker.expression(source, CalcSyntax.parseExpression(source),
                Fixtures.shapesOfVariablesIn(gradient), gradient.shape()).expr();
        assertSame(gradient, reread);
    }

    @Test
    void aWhereClauseNamesItsSubexpressionsWhenPrintedAgain() {
        var typed = TypeChecker.expression("sum(r.^2) + norm2(r) where r = A*x - y",
                Fixtures.declare("A: matrix[n, n], x: vector[n], y: vector[n]"));
        assertEquals("sum(r.^2) + ‖r‖, where r = Ax − y",
                Printer.printCompact(typed.expr(), Format.TEXT, Printer.READABLE_TREE_NODES, typed.names()));
        assertSame(Fixtures.check("sum((A*x - y).^2) + norm2(A*x - y)", "A: matrix[n, n], x: vector[n], y: vector[n]"),
                typed.expr(), "where only names parts: the graph is the one written out");
    }

    @Test
    void localDefinitionsAreWrittenByTheirNamesAndDefinedInTheOrderTheyAreComputed() {
        TypedFunction f = function(TWO_LAYERS);
        Map<Expr, String> names = localNames(f);
        assertEquals("sum((output − y).^2), where hidden = tanh(W1 x + b1), output = W2 hidden + b2",
                Printer.printCompact(f.body(), Format.TEXT, 1000, names));
        assertEquals("\\operatorname{sum}(\\left(\\mathit{output} - y\\right)^{\\circ 2}) "
                        + "\\quad\\text{where } \\mathit{hidden} = \\tanh(W_{1} x + b_{1}),\\ "
                        + "\\mathit{output} = W_{2} \\mathit{hidden} + b_{2}",
                Printer.printCompact(f.body(), Format.LATEX, 1000, names));
        assertEquals("sum((output - y) .^ 2) where hidden = tanh(W1*x + b1), output = W2*hidden + b2",
                Printer.printCompact(f.body(), Format.ASCII, 1000, names));
    }

    @Test
    void onlyTheNamedSubexpressionsThatOccurAreDefined() {
        TypedFunction f = function(TWO_LAYERS);
        Map<Expr, String> names = localNames(f);
        Expr hidden = f.locals().get("hidden");
        Expr sumOfHidden = Expr.sum(hidden);
        assertEquals("sum(hidden), where hidden = tanh(W1 x + b1)",
                Printer.printCompact(sumOfHidden, Format.TEXT, 1000, names));
        // The expression itself is written out, not as its own name.
        assertEquals("tanh(W1 x + b1)", Printer.printCompact(hidden, Format.TEXT, 1000, names));
        assertEquals(Printer.print(f.body(), Format.JSON), Printer.printCompact(f.body(), Format.JSON, 1000, names));
    }

    @Test
    void aGivenNameThatTheExpressionUsesAlreadyGetsASuffix() {
        Expr x = Expr.variable("x", Shape.vector(Dim.of("n")));
        Expr layer = Expr.apply(Fn.TANH, x);
        Expr exp = Expr.apply(Fn.EXP, x);
        Expr e = Expr.add(Expr.add(Expr.sum(layer), Expr.size(Dim.of("n"))), Expr.sum(exp));
        Map<Expr, String> names = new LinkedHashMap<>();
        names.put(layer, "x");
        names.put(exp, "n");
        assertEquals("sum(x_1) + n + sum(n_1), where x_1 = tanh(x), n_1 = exp(x)",
                Printer.printCompact(e, Format.TEXT, 1000, names));

        // Two subexpressions given one name get two.
        names.put(exp, "x");
        assertEquals("sum(x_1) + n + sum(x_2), where x_1 = tanh(x), x_2 = exp(x)",
                Printer.printCompact(e, Format.TEXT, 1000, names));
    }

    @Test
    void sharedSubexpressionsAreNamedAroundTheGivenNamesWhenTheTextIsStillTooBig() {
        // z is used twice inside the definition of out and would be written twice without a name.
        TypedFunction f = function("""
                function f(W: matrix[n, n], x: vector[n]) =
                    out = tanh(W*tanh(W*x)) .* tanh(W*tanh(W*x));
                    sum(out);
                """);
        Map<Expr, String> names = localNames(f);
        assertEquals("sum(out), where out = tanh(W tanh(Wx)) ⊙ tanh(W tanh(Wx))",
                Printer.printCompact(f.body(), Format.TEXT, 1000, names));
        assertEquals("sum(out), where t1 = tanh(W tanh(Wx)), out = t1 ⊙ t1",
                Printer.printCompact(f.body(), Format.TEXT, 8, names));
    }

    @Test
    void sharedNamesAvoidTheGivenNames() {
        TypedFunction f = function("""
                function f(W: matrix[n, n], x: vector[n]) =
                    t = tanh(W*tanh(W*x));
                    sum(t .* t) + sum(tanh(W*x));
                """);
        String text = Printer.printCompact(f.body(), Format.TEXT, 5, localNames(f));
        assertTrue(text.startsWith("sum(t ⊙ t) + sum(s1), where s1 = tanh(Wx), t = tanh(W s1)"), text);
    }
}

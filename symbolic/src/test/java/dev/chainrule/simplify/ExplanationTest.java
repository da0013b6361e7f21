package dev.chainrule.simplify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.graph.Traversal;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.typing.TypeChecker;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Explanations of simplifications a reader would ask about: each step one rule at one place, the
 * steps replaying from the term to exactly what simplify returns, every step keeping the value.
 */
class ExplanationTest {
    private static final Shape SQUARE = Shape.matrix(Dim.of(3), Dim.of(3));

    private static Expr rawGradient(String function, Map<String, Shape> declared, String wrt) {
        Expr f = Simplifier.simplify(TypeChecker.expression(function, declared).expr());
        Expr.Variable v = (Expr.Variable) Expr.variable(wrt, declared.get(wrt));
        return Derivatives.rawGradients(f, List.of(v)).get(v);
    }

    @Test
    void theGradientOfLogdetOfXtXIsExplainedThroughItsSymmetry() {
        Map<String, Shape> declared = Map.of("X", Shape.matrix(Dim.of(4), Dim.of(3)));
        Expr raw = rawGradient("logdet(X'*X)", declared, "X");
        Explanation explanation = Simplifier.explain(raw);

        assertSame(Simplifier.simplify(raw), explanation.result());
        assertSame(explanation.result(), explanation.replay());
        List<String> rules = explanation.steps().stream().map(Explanation.Step::rule).collect(Collectors.toList());
        assertTrue(rules.contains("transpose-of-symmetric") || rules.contains("transpose-to-leaves"), rules::toString);
        assertEveryStepKeepsTheValue(explanation, Map.of("X", random(4, 3)));
    }

    @Test
    void stepsNameTheRuleAndThePlace() {
        Expr x = Expr.variable("x", Shape.vector(Dim.of("n")));
        Expr e = Expr.add(Expr.apply(Fn.SIN, Expr.add(x, Expr.zero(x.shape()))), Expr.negate(Expr.negate(x)));
        Explanation explanation = Simplifier.explain(e);

        assertSame(Expr.add(Expr.apply(Fn.SIN, x), x), explanation.result());
        for (Explanation.Step step : explanation.steps()) {
            assertSame(step.after(), step.applyTo(step.before()));
            assertSame(step.subterm(), Explanation.at(step.before(), step.position()));
        }
        List<String> rules = explanation.steps().stream().map(Explanation.Step::rule).collect(Collectors.toList());
        assertTrue(rules.contains("add-zero-right"), rules::toString);
        assertTrue(rules.contains("double-negation"), rules::toString);
    }

    @Test
    void aTermThatIsSimplestAlreadyHasNoSteps() {
        Expr x = Expr.variable("x", Shape.vector(Dim.of("n")));
        Expr e = Expr.apply(Fn.TANH, x);
        Explanation explanation = Simplifier.explain(e);
        assertSame(e, explanation.result());
        assertTrue(explanation.steps().isEmpty());
    }

    @Test
    void aGraphSimplifiedPerRegionIsExplainedNodeByNode() {
        // The gradient of a 50-layer chain is larger than one search takes: regions, after the greedy rewriter.
        Expr.Variable w = (Expr.Variable) Expr.variable("W", SQUARE);
        Expr h = Expr.variable("x", Shape.vector(Dim.of(3)));
        for (int i = 0; i < 50; i++) {
            h = Expr.apply(Fn.TANH, Expr.product(w, h));
        }
        Expr raw = Derivatives.rawGradients(Expr.sum(h), List.of(w)).get(w);
        assertTrue(Traversal.size(raw) > 400, "not a graph for regions: " + Traversal.size(raw));

        Explanation explanation = Simplifier.explain(raw);
        assertSame(Simplifier.simplify(raw), explanation.result());
        assertSame(explanation.result(), explanation.replay());
        assertTrue(explanation.steps().stream().anyMatch(Explanation.Step::everywhere));
        assertEveryStepKeepsTheValue(explanation, Map.of("W", random(3, 3), "x", Value.vector(0.3, -0.5, 0.8)));
    }

    private static void assertEveryStepKeepsTheValue(Explanation explanation, Map<String, Value> at) {
        Value expected = Interpreter.evaluate(explanation.input(), at);
        for (Explanation.Step step : explanation.steps()) {
            Value value = Interpreter.evaluate(step.after(), at);
            double[] a = expected.data();
            double[] b = value.data();
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-9 * Math.max(1, Math.abs(a[i])), () -> "step " + step.rule() + " at "
                        + step.position() + " changed the value");
            }
        }
    }

    private static Value random(int rows, int cols) {
        Random random = new Random(rows * 31L + cols);
        double[] data = new double[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextDouble() - 0.5 + (i % (cols + 1) == 0 ? 2 : 0);
        }
        return Value.matrix(rows, cols, data);
    }
}

package dev.chainrule.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.derive.DerivativeException;
import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.print.Format;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.simplify.Simplifier;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedExpression;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jacobians, Hessians, totals over several paths, variables the function does not read, symmetric
 * variables and the simplifier's steps; each derivation's values checked against closed forms at a
 * point.
 */
class ExplainerTest {
    private static final Explainer EXPLAINER = Explainer.standard();

    private static TypedExpression typed(String text, Map<String, Shape> declared) {
        return TypeChecker.expression(text, declared);
    }

    private static List<String> lines(Derivation d, Step.Kind kind) {
        return d.steps().stream().filter(s -> s.kind() == kind)
                .map(s -> DerivationPrinter.equation(s, Format.TEXT, d)).toList();
    }

    private static double[] at(Expr e, Map<String, Value> point) {
        return Interpreter.evaluate(e, point, Map.of("n", 2, "m", 3)).data();
    }

    private static void assertValues(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, "entries");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * Math.max(1, Math.abs(expected[i])), "entry " + i);
        }
    }

    @Test
    void aJacobianChainsForwardsFromTheVariable() {
        TypedExpression t = typed("sin(A*x)", Map.of());
        Expr.Variable x = t.variables().get("x");
        Derivation d = EXPLAINER.jacobian(Subject.of(t), x);
        assertEquals(List.of("du1/dx = ∂u1/∂x = A", "df/dx = ∂f/∂u1 du1/dx = diag(cos(u1)) du1/dx"),
                lines(d, Step.Kind.CHAIN));
        assertEquals(List.of("vector chain rule", "vector chain rule"),
                d.steps().stream().filter(s -> s.kind() == Step.Kind.CHAIN).map(Step::rule).toList());
        assertSame(Derivatives.jacobian(t.expr(), x), d.results().get(0).value());
        assertEquals("Jacobian in numerator layout (n × m: a row per entry of f, a column per entry of x)", d.layout());
    }

    @Test
    void aHessianIsTheGradientThenTheJacobianOfTheGradient() {
        TypedExpression t = typed("x'*A*x", Map.of());
        Expr.Variable x = t.variables().get("x");
        Derivation d = EXPLAINER.hessian(Subject.of(t), x, x);
        assertEquals(2, d.parts().size());
        assertEquals("The gradient g = ∂f/∂x", d.parts().get(0).title());
        assertEquals(Derivation.Kind.GRADIENT, d.parts().get(0).kind());
        assertEquals(Derivation.Kind.JACOBIAN, d.parts().get(1).kind());
        assertEquals(List.of("∂f/∂x = (A + Aᵀ)x", "∂²f/∂x² = A + Aᵀ"), lines(d, Step.Kind.RESULT));
        assertSame(Derivatives.hessian(t.expr(), x), d.results().get(1).value());
        // The second part differentiates the first one's result, under the name g.
        assertEquals("g = (A + Aᵀ)x", lines(d, Step.Kind.DEFINE).get(2));
    }

    @Test
    void aBlockOfTheHessianDifferentiatesTheGradientByTheOtherVariable() {
        TypedExpression t = typed("x'*A*y", Map.of());
        Expr.Variable x = t.variables().get("x");
        Expr.Variable y = t.variables().get("y");
        Derivation d = EXPLAINER.hessian(Subject.of(t), x, y);
        assertEquals("∂²f/∂x∂y = A", lines(d, Step.Kind.RESULT).get(1));
        assertEquals(List.of(x, y), d.wrt());
    }

    @Test
    void aVariableUsedByTwoStepsGetsTheTotalDerivative() {
        TypedExpression t = typed("sin(x)*x", Map.of("x", Shape.SCALAR));
        Derivation d = EXPLAINER.gradient(Subject.of(t), List.of(t.variables().get("x")));
        Step total = d.steps().stream().filter(s -> s.kind() == Step.Kind.CHAIN && s.label().name().equals("df/dx"))
                .findFirst().orElseThrow();
        assertEquals("total-derivative chain rule", total.rule());
        assertEquals("4.5.2", total.section());
        double x = 0.7;
        Map<String, Value> point = Map.of("x", Value.scalar(x));
        Expr value = d.substitution().apply(total.value());
        assertValues(new double[] {Math.cos(x) * x + Math.sin(x)}, at(value, point));
    }

    @Test
    void aVariableTheFunctionDoesNotReadHasAZeroGradientAndNoChain() {
        TypedExpression t = typed("sum(x .^ 2)", Map.of());
        Expr.Variable z = (Expr.Variable) Expr.variable("z", Shape.vector(Dim.of("n")));
        Derivation d = EXPLAINER.gradient(Subject.of(t), List.of(t.variables().get("x"), z));
        Step result = d.results().get(1);
        assertEquals("∂f/∂z = 0⃗", DerivationPrinter.equation(result, Format.TEXT, d));
        assertEquals("f does not depend on z", result.rule());
        Derivation none = EXPLAINER.gradient(Subject.of(t), List.of(z));
        assertEquals(List.of(Step.Kind.RESULT), none.steps().stream().map(Step::kind).toList());
        assertEquals(List.of(), none.intermediates().keySet().stream().toList());
    }

    @Test
    void aSymmetricVariableGetsTheSymmetricPart() {
        TypedExpression t = TypeChecker.expression(dev.chainrule.syntax.Source.ofExpression("x'*S*x"),
                dev.chainrule.syntax.CalcSyntax.parseExpression("x'*S*x"),
                Map.of("S", Shape.matrix(Dim.of("n"), Dim.of("n"))), java.util.Set.of("S"), null);
        Expr.Variable s = t.variables().get("S");
        Derivation d = EXPLAINER.gradient(Subject.of(t), List.of(s));
        Step chain = d.steps().stream().filter(st -> st.kind() == Step.Kind.CHAIN && st.label().name().equals("df/dS"))
                .findFirst().orElseThrow();
        assertTrue(chain.rule().endsWith("symmetric part, for a symmetric variable"), chain.rule());
        Map<String, Value> point = Map.of("x", Value.vector(1, -2), "S", Value.matrix(2, 2, 1, 3, 3, 4));
        assertValues(at(Derivatives.gradient(t.expr(), s), point), at(d.substitution().apply(chain.value()), point));
    }

    @Test
    void theSimplifiersStepsAreShownByTheirRulesAndTheResultIsWhatGradPrints() {
        TypedExpression t = typed("x'*x", Map.of());
        Expr.Variable x = t.variables().get("x");
        SimplificationSteps twoSteps = input -> {
            Expr halfway = Simplifier.simplify(Expr.add(input, Expr.zero(input.shape())));
            return List.of(new SimplificationSteps.Rewrite("first rule", input, Expr.add(input, Expr.zero(input.shape()))),
                    new SimplificationSteps.Rewrite("second rule", Expr.add(input, Expr.zero(input.shape())), halfway));
        };
        Derivation d = new Explainer(twoSteps).gradient(Subject.of(t), List.of(x));
        assertEquals(List.of("first rule", "second rule"), d.steps().stream()
                .filter(s -> s.kind() == Step.Kind.SIMPLIFY).map(Step::rule).toList());
        assertEquals("as chainrule grad prints it", d.results().get(0).rule());

        TypedExpression layer = typed("sum(tanh(W*x))", Map.of());
        SimplificationSteps none = input -> List.of();
        Derivation unsimplified = new Explainer(none).gradient(Subject.of(layer), List.of(layer.variables().get("x")));
        assertEquals(List.of("df/dx = Wᵀ(1⃗ ⊙ (1 − tanh(Wx).^2))"), lines(unsimplified, Step.Kind.SUBSTITUTE));
        assertEquals("equal to the result of chainrule grad, as it prints it", unsimplified.results().get(0).rule());
        assertEquals("∂f/∂x = Wᵀ(1 − tanh(Wx).^2)", lines(unsimplified, Step.Kind.RESULT).get(0));
    }

    @Test
    void theGradientOfAVectorIsRefused() {
        TypedExpression t = typed("A*x", Map.of());
        DerivativeException e = assertThrows(DerivativeException.class,
                () -> EXPLAINER.gradient(Subject.of(t), List.of(t.variables().get("x"))));
        assertEquals("the gradient needs a scalar function, not vector[n]: use the Jacobian for a vector function",
                e.getMessage());
        assertThrows(DerivativeException.class, () -> EXPLAINER.hessian(Subject.of(t), t.variables().get("x"),
                t.variables().get("x")));
    }

    @Test
    void everyIntermediateAndLocalDerivativeHasAValueInTheFunctionsVariables() {
        TypedExpression t = typed("sum(exp(W*x) ./ (1 + x .^ 2))", Map.of("W", Shape.matrix(Dim.of("n"), Dim.of("n"))));
        Derivation d = EXPLAINER.gradient(Subject.of(t), List.of(t.variables().get("x")));
        Substitution substitution = d.substitution();
        d.intermediates().forEach((label, node) -> assertSame(node, substitution.apply(label), label.name()));
        for (Step step : d.steps()) {
            for (Expr form : step.forms()) {
                for (Expr.Variable v : dev.chainrule.graph.Traversal.variables(substitution.apply(form)).values()) {
                    assertTrue(t.variables().containsKey(v.name()), step.label().name() + " reads " + v.name());
                }
            }
        }
    }
}

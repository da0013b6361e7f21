package dev.chainrule.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedFunction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden derivations: the paper's neuron (§5) and its loss (§6), explained with the rules in the
 * order Parr and Howard use them, ending in what {@code chainrule grad} prints.
 */
class PaperExamplesTest {
    private static final String PAPER = """
            function activation(w: vector[n], b: scalar, x: vector[n]) =
                z = w . x + b;
                max(0, z)
                gradient wrt w, b;

            function loss(w: vector[n], b: scalar, X: matrix[N, n], y: vector[N]) =
                sum((y - max(0, X*w + b)) .^ 2) / N
                gradient wrt w, b;
            """;

    private static TypedFunction function(String name) {
        return TypeChecker.file(CalcSyntax.parseFile(new Source("paper.calc", PAPER))).functions().stream()
                .filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> column(Derivation d, Step.Kind kind, java.util.function.Function<Step, String> what) {
        return d.steps().stream().filter(s -> s.kind() == kind).map(what).toList();
    }

    private static String rule(Step s) {
        return s.section() == null ? s.rule() : s.rule() + " §" + s.section();
    }

    @Test
    void theNeuronIsCutAsThePaperCutsItAndDerivedByItsRules() {
        TypedFunction activation = function("activation");
        Derivation d = Explainer.standard().gradient(Subject.of(activation), activation.params().subList(0, 2));
        // §5: z = w · x + b (the user's z, the dot product its own step), activation = max(0, z).
        assertEquals(List.of("u1 = wᵀx", "z = u1 + b", "activation = max(0, z)"),
                column(d, Step.Kind.DEFINE, s -> DerivationPrinter.equation(s, dev.chainrule.print.Format.TEXT, d)));
        assertEquals(List.of(
                "∂u1/∂w = xᵀ", "∂z/∂u1 = 1", "∂z/∂b = 1", "∂activation/∂z = step(z)"),
                column(d, Step.Kind.LOCAL, s -> DerivationPrinter.equation(s, dev.chainrule.print.Format.TEXT, d)));
        assertEquals(List.of("dot product §4.4", "sum rule §2", "sum rule §2", "max(0, z): step §5"),
                column(d, Step.Kind.LOCAL, PaperExamplesTest::rule));
        assertEquals(List.of(
                "dactivation/dz = ∂activation/∂z = step(z)",
                "dactivation/du1 = dactivation/dz ∂z/∂u1 = dactivation/dz",
                "dactivation/dw = dactivation/du1 (∂u1/∂w)ᵀ = dactivation/du1 x",
                "dactivation/db = dactivation/dz ∂z/∂b = dactivation/dz"),
                column(d, Step.Kind.CHAIN, s -> DerivationPrinter.equation(s, dev.chainrule.print.Format.TEXT, d)));
        assertEquals(List.of("single-variable chain rule §4.5.1", "single-variable chain rule §4.5.1",
                        "vector chain rule §4.5.3", "single-variable chain rule §4.5.1"),
                column(d, Step.Kind.CHAIN, PaperExamplesTest::rule));
        // The paper's result: ∂activation/∂w = 0⃗ᵀ where z ≤ 0 and xᵀ where z > 0, as a gradient step(z) x.
        assertEquals(List.of("∂activation/∂w = step(z) x, where z = wᵀx + b",
                        "∂activation/∂b = step(z), where z = wᵀx + b"),
                column(d, Step.Kind.RESULT, s -> DerivationPrinter.equation(s, dev.chainrule.print.Format.TEXT, d)));
        Map<Expr.Variable, Expr> grad = Derivatives.gradients(activation.body(), activation.params().subList(0, 2));
        assertSame(grad.get(activation.params().get(0)), d.results().get(0).value());
        assertSame(grad.get(activation.params().get(1)), d.results().get(1).value());
    }

    @Test
    void theLossUsesScalarExpansionTheRectifierAndTheSumReductionInThePapersOrder() {
        TypedFunction loss = function("loss");
        Derivation d = Explainer.standard().gradient(Subject.of(loss), loss.params().subList(0, 2));
        assertEquals(List.of("u1 = Xw", "u2 = b·1⃗", "u3 = u1 + u2", "u4 = max(0, u3)", "u5 = y − u4", "u6 = u5.^2",
                        "u7 = sum(u6)", "loss = u7/N"),
                column(d, Step.Kind.DEFINE, s -> DerivationPrinter.equation(s, dev.chainrule.print.Format.TEXT, d)));
        // §6: the affine step and its scalar expansion, the rectifier (§5), the error y − u, its square,
        // the sum over the samples (§4.4) and the mean.
        assertEquals(List.of("matrix product", "scalar expansion §4.3",
                        "element-wise sum: identity Jacobians §4.2", "element-wise sum: identity Jacobians §4.2",
                        "max(0, z): step §5", "element-wise difference: identity Jacobians §4.2",
                        "element-wise power: diagonal Jacobians §4.2", "sum reduction §4.4", "constant multiple §2"),
                column(d, Step.Kind.LOCAL, PaperExamplesTest::rule));
        assertEquals(List.of("∂u1/∂w = X", "∂u2/∂b = 1⃗", "∂u3/∂u1 = I", "∂u3/∂u2 = I", "∂u4/∂u3 = diag(step(u3))",
                        "∂u5/∂u4 = −I", "∂u6/∂u5 = diag(2 u5)", "∂u7/∂u6 = 1⃗ᵀ", "∂loss/∂u7 = 1/N"),
                column(d, Step.Kind.LOCAL, s -> DerivationPrinter.equation(s, dev.chainrule.print.Format.TEXT, d)));
        assertEquals(List.of("dloss/dw = (∂u1/∂w)ᵀ dloss/du1 = Xᵀ dloss/du1",
                        "dloss/db = (∂u2/∂b)ᵀ dloss/du2 = sum(dloss/du2)"),
                column(d, Step.Kind.CHAIN, s -> DerivationPrinter.equation(s, dev.chainrule.print.Format.TEXT, d))
                        .subList(7, 9));
        // The paper's matrix form: (2/N) Xᵀ(e ⊙ step(Xw + b)) with e = max(0, Xw + b) − y.
        assertEquals(List.of("∂loss/∂w = (2/N)Xᵀ((max(0, Xw + b) − y) ⊙ step(Xw + b))",
                        "∂loss/∂b = (2/N) sum((max(0, Xw + b) − y) ⊙ step(Xw + b))"),
                column(d, Step.Kind.RESULT, s -> DerivationPrinter.equation(s, dev.chainrule.print.Format.TEXT, d)));
        assertEquals(List.of("as chainrule grad prints it", "as chainrule grad prints it"),
                column(d, Step.Kind.RESULT, Step::rule));
        assertEquals(Shape.SCALAR, d.results().get(1).shape());
    }
}

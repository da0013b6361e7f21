package dev.chainrule.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chainrule.graph.Expr;
import dev.chainrule.print.Format;
import dev.chainrule.print.Printer;
import dev.chainrule.shape.Shape;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedExpression;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cutting a function into intermediate variables: which nodes are steps, how each is written, what it is called. */
class DecompositionTest {

    private static Decomposition cut(TypedExpression typed, String... wrt) {
        Map<Expr, String> given = new IdentityHashMap<>();
        typed.definitions().forEach((name, node) -> given.put(node, name));
        Names names = new Names(typed.expr(), given);
        List<Expr.Variable> variables = java.util.Arrays.stream(wrt).map(w -> typed.variables().get(w)).toList();
        return Decomposition.of(typed.expr(), names.reserve("f"), variables, names);
    }

    private static List<String> steps(Decomposition d) {
        return d.intermediates().stream()
                .map(u -> u.name() + " = " + Printer.print(u.step(), Format.TEXT) + " " + u.operands().stream()
                        .map(Expr.Variable::name).toList())
                .toList();
    }

    @Test
    void transposesAndNegationsAreNotationAndConstantsStayInline() {
        TypedExpression typed = TypeChecker.expression("sum((y - A*x) .^ 2) + x'*B*z", Map.of());
        assertEquals(List.of(
                "u1 = Ax [x]",
                "u2 = y − u1 [u1]",
                "u3 = u2.^2 [u2]",
                "u4 = sum(u3) [u3]",
                "u5 = xᵀB [x]",
                "u6 = u5 z [u5]",
                "f = u4 + u6 [u4, u6]"), steps(cut(typed, "x")));
        // By y instead: the product Ax does not vary, so it is written out where it is used.
        assertEquals(List.of("u1 = y − Ax [y]", "u2 = u1.^2 [u1]", "u3 = sum(u2) [u2]", "f = u3 + xᵀBz [u3]"),
                steps(cut(typed, "y")));
    }

    @Test
    void theUsersNamesAreKeptAndTheOthersAvoidEveryNameInUse() {
        TypedExpression typed = TypeChecker.expression("sum(tanh(u1 + h)) where h = W*u2",
                Map.of("u1", Shape.vector(dev.chainrule.shape.Dim.of("n")), "u2", Shape.vector(dev.chainrule.shape.Dim.of("n"))));
        // u1 and u2 are variables here, so the intermediates are v1, v2, …; h is the user's.
        assertEquals(List.of("h = W u2 [u2]", "v1 = u1 + h [u1, h]", "v2 = tanh(v1) [v1]", "f = sum(v2) [v2]"),
                steps(cut(typed, "u1", "u2")));
    }

    @Test
    void aNegationTheUserNamedIsAStep() {
        TypedExpression typed = TypeChecker.expression("exp(m) where m = -x", Map.of("x", Shape.SCALAR));
        assertEquals(List.of("m = −x [x]", "f = exp(m) [m]"), steps(cut(typed, "x")));
    }

    @Test
    void aFunctionThatIsAVariableIsOneStep() {
        TypedExpression typed = TypeChecker.expression("x", Map.of());
        Decomposition d = cut(typed, "x");
        assertEquals(List.of("f = x [x]"), steps(d));
        assertSame(typed.expr(), d.root().node());
    }

    @Test
    void anIntermediateWrittenOverItsOperandsIsTheNodeItNames() {
        TypedExpression typed = TypeChecker.expression("sum(exp(A*x) .* x) / N", Map.of("N", Shape.SCALAR));
        Decomposition d = cut(typed, "x");
        Map<Expr.Variable, Expr> values = new java.util.LinkedHashMap<>();
        d.intermediates().forEach(u -> values.put(u.label(), u.step()));
        Substitution substitution = new Substitution(values);
        for (Decomposition.Intermediate u : d.intermediates()) {
            assertSame(u.node(), substitution.apply(u.label()), u.name());
        }
    }
}

package dev.chainrule.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.codegen.CodeGenerator;
import dev.chainrule.graph.Expr;
import dev.chainrule.processor.FunctionSynthesizer.Attribute;
import dev.chainrule.processor.FunctionSynthesizer.Problem;
import dev.chainrule.typing.TypedFile;
import dev.chainrule.typing.TypedFunction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** From attributes to a checked function, without javac: parameters, their order and shapes, and every problem. */
class FunctionSynthesizerTest {
    private static FunctionSynthesizer.Input input(String expr, List<String> vars, List<String> wrt) {
        return new FunctionSynthesizer.Input("demo", "F", "F.java", 3, expr, vars, wrt, List.of(), List.of());
    }

    private static List<String> params(TypedFunction function) {
        return function.params().stream().map(v -> v.name() + ": " + v.shape()).toList();
    }

    @Test
    void declaredVariablesComeFirstInTheirOrderThenUndeclaredOnesByFirstUse() throws Exception {
        TypedFile file = FunctionSynthesizer.synthesize(input("sum(A*x) + c*sum(y) + lambda",
                List.of("y: vector[m]", "unused: vector[3]", "lambda: scalar"), List.of("x")));
        TypedFunction f = file.functions().get(0);
        assertEquals(List.of("y: vector[m]", "unused: vector[3]", "lambda: scalar", "A: matrix[n,k]", "x: vector[k]",
                "c: scalar"), params(f));
        assertEquals(List.of("m", "n", "k"), CodeGenerator.dimensionOrder(f));
        assertEquals(List.of("x"), f.requests().get(0).wrt().stream().map(Expr.Variable::name).toList());
        assertEquals("demo", file.packageName());
        assertEquals(3, f.span().line());
    }

    @Test
    void dimensionsOfDeclaredVariablesAreNumbers() throws Exception {
        TypedFunction f = FunctionSynthesizer.synthesize(input("sum(x)/n", List.of("x: vector[n]"), List.of("x")))
                .functions().get(0);
        assertEquals(List.of("x: vector[n]"), params(f));
    }

    @Test
    void everyProblemWithTheDeclarationsIsListed() {
        FunctionSynthesizer.Invalid invalid = assertThrows(FunctionSynthesizer.Invalid.class,
                () -> FunctionSynthesizer.synthesize(input("sum(x)", List.of("x vector[n]", "2x: scalar",
                        "x: vector[n]", "x: scalar", "n: scalar"), List.of("x"))));
        assertEquals(List.of(
                new Problem(Attribute.VARS, 0, "vars[0]: expected a declaration such as \"x: vector[n]\", found "
                        + "\"x vector[n]\""),
                new Problem(Attribute.VARS, 1, "expected a variable name before ':', found \"2x\" (vars[1], column 1)\n"
                        + "    2x: scalar\n"
                        + "    ^~"),
                new Problem(Attribute.VARS, 3, "vars[3]: 'x' is declared twice (first in vars[2])"),
                new Problem(Attribute.VARS, 4, "vars[4]: 'n' is both a variable and a dimension; rename one of them")),
                invalid.problems());
    }

    @Test
    void aHessianIsTakenWithRespectToAVectorNotAMatrix() {
        FunctionSynthesizer.Invalid invalid = assertThrows(FunctionSynthesizer.Invalid.class,
                () -> FunctionSynthesizer.synthesize(new FunctionSynthesizer.Input("", "F", "F.java", 1, "sum(A*x)",
                        List.of(), List.of(), List.of("A"), List.of())));
        assertEquals(List.of(new Problem(Attribute.HESSIAN_WRT, 0,
                "hessianWrt[0]: a Hessian is taken with respect to a scalar or a vector, but A is matrix[n,m]")),
                invalid.problems());
    }
}

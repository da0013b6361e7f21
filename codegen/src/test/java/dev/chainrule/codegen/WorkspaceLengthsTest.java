package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedFile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Workspace arrays whose rows are a compound dimension, such as the n·n rows of a Jacobian through
 * a matrix: their length once printed as {@code null * k}, and the class did not compile.
 */
class WorkspaceLengthsTest {

    @Test
    void aWorkspaceArrayWithACompoundNumberOfRowsIsAllocatedAtItsLength() {
        TypedFile file = TypeChecker.file(CalcSyntax.parseFile(new Source("t.calc", """
                function f(B: matrix[n,n], v: vector[k]) = tr(B/dot(v,v))
                    hessian wrt v;
                """)));
        Map<String, Integer> dimensions = Map.of("n", 2, "k", 3);
        CompiledFunction f = CompiledFunction.of(file, dimensions).get("f");
        double[] b = {1, 2, 3, 4};
        double[] v = {0.5, 1.5, -1};
        double[] hessian = new double[9];
        f.derivative("hessian", "v", Map.of("B", b, "v", v), hessian);

        Expr.Variable variable = f.function().params().get(1);
        Value expected = Interpreter.evaluate(Derivatives.hessian(f.function().body(), variable),
                Map.of("B", Value.matrix(2, 2, b), "v", Value.vector(v)));
        for (int i = 0; i < 9; i++) {
            assertEquals(expected.get(i), hessian[i], 1e-12 * (1 + Math.abs(expected.get(i))), "entry " + i);
        }
        // tr(B)/(vᵀv) = 5/s with s = 3.5: the Hessian is 5(8vvᵀ/s³ − 2I/s²), whose first entry is 5(2/42.875 − 2/12.25).
        assertEquals(5 * (8 * 0.25 / Math.pow(3.5, 3) - 2 / Math.pow(3.5, 2)), hessian[0], 1e-12);
    }
}

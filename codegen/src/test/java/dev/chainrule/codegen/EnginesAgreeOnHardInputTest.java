package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedFile;
import dev.chainrule.typing.TypedFunction;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Generated code and the reference interpreter on the inputs where careless numerics differ:
 * entries near 1e±200, arguments of exp near ±1000, singular matrices and NaN or infinite entries.
 * Both must give the same value and gradient, NaN where the other has NaN: one documented
 * behaviour (docs/codegen.md, "Numerics"), where once the interpreter threw "matrix is singular"
 * and the compiled engine printed numbers, or one overflowed and the other did not.
 */
class EnginesAgreeOnHardInputTest {

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource(delimiter = '|', value = {
        // Norms: the squares of 1e200 overflow and those of 1e-200 underflow, the norms do not.
        "x: vector[2]    | norm2(x)                 | x=[1e200,1e200]",
        "x: vector[2]    | norm2(x)                 | x=[3e-200,4e-200]",
        "x: vector[3]    | norm2(x)                 | x=[0,0,0]",
        "x: vector[2]    | norm2(x)                 | x=[\"NaN\",\"Infinity\"]",
        "x: vector[2]    | norm2(x)                 | x=[1,\"-Infinity\"]",
        "A: matrix[2,2]  | norm2(A)                 | A=[[1e300,1e300],[1e300,1e300]]",
        // The stable forms, as written.
        "x: vector[2]    | log(sum(exp(x)))         | x=[1000,1000]",
        "x: vector[2]    | log(sum(exp(x)))         | x=[-1000,-1001]",
        "x: vector[2]    | log(sum(exp(x)))         | x=[\"Infinity\",1]",
        "a: scalar       | log(1 + exp(a))          | a=1000",
        "a: scalar       | log(sigmoid(a))          | a=-1000",
        "a: scalar       | log(1 - sigmoid(a))      | a=1000",
        "a: scalar       | log(1/(1 + exp(-a)))     | a=-1000",
        "x: vector[2]    | sum(log(softmax(x)))     | x=[1000,0]",
        // Singular matrices: det 0, logdet −∞, inv NaN, in both.
        "u: vector[3]    | det(u*u')                | u=[1,2,3]",
        "A: matrix[2,2]  | det(A) + tr(inv(A))      | A=[[1,2],[2,4]]",
        "A: matrix[2,2]  | logdet(A)                | A=[[0,0],[0,0]]",
        "A: matrix[3,3]  | sum(inv(A))              | A=[[1,2,3],[4,5,6],[7,8,9]]",
        // Non-finite entries: NaN for det, logdet and inv, in both.
        "A: matrix[2,2]  | det(A)                   | A=[[\"Infinity\",0],[0,1]]",
        "A: matrix[2,2]  | logdet(A) + sum(inv(A))  | A=[[1,\"NaN\"],[0,1]]",
    })
    void bothEnginesGiveTheSameValueAndGradient(String declaration, String body, String at) {
        String variable = declaration.substring(0, declaration.indexOf(':')).strip();
        TypedFile file = TypeChecker.file(CalcSyntax.parseFile(new Source("hard.calc",
                "function f(" + declaration + ") = " + body + "\n    gradient wrt " + variable + ";\n")));
        TypedFunction function = file.functions().get(0);
        Expr.Variable x = function.params().get(0);
        Value point = Value.fromJson(at.substring(at.indexOf('=') + 1));
        Map<String, Value> inputs = Map.of(variable, point);

        Value expectedValue = Interpreter.evaluate(function.body(), inputs);
        Value expectedGradient = Interpreter.evaluate(Derivatives.gradient(function.body(), x), inputs);

        CompiledFunction compiled = CompiledFunction.of(file, Map.of()).get("f");
        Map<String, double[]> arguments = new HashMap<>(Map.of(variable, point.data()));
        Map<String, double[]> gradients = new LinkedHashMap<>();
        gradients.put(variable, new double[point.size()]);
        double value = compiled.valueAndGradient(arguments, gradients);

        assertSame(expectedValue.asScalar(), value, body + ": the value");
        assertEquals(compiled.value(arguments), value, 0.0, body + ": value and valueAndGradient");
        double[] gradient = gradients.get(variable);
        for (int i = 0; i < gradient.length; i++) {
            assertSame(expectedGradient.get(i), gradient[i], body + ": gradient entry " + i);
        }
    }

    /** Equal up to rounding where finite, the same infinity, or both NaN. */
    private static void assertSame(double expected, double actual, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, 0.0, what);
            return;
        }
        assertTrue(Math.abs(expected - actual) <= 1e-12 * Math.max(1, Math.abs(expected)),
                what + ": interpreter " + expected + ", generated " + actual);
    }
}

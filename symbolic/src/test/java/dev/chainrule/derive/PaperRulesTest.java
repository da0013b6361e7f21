package dev.chainrule.derive;

import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.simplify.Simplifier;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedExpression;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every result of ../shared/reference/paper-rules.md (Parr and Howard, and matrixcalculus.org's two
 * families), derived and simplified. The expected result is written in chainrule's syntax and must
 * be the very same node as the derivation's result: equal up to the documented canonical order of
 * terms and factors, and nothing else.
 */
class PaperRulesTest {
    private static final Dim N = Dim.of("n");

    /** x, y, z, b are scalars in the scalar rules; w, x vectors of length n elsewhere. */
    private static Map<String, Shape> declarations(String names) {
        Map<String, Shape> declared = new LinkedHashMap<>();
        for (String declaration : names.split(";")) {
            if (declaration.isBlank()) {
                continue;
            }
            String[] parts = declaration.trim().split(":");
            declared.put(parts[0].trim(), TypeChecker.shapeOf(CalcSyntax.parseType(Source.ofExpression(parts[1].trim()))));
        }
        return declared;
    }

    private static Expr expected(String text, Map<String, Shape> declared, Shape shape) {
        Source source = Source.ofExpression(text);
        Expr e = TypeChecker.expression(source, CalcSyntax.parseExpression(source), declared, shape).expr();
        return Simplifier.simplify(e);
    }

    @ParameterizedTest(name = "d/d{1} {0} = {2}")
    @CsvSource(delimiter = '|', value = {
        // Scalar rules.
        "c                | x | 0                      | x: scalar; c: scalar",
        "3*x^2            | x | 6*x                    | x: scalar",
        "x^5              | x | 5*x^4                  | x: scalar",
        "x^2 + sin(x)     | x | 2*x + cos(x)           | x: scalar",
        "x^2 - sin(x)     | x | 2*x - cos(x)           | x: scalar",
        "x^2 * sin(x)     | x | 2*x*sin(x) + x^2*cos(x) | x: scalar",
        "log(x^2)         | x | 2/x                    | x: scalar",
        "9*(x + x^2)      | x | 9 + 18*x               | x: scalar",
        "sin(x^2)         | x | 2*x*cos(x^2)           | x: scalar",
        "x + x^2          | x | 1 + 2*x                | x: scalar",
        // Gradients: f(x, y) = 3x²y has ∇f = [6xy, 3x²]; g(x, y) = 2x + y⁸ has ∇g = [2, 8y⁷].
        "3*x^2*y          | x | 6*x*y                  | x: scalar; y: scalar",
        "3*x^2*y          | y | 3*x^2                  | x: scalar; y: scalar",
        "2*x + y^8        | x | 2                      | x: scalar; y: scalar",
        "2*x + y^8        | y | 8*y^7                  | x: scalar; y: scalar",
        // Reductions (gradients in the shape of the variable).
        "sum(x)           | x | vector(1)              | x: vector[n]",
        "sum(x*z)         | x | z*vector(1)            | x: vector[n]; z: scalar",
        "sum(x*z)         | z | sum(x)                 | x: vector[n]; z: scalar",
        "w . x            | w | x                      | w: vector[n]; x: vector[n]",
        "w . x            | x | w                      | w: vector[n]; x: vector[n]",
        // The neuron.
        "w . x + b        | w | x                      | w: vector[n]; x: vector[n]; b: scalar",
        "w . x + b        | b | 1                      | w: vector[n]; x: vector[n]; b: scalar",
        "max(0, w . x + b)| w | step(w . x + b)*x      | w: vector[n]; x: vector[n]; b: scalar",
        "max(0, w . x + b)| b | step(w . x + b)        | w: vector[n]; x: vector[n]; b: scalar",
        // The loss over N samples, in matrix form.
        "sum((y - max(0, X*w + b)) .^ 2) / N | w | (2/N) * X' * ((max(0, X*w + b) - y) .* step(X*w + b)) | X: matrix[N,n]; w: vector[n]; y: vector[N]; b: scalar",
        "sum((y - max(0, X*w + b)) .^ 2) / N | b | (2/N) * sum((max(0, X*w + b) - y) .* step(X*w + b))   | X: matrix[N,n]; w: vector[n]; y: vector[N]; b: scalar",
        // matrixcalculus.org's families.
        "x'*A*x           | x | (A + A')*x             | x: vector[n]; A: matrix[n,n]",
        "norm2(A*x - y)^2 | x | 2*A'*(A*x - y)         | x: vector[n]; A: matrix[m,n]; y: vector[m]",
    })
    void gradient(String function, String wrt, String result, String declared) {
        assertDerivative("gradient", Derivatives::gradient, function, wrt, result, declared);
    }

    @ParameterizedTest(name = "J_{1} {0} = {2}")
    @CsvSource(delimiter = '|', value = {
        "x                | x | eye                    | x: vector[n]",
        "w + x            | w | eye                    | w: vector[n]; x: vector[n]",
        "w + x            | x | eye                    | w: vector[n]; x: vector[n]",
        "w - x            | w | eye                    | w: vector[n]; x: vector[n]",
        "w - x            | x | -eye                   | w: vector[n]; x: vector[n]",
        "w .* x           | w | diag(x)                | w: vector[n]; x: vector[n]",
        "w .* x           | x | diag(w)                | w: vector[n]; x: vector[n]",
        "w ./ x           | w | diag(1 ./ x)           | w: vector[n]; x: vector[n]",
        "w ./ x           | x | diag(-(w ./ x .^ 2))   | w: vector[n]; x: vector[n]",
        "x + z            | x | eye                    | x: vector[n]; z: scalar",
        "x + z            | z | vector(1)              | x: vector[n]; z: scalar",
        "x*z              | x | z*eye                  | x: vector[n]; z: scalar",
        "x*z              | z | x                      | x: vector[n]; z: scalar",
        "sum(x)           | x | vector(1)'             | x: vector[n]",
        "w . x            | w | x'                     | w: vector[n]; x: vector[n]",
        // The element-wise chain rule: diag(∂fᵢ/∂gᵢ · ∂gᵢ/∂xᵢ).
        "sin(x .^ 2)      | x | diag(2*(x .* cos(x .^ 2))) | x: vector[n]",
    })
    void jacobianInNumeratorLayout(String function, String wrt, String result, String declared) {
        assertDerivative("Jacobian", Derivatives::jacobian, function, wrt, result, declared);
    }

    @ParameterizedTest(name = "H_{1} {0} = {2}")
    @CsvSource(delimiter = '|', value = {
        "x'*A*x           | x | A + A'                 | x: vector[n]; A: matrix[n,n]",
        "norm2(A*x - y)^2 | x | 2*A'*A                 | x: vector[n]; A: matrix[m,n]; y: vector[m]",
        "sum(exp(x))      | x | diag(exp(x))           | x: vector[n]",
    })
    void hessian(String function, String wrt, String result, String declared) {
        assertDerivative("Hessian", Derivatives::hessian, function, wrt, result, declared);
    }

    /** Derives, and requires the very node the expected result (in chainrule's syntax) simplifies to. */
    private static void assertDerivative(String kind, java.util.function.BiFunction<Expr, Expr.Variable, Expr> derive,
                                         String function, String wrt, String result, String declared) {
        Map<String, Shape> shapes = declarations(declared);
        TypedExpression f = TypeChecker.expression(function.trim(), shapes);
        Expr.Variable v = (Expr.Variable) Expr.variable(wrt.trim(), shapes.get(wrt.trim()));
        Expr derived = derive.apply(f.expr(), v);
        assertSame(expected(result.trim(), shapes, derived.shape()), derived,
                () -> "the " + kind + " of " + function.trim() + " wrt " + wrt.trim() + " is not " + result.trim()
                        + ": " + derived);
    }
}

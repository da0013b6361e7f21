package dev.chainrule.simplify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.print.Format;
import dev.chainrule.print.Printer;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.typing.TypeChecker;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The matrix determinant lemma, det(I + xyᵀ) = 1 + yᵀx, as the simplifier's rules: the determinant
 * of a rank-one update of the identity becomes a scalar, in either order of the sum and with a
 * scalar factor, and so does logdet = log|det| of I + xxᵀ (whose 1 + xᵀx is positive), so their
 * derivatives have no n × n inverse, and the Hessian none of the cancellation of
 * 2(−((I + xxᵀ)⁻¹ ⊗ xᵀ(I + xxᵀ)⁻¹)(I ⊗ x + x ⊗ I) + (I + xxᵀ)⁻¹). A determinant of another sum, and
 * logdet of an update whose 1 + yᵀx may be negative, stay.
 */
class DeterminantLemmaTest {
    private static final Map<String, Shape> DECLARED = new LinkedHashMap<>();

    static {
        DECLARED.put("c", Shape.SCALAR);
        DECLARED.put("x", Shape.vector(Dim.of(3)));
        DECLARED.put("y", Shape.vector(Dim.of(3)));
        DECLARED.put("A", Shape.matrix(Dim.of(3), Dim.of(3)));
    }

    private static final Map<String, Value> AT = Map.of(
            "c", Value.scalar(0.7),
            "x", Value.vector(0.3, -1.1, 0.8),
            "y", Value.vector(-0.4, 0.9, 1.3),
            "A", Value.matrix(3, 3, 0.2, 0.1, -0.3, 0.4, 0.5, 0.0, -0.1, 0.2, 0.3));

    private static Expr parse(String text) {
        return TypeChecker.expression(text, DECLARED).expr();
    }

    private static boolean hasDeterminantOrInverse(Expr e) {
        return Traversal.postOrder(e).stream()
                .anyMatch(n -> n instanceof Expr.Det || n instanceof Expr.LogDet || n instanceof Expr.Inverse);
    }

    private static double value(Expr e) {
        return Interpreter.evaluate(e, AT).asScalar();
    }

    @Test
    void aRankOneUpdateOfTheIdentityHasAScalarDeterminant() {
        for (String text : new String[] {"det(eye + x*y')", "det(x*y' + eye)", "det(eye + c*(x*y'))",
                "det(c*(x*y') + eye)", "logdet(eye + x*x')", "logdet(x*x' + eye)"}) {
            Expr written = parse(text);
            Expr simplified = Simplifier.simplify(written);
            String printed = Printer.print(simplified, Format.ASCII);
            assertFalse(hasDeterminantOrInverse(simplified), text + " simplified to " + printed);
            // The value is the determinant's, computed by LU factorisation from the written form.
            assertEquals(value(written), value(simplified), 1e-14, text + " = " + printed);
        }
    }

    @Test
    void theHessianOfTheLogDeterminantHasNoInverse() {
        Expr f = parse("logdet(eye + x*x')");
        Expr hessian = Derivatives.hessian(f, (Expr.Variable) parse("x"));
        assertFalse(hasDeterminantOrInverse(hessian), Printer.print(hessian, Format.ASCII));
        // log(1 + ‖x‖²): Hessian 2/(1 + ‖x‖²) I − 4xxᵀ/(1 + ‖x‖²)².
        double[] x = {0.3, -1.1, 0.8};
        double c = 1;
        double s = 1 + c * (x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
        Value h = Interpreter.evaluate(hessian, AT);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double expected = (i == j ? 2 * c / s : 0) - 4 * c * c * x[i] * x[j] / (s * s);
                assertEquals(expected, h.get(i * 3 + j), 1e-14, "H[" + i + "," + j + "]");
            }
        }
    }

    @Test
    void aDeterminantOfAnotherSumStays() {
        // logdet is log|det|: log|1 + yᵀx| would need the sign of 1 + yᵀx, which xxᵀ alone gives.
        for (String text : new String[] {"logdet(eye + A)", "det(A + x*y')", "logdet(eye + x*y' + A)",
                "logdet(eye + x*y')", "logdet(eye + c*(x*x'))"}) {
            Expr simplified = Simplifier.simplify(parse(text));
            assertTrue(Traversal.postOrder(simplified).stream().anyMatch(n -> n instanceof Expr.Det || n instanceof Expr.LogDet),
                    text + " simplified to " + Printer.print(simplified, Format.ASCII));
        }
    }
}

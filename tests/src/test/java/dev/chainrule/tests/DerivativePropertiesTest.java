package dev.chainrule.tests;

import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Shape;
import dev.chainrule.shape.ShapeRules;
import dev.chainrule.testing.property.Property;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gradients and Jacobians of random expressions against central finite differences of the
 * interpreter (see {@link Numeric} for steps and tolerances): by variables of every kind (scalars,
 * vectors, matrices, symmetric matrices), of functions of every shape, through every operator,
 * matrix-valued steps that read the variable included.
 *
 * <p>A derivative is checked along directions: each entry of the variable in turn, and for a
 * symmetric matrix S the symmetric directions E_ii and E_ij + E_ji, since a function of S is only
 * defined on symmetric matrices. Along a direction D the derivative is J·vec(D) for a Jacobian
 * J = ∂vec(f)/∂vec(x)ᵀ (entry ∂fᵢ/∂xₖ at row i, column k, both read row by row) and ⟨G, D⟩ for a
 * gradient G; the gradient by a symmetric matrix must moreover be symmetric (docs/language.md:
 * G = (Gᵤ + Gᵤᵀ)/2).
 */
class DerivativePropertiesTest {
    static final int TRIES = 1000;

    private static final ExprGen.Options GRADIENT = new ExprGen.Options(ExprGen.Output.SCALAR, false, true);
    private static final ExprGen.Options JACOBIAN = new ExprGen.Options(ExprGen.Output.FUNCTION, true, true);

    @Test
    void gradientsEqualFiniteDifferences() {
        Property.forAll("gradient = central differences", ExprGen.cases(GRADIENT))
                .tries(TRIES)
                .show(Case::show)
                .check(c -> {
                    Expr f = c.expr();
                    List<Expr.Variable> wrt = new ArrayList<>(c.variables().values());
                    Property.assume(!wrt.isEmpty(), "no variables");
                    Map<Expr.Variable, Expr> gradients = Derivatives.gradients(f, wrt);
                    List<Expr> exprs = Numeric.list(f);
                    for (Expr.Variable v : wrt) {
                        Expr g = gradients.get(v);
                        if (!g.shape().equals(v.shape())) {
                            throw new AssertionError("the gradient by " + v.name() + " is " + g.shape() + ", not "
                                    + v.shape());
                        }
                        exprs.add(g);
                    }
                    Numeric.atSmoothPoint(c, exprs, p -> {
                        for (Expr.Variable v : wrt) {
                            double[] g = p.data(gradients.get(v));
                            if (v.symmetric()) {
                                assertSymmetric("the gradient by " + v.name(), g, c.rows(v.shape()), p,
                                        gradients.get(v));
                            }
                            for (Numeric.Direction d : Numeric.directions(v, c)) {
                                Numeric.Difference diff = Numeric.difference(p, v.name(), d, q -> new double[] {q.scalar(f)});
                                double analytic = Numeric.along(g, 0, g.length, d.values());
                                at(p, () -> Numeric.assertMatches("∂f along " + d.name(), analytic, diff, 0));
                            }
                        }
                    });
                });
    }

    @Test
    void jacobiansEqualFiniteDifferences() {
        Property.forAll("jacobian = central differences", ExprGen.cases(JACOBIAN))
                .tries(TRIES)
                .show(Case::show)
                .check(c -> {
                    Expr f = c.expr();
                    Expr.Variable x = c.wrtVariable();
                    Property.assume(x != null, "the expression does not read the variable");
                    Expr j = Derivatives.jacobian(f, x);
                    Shape expected = jacobianShape(f.shape(), x.shape());
                    if (!j.shape().equals(expected)) {
                        throw new AssertionError("the Jacobian is " + j.shape() + ", not " + expected);
                    }
                    Numeric.atSmoothPoint(c, Numeric.list(f, j), p -> {
                        double[] jacobian = p.data(j);
                        int m = c.entries(f.shape());
                        int n = c.entries(x.shape());
                        for (Numeric.Direction d : Numeric.directions(x, c)) {
                            Numeric.Difference diff = Numeric.difference(p, x.name(), d, q -> q.data(f));
                            for (int i = 0; i < m; i++) {
                                int row = i;
                                double analytic = Numeric.along(jacobian, i, n, d.values());
                                at(p, () -> Numeric.assertMatches("∂f[" + row + "] along " + d.name(), analytic, diff, row));
                            }
                        }
                    });
                });
    }

    /**
     * ∂vec(f)/∂vec(x)ᵀ: f's own shape for a scalar x, a row for a scalar f, else a matrix with a row
     * per entry of f and a column per entry of x.
     */
    static Shape jacobianShape(Shape f, Shape x) {
        if (x.isScalar()) {
            return f;
        }
        return f.isScalar() ? Shape.row(ShapeRules.entries(x)) : Shape.matrix(ShapeRules.entries(f), ShapeRules.entries(x));
    }

    /**
     * Fails unless the n × n matrix, the value of {@code e} at the point, is symmetric to rounding:
     * to 1e-12 of its entries, or where they differ by more, of its terms that cancelled times the
     * amplification by the inverses it is computed through (the gradient of det at a singular
     * matrix is det·A⁻ᵀ: rounding noise of 1e-12 either way).
     */
    static void assertSymmetric(String what, double[] m, int n, Numeric.Point p, Expr e) {
        double scale = Math.max(1, Numeric.maxAbs(m));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (!Numeric.close(m[i * n + j], m[j * n + i], 1e-12, scale)
                        && !Numeric.close(m[i * n + j], m[j * n + i], 1e-12,
                                Math.max(scale, Numeric.termScale(p, e)) * Numeric.conditioning(p, e))) {
                    throw new AssertionError(what + " is not symmetric: [" + i + "," + j + "] = "
                            + Numeric.num(m[i * n + j]) + ", [" + j + "," + i + "] = " + Numeric.num(m[j * n + i])
                            + " at " + p.show());
                }
            }
        }
    }

    /** Runs a check, naming the point in its failure. */
    static void at(Numeric.Point p, Runnable check) {
        try {
            check.run();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " at " + p.show(), e);
        }
    }
}

package dev.chainrule.tests;

import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.shape.Shape;
import dev.chainrule.testing.property.Property;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Gradients, Jacobians and Hessians of random expressions against central finite differences of
 * the interpreter (see {@link Numeric} for steps and tolerances), and the Hessian's own identities.
 */
class DerivativePropertiesTest {
    static final int TRIES = 1000;

    private static final ExprGen.Options GRADIENT = new ExprGen.Options(ExprGen.Output.SCALAR, false, true);
    private static final ExprGen.Options JACOBIAN = new ExprGen.Options(ExprGen.Output.VECTOR, true, true);
    private static final ExprGen.Options HESSIAN = new ExprGen.Options(ExprGen.Output.SCALAR, true, true);

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
                            for (int k = 0; k < g.length; k++) {
                                int entry = k;
                                Numeric.Difference d = Numeric.difference(p, v.name(), k, q -> new double[] {q.scalar(f)});
                                at(p, () -> Numeric.assertMatches("∂f/∂" + Numeric.entry(v, c, entry), g[entry], d, 0));
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
                    Shape expected = x.shape().isScalar() ? f.shape() : Shape.matrix(f.shape().rows(), x.shape().rows());
                    if (!j.shape().equals(expected)) {
                        throw new AssertionError("the Jacobian is " + j.shape() + ", not " + expected);
                    }
                    Numeric.atSmoothPoint(c, Numeric.list(f, j), p -> {
                        double[] jacobian = p.data(j);
                        int m = c.entries(f.shape());
                        int n = c.entries(x.shape());
                        for (int k = 0; k < n; k++) {
                            Numeric.Difference d = Numeric.difference(p, x.name(), k, q -> q.data(f));
                            for (int i = 0; i < m; i++) {
                                int row = i;
                                int col = k;
                                at(p, () -> Numeric.assertMatches("J[" + row + "," + col + "]", jacobian[row * n + col], d, row));
                            }
                        }
                    });
                });
    }

    @Test
    void hessiansEqualFiniteDifferencesOfTheGradient() {
        Property.forAll("hessian = central differences of the gradient", ExprGen.cases(HESSIAN))
                .tries(TRIES)
                .show(Case::show)
                .check(c -> {
                    Expr f = c.expr();
                    Expr.Variable x = c.wrtVariable();
                    Property.assume(x != null, "the expression does not read the variable");
                    Expr g = Derivatives.gradient(f, x);
                    Expr h = Derivatives.hessian(f, x);
                    Shape expected = x.shape().isScalar() ? Shape.SCALAR : Shape.matrix(x.shape().rows(), x.shape().rows());
                    if (!h.shape().equals(expected)) {
                        throw new AssertionError("the Hessian is " + h.shape() + ", not " + expected);
                    }
                    Numeric.atSmoothPoint(c, Numeric.list(f, g, h), p -> {
                        double[] hessian = p.data(h);
                        int n = c.entries(x.shape());
                        for (int k = 0; k < n; k++) {
                            Numeric.Difference d = Numeric.difference(p, x.name(), k, q -> q.data(g));
                            for (int i = 0; i < n; i++) {
                                int row = i;
                                int col = k;
                                at(p, () -> Numeric.assertMatches("H[" + row + "," + col + "]", hessian[row * n + col], d, row));
                            }
                        }
                    });
                });
    }

    @Test
    void hessiansAreSymmetricAndTheJacobianOfTheGradient() {
        Property.forAll("hessian symmetric, = jacobian of gradient, = reverse-mode jacobian of gradient",
                        ExprGen.cases(HESSIAN))
                .tries(TRIES)
                .show(Case::show)
                .check(c -> {
                    Expr f = c.expr();
                    Expr.Variable x = c.wrtVariable();
                    Property.assume(x != null && x.shape().isVector(), "no vector variable");
                    Expr g = Derivatives.gradient(f, x);
                    Expr h = Derivatives.hessian(f, x);
                    Expr jacobianOfGradient = Derivatives.jacobian(g, x);
                    // Reverse over reverse: the gradient of gᵀp is Hᵀp, for a probe vector p.
                    Expr.Variable probe = (Expr.Variable) Expr.variable("probe", x.shape());
                    Expr reverse = Derivatives.gradient(Expr.product(Expr.transpose(g), probe), x);
                    Numeric.atSmoothPoint(c, Numeric.list(f, g, h), p -> {
                        int n = c.entries(x.shape());
                        double[] hessian = p.data(h);
                        double scale = Math.max(1, Numeric.maxAbs(hessian));
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < i; j++) {
                                if (!Numeric.close(hessian[i * n + j], hessian[j * n + i], 1e-9, scale)) {
                                    throw new AssertionError("not symmetric: H[" + i + "," + j + "] = "
                                            + Numeric.num(hessian[i * n + j]) + ", H[" + j + "," + i + "] = "
                                            + Numeric.num(hessian[j * n + i]) + " at " + p.show());
                                }
                            }
                        }
                        double[] jg = p.data(jacobianOfGradient);
                        for (int k = 0; k < hessian.length; k++) {
                            if (!Numeric.close(hessian[k], jg[k], 1e-12, scale)) {
                                throw new AssertionError("H[" + k / n + "," + k % n + "] = " + Numeric.num(hessian[k])
                                        + " but the Jacobian of the gradient has " + Numeric.num(jg[k]) + " at " + p.show());
                            }
                        }
                        double[] probeValues = new double[n];
                        Random random = new Random(c.seed());
                        for (int i = 0; i < n; i++) {
                            probeValues[i] = 2 * random.nextDouble() - 1;
                        }
                        Map<String, Value> inputs = new LinkedHashMap<>(c.inputs(p.values()));
                        inputs.put("probe", Value.vector(probeValues));
                        double[] hp = Interpreter.evaluate(reverse, inputs, c.sizes()).data();
                        for (int j = 0; j < n; j++) {
                            double expectedEntry = 0;
                            for (int i = 0; i < n; i++) {
                                expectedEntry += hessian[i * n + j] * probeValues[i];
                            }
                            if (!Numeric.close(hp[j], expectedEntry, 1e-9, scale)) {
                                throw new AssertionError("(Hᵀp)[" + j + "] = " + Numeric.num(expectedEntry)
                                        + " but reverse mode gives " + Numeric.num(hp[j]) + " at " + p.show());
                            }
                        }
                    });
                });
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

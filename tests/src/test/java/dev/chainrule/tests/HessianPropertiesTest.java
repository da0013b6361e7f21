package dev.chainrule.tests;

import static dev.chainrule.tests.DerivativePropertiesTest.at;
import static dev.chainrule.tests.DerivativePropertiesTest.jacobianShape;

import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.shape.Shape;
import dev.chainrule.shape.ShapeRules;
import dev.chainrule.testing.property.Property;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Second derivatives of random scalar functions by variables of every kind (scalars, vectors,
 * matrices, symmetric matrices), through matrix-valued steps that read the variable: Hessians
 * against central finite differences of the gradient, their symmetry and their agreement with the
 * Jacobian of the gradient and with reverse over reverse; mixed blocks ∂²f/∂x∂y; and
 * Hessian-vector products against H·v and against differences of the gradient along v.
 *
 * <p>The Hessian by an m × n matrix X is mn × mn, ∂²f/∂Xᵢⱼ∂Xₖₗ at row i·n + j, column k·n + l.
 * Every check is made along directions (see {@link Numeric#directions}): the entries of the
 * variable, or for a symmetric matrix the symmetric directions, along which alone its function is
 * defined.
 */
class HessianPropertiesTest {
    static final int TRIES = 1000;

    private static final ExprGen.Options HESSIAN = new ExprGen.Options(ExprGen.Output.SCALAR, true, true);

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
                    Shape expected = x.shape().isScalar() ? Shape.SCALAR
                            : Shape.matrix(ShapeRules.entries(x.shape()), ShapeRules.entries(x.shape()));
                    if (!h.shape().equals(expected)) {
                        throw new AssertionError("the Hessian is " + h.shape() + ", not " + expected);
                    }
                    Numeric.atSmoothPoint(c, Numeric.list(f, g, h), p -> {
                        double[] hessian = p.data(h);
                        int n = c.entries(x.shape());
                        for (Numeric.Direction d : Numeric.directions(x, c)) {
                            Numeric.Difference diff = Numeric.difference(p, x.name(), d, q -> q.data(g));
                            for (int i = 0; i < n; i++) {
                                int row = i;
                                double analytic = Numeric.along(hessian, i, n, d.values());
                                at(p, () -> Numeric.assertMatches("H[" + row + "] along " + d.name(), analytic, diff, row));
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
                    Property.assume(x != null, "the expression does not read the variable");
                    Expr g = Derivatives.gradient(f, x);
                    Expr h = Derivatives.hessian(f, x);
                    Expr jacobianOfGradient = Derivatives.jacobian(g, x);
                    // Reverse over reverse: the gradient of ⟨g, P⟩ is Hᵀ vec(P), for a probe P.
                    Expr.Variable probe = (Expr.Variable) Expr.variable("probe", x.shape());
                    Expr reverse = Derivatives.gradient(Expr.sum(Expr.times(g, probe)), x);
                    Numeric.atSmoothPoint(c, Numeric.list(f, g, h), p -> {
                        int n = c.entries(x.shape());
                        double[] hessian = p.data(h);
                        // The scale of rounding: the Hessian's entries, or where they cancel to almost
                        // nothing, the terms that cancelled (computed only then), times the amplification
                        // of rounding by the inverses both are computed through.
                        double own = Math.max(1, Numeric.maxAbs(hessian));
                        java.util.function.DoubleUnaryOperator scaleFor = difference -> difference <= 1e-9 * own ? own
                                : Math.max(own, Math.max(Numeric.termScale(p, h), Numeric.termScale(p, jacobianOfGradient)))
                                        * Math.max(Numeric.conditioning(p, h), Numeric.conditioning(p, jacobianOfGradient));
                        List<Numeric.Direction> directions = Numeric.directions(x, c);
                        for (Numeric.Direction a : directions) {
                            for (Numeric.Direction b : directions) {
                                double ab = bilinear(hessian, n, a.values(), b.values());
                                double ba = bilinear(hessian, n, b.values(), a.values());
                                if (!Numeric.close(ab, ba, 1e-9, scaleFor.applyAsDouble(Math.abs(ab - ba)))) {
                                    throw new AssertionError("not symmetric: along " + a.name() + ", " + b.name() + " "
                                            + Numeric.num(ab) + ", the other way " + Numeric.num(ba) + " at " + p.show());
                                }
                            }
                        }
                        double[] jg = p.data(jacobianOfGradient);
                        for (int k = 0; k < hessian.length; k++) {
                            if (!Numeric.close(hessian[k], jg[k], 1e-12, own)
                                    && !Numeric.close(hessian[k], jg[k], 1e-12, scaleFor.applyAsDouble(1))) {
                                throw new AssertionError("H[" + k / n + "," + k % n + "] = " + Numeric.num(hessian[k])
                                        + " but the Jacobian of the gradient has " + Numeric.num(jg[k]) + " at " + p.show());
                            }
                        }
                        double[] probeValues = randomValues(new Random(c.seed()), x, c);
                        Map<String, Value> inputs = new LinkedHashMap<>(c.inputs(p.values()));
                        inputs.put("probe", c.value(x.shape(), probeValues));
                        double[] hp = Interpreter.evaluate(reverse, inputs, c.sizes()).data();
                        for (Numeric.Direction d : directions) {
                            double expected = bilinear(hessian, n, probeValues, d.values());
                            double actual = Numeric.along(hp, 0, n, d.values());
                            if (!Numeric.close(actual, expected, 1e-9, own)
                                    && !Numeric.close(actual, expected, 1e-9, scaleFor.applyAsDouble(1))) {
                                throw new AssertionError("(Hᵀp) along " + d.name() + " = " + Numeric.num(expected)
                                        + " but reverse mode gives " + Numeric.num(actual) + " at " + p.show());
                            }
                        }
                    });
                });
    }

    @Test
    void mixedBlocksEqualFiniteDifferencesAndEachOther() {
        Property.forAll("∂²f/∂x∂y = central differences of ∂f/∂x along y, = (∂²f/∂y∂x)ᵀ", ExprGen.cases(HESSIAN))
                .tries(TRIES)
                .show(Case::show)
                .check(c -> {
                    Expr f = c.expr();
                    Expr.Variable x = c.wrtVariable();
                    Property.assume(x != null, "the expression does not read the variable");
                    List<Expr.Variable> others = c.variables().values().stream().filter(v -> v != x).toList();
                    Property.assume(!others.isEmpty(), "one variable only");
                    Expr.Variable y = others.get(new Random(c.seed()).nextInt(others.size()));
                    // As the CLI's eval --hessian x,y makes them: the Jacobian of one gradient by the other variable.
                    Expr gx = Derivatives.gradient(f, x);
                    Expr gy = Derivatives.gradient(f, y);
                    Expr hxy = Derivatives.jacobian(gx, y);
                    Expr hyx = Derivatives.jacobian(gy, x);
                    for (Expr[] block : new Expr[][] {{hxy, gx, y}, {hyx, gy, x}}) {
                        Shape expected = jacobianShape(block[1].shape(), block[2].shape());
                        if (!block[0].shape().equals(expected)) {
                            throw new AssertionError("a mixed block is " + block[0].shape() + ", not " + expected);
                        }
                    }
                    Numeric.atSmoothPoint(c, Numeric.list(f, gx, gy, hxy, hyx), p -> {
                        int nx = c.entries(x.shape());
                        int ny = c.entries(y.shape());
                        double[] xy = p.data(hxy);
                        double[] yx = p.data(hyx);
                        for (Numeric.Direction d : Numeric.directions(y, c)) {
                            Numeric.Difference diff = Numeric.difference(p, y.name(), d, q -> q.data(gx));
                            for (int i = 0; i < nx; i++) {
                                int row = i;
                                double analytic = Numeric.along(xy, i, ny, d.values());
                                at(p, () -> Numeric.assertMatches("∂²f/∂" + x.name() + "∂" + y.name() + "[" + row + "] along "
                                        + d.name(), analytic, diff, row));
                            }
                        }
                        double scale = Math.max(1, Math.max(Numeric.maxAbs(xy), Numeric.maxAbs(yx)));
                        for (Numeric.Direction dx : Numeric.directions(x, c)) {
                            for (Numeric.Direction dy : Numeric.directions(y, c)) {
                                double one = bilinear(xy, nx, ny, dx.values(), dy.values());
                                double other = bilinear(yx, ny, nx, dy.values(), dx.values());
                                // Else to the terms that cancelled, amplified by the inverses computed through
                                if (!Numeric.close(one, other, 1e-9, scale) && !Numeric.close(one, other, 1e-9,
                                        Math.max(scale, Math.max(Numeric.termScale(p, hxy), Numeric.termScale(p, hyx)))
                                                * Math.max(Numeric.conditioning(p, hxy), Numeric.conditioning(p, hyx)))) {
                                    throw new AssertionError("∂²f/∂" + x.name() + "∂" + y.name() + " along " + dx.name()
                                            + ", " + dy.name() + " is " + Numeric.num(one) + " one way, " + Numeric.num(other)
                                            + " the other, at " + p.show());
                                }
                            }
                        }
                    });
                });
    }

    @Test
    void hessianVectorProductsEqualHessianTimesVectorAndDifferencesOfTheGradient() {
        Property.forAll("hvp = H·v = central differences of the gradient along v", ExprGen.cases(HESSIAN))
                .tries(TRIES)
                .show(Case::show)
                .check(c -> {
                    Expr f = c.expr();
                    Expr.Variable x = c.wrtVariable();
                    Property.assume(x != null, "the expression does not read the variable");
                    Expr.Variable v = (Expr.Variable) Expr.variable("v", x.shape());
                    Expr g = Derivatives.gradient(f, x);
                    Expr h = Derivatives.hessian(f, x);
                    Expr hv = Derivatives.hessianVectorProduct(f, x, v);
                    if (!hv.shape().equals(x.shape())) {
                        throw new AssertionError("the Hessian-vector product is " + hv.shape() + ", not " + x.shape());
                    }
                    Numeric.atSmoothPoint(c, Numeric.list(f, g, h), p -> {
                        int n = c.entries(x.shape());
                        double[] direction = randomValues(new Random(c.seed() + 1), x, c);
                        Map<String, Value> inputs = new LinkedHashMap<>(c.inputs(p.values()));
                        inputs.put("v", c.value(x.shape(), direction));
                        double[] product = Interpreter.evaluate(hv, inputs, c.sizes()).data();
                        double[] hessian = p.data(h);
                        double scale = Math.max(1, Numeric.maxAbs(hessian) * Numeric.maxAbs(direction));
                        Numeric.Difference diff = Numeric.difference(p, x.name(), new Numeric.Direction("v", direction),
                                q -> q.data(g));
                        for (int i = 0; i < n; i++) {
                            int row = i;
                            double expected = Numeric.along(hessian, i, n, direction);
                            if (!Numeric.close(product[i], expected, 1e-9, scale) && !Numeric.close(product[i], expected,
                                    1e-9, Math.max(scale, Numeric.termScale(p, h) * Numeric.maxAbs(direction)))) {
                                throw new AssertionError("(Hv)[" + i + "] = " + Numeric.num(product[i]) + " but H·v = "
                                        + Numeric.num(expected) + " at " + p.show() + ", v = " + java.util.Arrays.toString(direction));
                            }
                            at(p, () -> Numeric.assertMatches("(Hv)[" + row + "]", product[row], diff, row));
                        }
                    });
                });
    }

    /** aᵀ M b for an n × n matrix M read row by row. */
    static double bilinear(double[] m, int n, double[] a, double[] b) {
        return bilinear(m, n, n, a, b);
    }

    /** aᵀ M b for a rows × cols matrix M read row by row. */
    static double bilinear(double[] m, int rows, int cols, double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            if (a[i] != 0) {
                sum += a[i] * Numeric.along(m, i, cols, b);
            }
        }
        return sum;
    }

    /** Values in [-1, 1] for a variable's shape: a symmetric matrix for a symmetric variable. */
    static double[] randomValues(Random random, Expr.Variable v, Case c) {
        int entries = c.entries(v.shape());
        double[] values = new double[entries];
        for (int i = 0; i < entries; i++) {
            values[i] = 2 * random.nextDouble() - 1;
        }
        if (v.symmetric()) {
            int n = c.rows(v.shape());
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    values[i * n + j] = values[j * n + i];
                }
            }
        }
        return values;
    }
}

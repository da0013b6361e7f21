package dev.chainrule.benchmarks.engines;

import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The models with Hipparchus's forward-mode automatic differentiation, as a Java user writes them
 * today: every unknown becomes a {@link Gradient} variable carrying its derivatives with respect
 * to all n unknowns, and the function is written with Gradient arithmetic. Each operation costs
 * O(n) and allocates a new Gradient, so a gradient costs O(n) times the function; that is forward
 * mode, not a fault of the library. Where a constant meets a variable the {@code double} overloads
 * are used, as the library's documentation recommends, rather than lifting constants to Gradients.
 * Hessians use the library's second-order {@link DerivativeStructure}s, which carry every second
 * partial derivative through every operation: O(n²) per operation.
 */
public final class ForwardMode {
    private ForwardMode() {}

    /** Variables {@code offset, offset + 1, …} of {@code count} unknowns, set to {@code values}. */
    private static Gradient[] variables(double[] values, int count, int offset) {
        Gradient[] variables = new Gradient[values.length];
        for (int i = 0; i < values.length; i++) {
            variables[i] = Gradient.variable(count, offset + i, values[i]);
        }
        return variables;
    }

    /** Copies a result's derivatives {@code offset … offset + out.length − 1} into {@code out}. */
    private static void copy(Gradient result, int offset, double[] out) {
        System.arraycopy(result.getGradient(), offset, out, 0, out.length);
    }

    private static Gradient relu(Gradient z) {
        return z.getValue() > 0 ? z : z.getField().getZero();
    }

    public static double activation(double[] w, double b, double[] x, double[] gradW, double[] gradB) {
        int count = w.length + 1;
        Gradient[] wv = variables(w, count, 0);
        Gradient z = Gradient.variable(count, w.length, b);
        for (int j = 0; j < w.length; j++) {
            z = z.add(wv[j].multiply(x[j]));
        }
        Gradient result = relu(z);
        copy(result, 0, gradW);
        gradB[0] = result.getGradient()[w.length];
        return result.getValue();
    }

    public static double paperLoss(double[] w, double b, double[] X, double[] y, int samples, int features,
                                   double[] gradW, double[] gradB) {
        int count = features + 1;
        Gradient[] wv = variables(w, count, 0);
        Gradient bv = Gradient.variable(count, features, b);
        Gradient sum = Gradient.constant(count, 0);
        for (int i = 0; i < samples; i++) {
            Gradient z = bv;
            for (int j = 0; j < features; j++) {
                z = z.add(wv[j].multiply(X[i * features + j]));
            }
            Gradient error = relu(z).subtract(y[i]);
            sum = sum.add(error.multiply(error));
        }
        Gradient result = sum.divide(samples);
        copy(result, 0, gradW);
        gradB[0] = result.getGradient()[features];
        return result.getValue();
    }

    public static double logisticLoss(double[] w, double[] X, double[] y, int samples, int features,
                                      double[] gradW) {
        Gradient[] wv = variables(w, features, 0);
        Gradient sum = Gradient.constant(features, 0);
        for (int i = 0; i < samples; i++) {
            Gradient z = Gradient.constant(features, 0);
            for (int j = 0; j < features; j++) {
                z = z.add(wv[j].multiply(X[i * features + j]));
            }
            Gradient t = z.multiply(-y[i]);
            // softplus(t) = max(t, 0) + log1p(exp(−|t|)), which cannot overflow
            Gradient softplus = t.getValue() > 0 ? t.add(t.negate().exp().log1p()) : t.exp().log1p();
            sum = sum.add(softplus);
        }
        Gradient result = sum.divide(samples);
        copy(result, 0, gradW);
        return result.getValue();
    }

    public static double logisticL2(double[] w, double[] X, double[] y, double lambda, int samples, int features,
                                    double[] gradW) {
        Gradient[] wv = variables(w, features, 0);
        Gradient sum = Gradient.constant(features, 0);
        for (int i = 0; i < samples; i++) {
            Gradient z = Gradient.constant(features, 0);
            for (int j = 0; j < features; j++) {
                z = z.add(wv[j].multiply(X[i * features + j]));
            }
            Gradient t = z.multiply(-y[i]);
            Gradient softplus = t.getValue() > 0 ? t.add(t.negate().exp().log1p()) : t.exp().log1p();
            sum = sum.add(softplus);
        }
        Gradient penalty = Gradient.constant(features, 0);
        for (int j = 0; j < features; j++) {
            penalty = penalty.add(wv[j].multiply(wv[j]));
        }
        Gradient result = sum.divide(samples).add(penalty.multiply(lambda));
        copy(result, 0, gradW);
        return result.getValue();
    }

    public static double twoLayer(double[] W1, double[] b1, double[] W2, double[] b2, double[] x, double[] y,
                                  int h, int n, int k,
                                  double[] gradW1, double[] gradB1, double[] gradW2, double[] gradB2) {
        int count = h * n + h + k * h + k;
        Gradient[] w1 = variables(W1, count, 0);
        Gradient[] c1 = variables(b1, count, h * n);
        Gradient[] w2 = variables(W2, count, h * n + h);
        Gradient[] c2 = variables(b2, count, h * n + h + k * h);
        Gradient[] hidden = new Gradient[h];
        for (int i = 0; i < h; i++) {
            Gradient a = c1[i];
            for (int j = 0; j < n; j++) {
                a = a.add(w1[i * n + j].multiply(x[j]));
            }
            hidden[i] = a.tanh();
        }
        Gradient sum = Gradient.constant(count, 0);
        for (int i = 0; i < k; i++) {
            Gradient o = c2[i];
            for (int j = 0; j < h; j++) {
                o = o.add(w2[i * h + j].multiply(hidden[j]));
            }
            Gradient r = o.subtract(y[i]);
            sum = sum.add(r.multiply(r));
        }
        double[] derivatives = sum.getGradient();
        System.arraycopy(derivatives, 0, gradW1, 0, h * n);
        System.arraycopy(derivatives, h * n, gradB1, 0, h);
        System.arraycopy(derivatives, h * n + h, gradW2, 0, k * h);
        System.arraycopy(derivatives, h * n + h + k * h, gradB2, 0, k);
        return sum.getValue();
    }

    public static double threeLayer(double[] W1, double[] b1, double[] W2, double[] b2, double[] W3, double[] b3,
                                    double[] x, double[] y, int h, int g, int n, int k,
                                    double[] gradW1, double[] gradB1, double[] gradW2, double[] gradB2,
                                    double[] gradW3, double[] gradB3) {
        int[] offsets = {0, h * n, h * n + h, h * n + h + g * h, h * n + h + g * h + g, h * n + h + g * h + g + k * g};
        int count = offsets[5] + k;
        Gradient[] w1 = variables(W1, count, offsets[0]);
        Gradient[] c1 = variables(b1, count, offsets[1]);
        Gradient[] w2 = variables(W2, count, offsets[2]);
        Gradient[] c2 = variables(b2, count, offsets[3]);
        Gradient[] w3 = variables(W3, count, offsets[4]);
        Gradient[] c3 = variables(b3, count, offsets[5]);
        Gradient[] hidden1 = new Gradient[h];
        for (int i = 0; i < h; i++) {
            Gradient a = c1[i];
            for (int j = 0; j < n; j++) {
                a = a.add(w1[i * n + j].multiply(x[j]));
            }
            hidden1[i] = a.tanh();
        }
        Gradient[] hidden2 = new Gradient[g];
        for (int i = 0; i < g; i++) {
            Gradient a = c2[i];
            for (int j = 0; j < h; j++) {
                a = a.add(w2[i * h + j].multiply(hidden1[j]));
            }
            hidden2[i] = a.tanh();
        }
        Gradient sum = Gradient.constant(count, 0);
        for (int i = 0; i < k; i++) {
            Gradient o = c3[i];
            for (int j = 0; j < g; j++) {
                o = o.add(w3[i * g + j].multiply(hidden2[j]));
            }
            Gradient r = o.subtract(y[i]);
            sum = sum.add(r.multiply(r));
        }
        double[] derivatives = sum.getGradient();
        double[][] outputs = {gradW1, gradB1, gradW2, gradB2, gradW3, gradB3};
        for (int o = 0; o < outputs.length; o++) {
            System.arraycopy(derivatives, offsets[o], outputs[o], 0, outputs[o].length);
        }
        return sum.getValue();
    }

    /** The Hessian entries of a second-order result, ∂²f/∂xᵢ∂xⱼ for i, j < n, into a row-major n × n array. */
    private static void hessian(DerivativeStructure result, int n, double[] out) {
        int[] orders = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                orders[i]++;
                orders[j]++;
                out[i * n + j] = result.getPartialDerivative(orders);
                orders[i]--;
                orders[j]--;
            }
        }
    }

    /** The Hessian of ‖Ax − y‖² + λ‖x‖² with respect to x, by second-order forward mode. */
    public static void ridgeHessian(double[] A, double[] x, double[] y, double lambda, int m, int n,
                                    double[] hessianOut) {
        DSFactory factory = new DSFactory(n, 2);
        DerivativeStructure[] xv = new DerivativeStructure[n];
        for (int j = 0; j < n; j++) {
            xv[j] = factory.variable(j, x[j]);
        }
        DerivativeStructure sum = factory.constant(0);
        for (int i = 0; i < m; i++) {
            DerivativeStructure r = factory.constant(-y[i]);
            for (int j = 0; j < n; j++) {
                r = r.add(xv[j].multiply(A[i * n + j]));
            }
            sum = sum.add(r.multiply(r));
        }
        DerivativeStructure penalty = factory.constant(0);
        for (int j = 0; j < n; j++) {
            penalty = penalty.add(xv[j].multiply(xv[j]));
        }
        hessian(sum.add(penalty.multiply(lambda)), n, hessianOut);
    }

    /** The Hessian of the spring's energy with respect to p, by second-order forward mode. */
    public static void springHessian(double[] p, double[] q, double k, double rest, double[] hessianOut) {
        DSFactory factory = new DSFactory(3, 2);
        DerivativeStructure squared = factory.constant(0);
        for (int i = 0; i < 3; i++) {
            DerivativeStructure d = factory.variable(i, p[i]).subtract(q[i]);
            squared = squared.add(d.multiply(d));
        }
        DerivativeStructure stretch = squared.sqrt().subtract(rest);
        hessian(stretch.multiply(stretch).multiply(k / 2), 3, hessianOut);
    }

    public static double softmaxCrossEntropy(double[] x, double[] y, double[] gradX) {
        int n = x.length;
        Gradient[] xv = variables(x, n, 0);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        // log Σ exp(x) = max + log Σ exp(x − max), which cannot overflow
        Gradient sum = Gradient.constant(n, 0);
        Gradient dot = Gradient.constant(n, 0);
        for (int i = 0; i < n; i++) {
            sum = sum.add(xv[i].subtract(max).exp());
            dot = dot.add(xv[i].multiply(y[i]));
        }
        Gradient result = sum.log().add(max).subtract(dot);
        copy(result, 0, gradX);
        return result.getValue();
    }

    public static double quadratic(double[] A, double[] x, int n, double[] gradX) {
        Gradient[] xv = variables(x, n, 0);
        Gradient sum = Gradient.constant(n, 0);
        for (int i = 0; i < n; i++) {
            Gradient ax = Gradient.constant(n, 0);
            for (int j = 0; j < n; j++) {
                ax = ax.add(xv[j].multiply(A[i * n + j]));
            }
            sum = sum.add(xv[i].multiply(ax));
        }
        copy(sum, 0, gradX);
        return sum.getValue();
    }

    public static double spring(double[] p, double[] q, double k, double rest, double[] gradP, double[] gradQ) {
        Gradient[] pv = variables(p, 6, 0);
        Gradient[] qv = variables(q, 6, 3);
        Gradient squared = Gradient.constant(6, 0);
        for (int i = 0; i < 3; i++) {
            Gradient d = pv[i].subtract(qv[i]);
            squared = squared.add(d.multiply(d));
        }
        Gradient stretch = squared.sqrt().subtract(rest);
        Gradient energy = stretch.multiply(stretch).multiply(k / 2);
        double[] derivatives = energy.getGradient();
        System.arraycopy(derivatives, 0, gradP, 0, 3);
        System.arraycopy(derivatives, 3, gradQ, 0, 3);
        return energy.getValue();
    }

    public static double dot(double[] x, double[] y, double[] gradX, double[] gradY) {
        int n = x.length;
        Gradient[] xv = variables(x, 2 * n, 0);
        Gradient[] yv = variables(y, 2 * n, n);
        Gradient sum = Gradient.constant(2 * n, 0);
        for (int i = 0; i < n; i++) {
            sum = sum.add(xv[i].multiply(yv[i]));
        }
        copy(sum, 0, gradX);
        copy(sum, n, gradY);
        return sum.getValue();
    }

    public static double sumOfSquares(double[] x, double[] gradX) {
        int n = x.length;
        Gradient[] xv = variables(x, n, 0);
        Gradient sum = Gradient.constant(n, 0);
        for (int i = 0; i < n; i++) {
            sum = sum.add(xv[i].square());
        }
        copy(sum, 0, gradX);
        return sum.getValue();
    }

    public static double logSumExp(double[] x, double[] gradX) {
        int n = x.length;
        Gradient[] xv = variables(x, n, 0);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        // log Σ exp(x) = max + log Σ exp(x − max), which cannot overflow
        Gradient sum = Gradient.constant(n, 0);
        for (int i = 0; i < n; i++) {
            sum = sum.add(xv[i].subtract(max).exp());
        }
        Gradient result = sum.log().add(max);
        copy(result, 0, gradX);
        return result.getValue();
    }
}

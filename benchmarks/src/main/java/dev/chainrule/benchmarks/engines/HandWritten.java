package dev.chainrule.benchmarks.engines;

import java.util.Arrays;

/**
 * The models' math written by hand with the best loops we know: the speed limit the generated code
 * is measured against. Each method computes the value and the gradient together, in as few passes
 * over the data as the math allows, writing the gradient into the caller's arrays and allocating
 * nothing. Matrices are row-major, as in the generated code.
 */
public final class HandWritten {
    private HandWritten() {}

    /** The neuron max(0, w·x + b): its gradient is (x, 1) where it is active and zero elsewhere. */
    public static double activation(double[] w, double b, double[] x, double[] gradW, double[] gradB) {
        double z = b;
        for (int j = 0; j < w.length; j++) {
            z += w[j] * x[j];
        }
        if (z > 0) {
            System.arraycopy(x, 0, gradW, 0, x.length);
            gradB[0] = 1.0;
            return z;
        }
        Arrays.fill(gradW, 0.0);
        gradB[0] = 0.0;
        return 0.0;
    }

    /**
     * The paper's loss (1/N) Σ (yᵢ − max(0, w·xᵢ + b))² in one pass over the rows of X, skipping
     * the gradient work for samples the rectifier switches off.
     */
    public static double paperLoss(double[] w, double b, double[] X, double[] y, int samples, int features,
                                   double[] gradW, double[] gradB) {
        Arrays.fill(gradW, 0.0);
        double sum = 0;
        double biasSum = 0;
        for (int i = 0; i < samples; i++) {
            int row = i * features;
            double z = b;
            for (int j = 0; j < features; j++) {
                z += X[row + j] * w[j];
            }
            double error = Math.max(z, 0.0) - y[i];
            sum += error * error;
            if (z > 0) {
                for (int j = 0; j < features; j++) {
                    gradW[j] += error * X[row + j];
                }
                biasSum += error;
            }
        }
        double scale = 2.0 / samples;
        for (int j = 0; j < features; j++) {
            gradW[j] *= scale;
        }
        gradB[0] = scale * biasSum;
        return sum / samples;
    }

    /**
     * Logistic regression, (1/N) Σ log(1 + exp(−yᵢ xᵢ·w)), in one pass: each sample's margin
     * t = −yᵢ xᵢ·w gives softplus(t) and σ(t) from a single exp(−|t|), so neither can overflow.
     */
    public static double logisticLoss(double[] w, double[] X, double[] y, int samples, int features,
                                      double[] gradW) {
        Arrays.fill(gradW, 0.0);
        double sum = 0;
        for (int i = 0; i < samples; i++) {
            int row = i * features;
            double z = 0;
            for (int j = 0; j < features; j++) {
                z += X[row + j] * w[j];
            }
            double t = -y[i] * z;
            double e = Math.exp(-Math.abs(t));
            sum += Math.max(t, 0.0) + Math.log1p(e);
            double sigmoid = t >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            double coefficient = -y[i] * sigmoid;
            for (int j = 0; j < features; j++) {
                gradW[j] += coefficient * X[row + j];
            }
        }
        double scale = 1.0 / samples;
        for (int j = 0; j < features; j++) {
            gradW[j] *= scale;
        }
        return sum * scale;
    }

    /**
     * Logistic regression with an L2 penalty, (1/N) Σ log(1 + exp(−yᵢ xᵢ·w)) + λ‖w‖², in one pass
     * over X as {@link #logisticLoss}, then the penalty and the scaling in one pass over w.
     */
    public static double logisticL2(double[] w, double[] X, double[] y, double lambda, int samples, int features,
                                    double[] gradW) {
        Arrays.fill(gradW, 0.0);
        double sum = 0;
        for (int i = 0; i < samples; i++) {
            int row = i * features;
            double z = 0;
            for (int j = 0; j < features; j++) {
                z += X[row + j] * w[j];
            }
            double t = -y[i] * z;
            double e = Math.exp(-Math.abs(t));
            sum += Math.max(t, 0.0) + Math.log1p(e);
            double sigmoid = t >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            double coefficient = -y[i] * sigmoid;
            for (int j = 0; j < features; j++) {
                gradW[j] += coefficient * X[row + j];
            }
        }
        double scale = 1.0 / samples;
        double penalty = 0;
        for (int j = 0; j < features; j++) {
            penalty += w[j] * w[j];
            gradW[j] = gradW[j] * scale + 2 * lambda * w[j];
        }
        return sum * scale + lambda * penalty;
    }

    /**
     * The two-layer network's squared error ‖W₂ tanh(W₁x + b₁) + b₂ − y‖² by backpropagation:
     * forward through the hidden layer, then each output row of W₂ once for its gradient and for
     * W₂ᵀr, then each row of W₁ once. {@code hidden} and {@code delta} are scratch arrays of length h.
     */
    public static double twoLayer(double[] W1, double[] b1, double[] W2, double[] b2, double[] x, double[] y,
                                  int h, int n, int k, double[] hidden, double[] delta,
                                  double[] gradW1, double[] gradB1, double[] gradW2, double[] gradB2) {
        for (int i = 0; i < h; i++) {
            int row = i * n;
            double a = b1[i];
            for (int j = 0; j < n; j++) {
                a += W1[row + j] * x[j];
            }
            hidden[i] = Math.tanh(a);
            delta[i] = 0.0;
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            int row = i * h;
            double o = b2[i];
            for (int j = 0; j < h; j++) {
                o += W2[row + j] * hidden[j];
            }
            double r = o - y[i];
            sum += r * r;
            double g = 2 * r;
            gradB2[i] = g;
            for (int j = 0; j < h; j++) {
                gradW2[row + j] = g * hidden[j];
                delta[j] += W2[row + j] * g;
            }
        }
        for (int i = 0; i < h; i++) {
            double d = delta[i] * (1 - hidden[i] * hidden[i]);
            gradB1[i] = d;
            int row = i * n;
            for (int j = 0; j < n; j++) {
                gradW1[row + j] = d * x[j];
            }
        }
        return sum;
    }

    /**
     * The three-layer network's squared error ‖W₃ tanh(W₂ tanh(W₁x + b₁) + b₂) + b₃ − y‖² by
     * backpropagation, each weight matrix read by rows once forward and once backward. The four
     * scratch arrays hold the two hidden layers and the error back-propagated to each.
     */
    public static double threeLayer(double[] W1, double[] b1, double[] W2, double[] b2, double[] W3, double[] b3,
                                    double[] x, double[] y, int h, int g, int n, int k,
                                    double[] hidden1, double[] hidden2, double[] delta1, double[] delta2,
                                    double[] gradW1, double[] gradB1, double[] gradW2, double[] gradB2,
                                    double[] gradW3, double[] gradB3) {
        for (int i = 0; i < h; i++) {
            int row = i * n;
            double a = b1[i];
            for (int j = 0; j < n; j++) {
                a += W1[row + j] * x[j];
            }
            hidden1[i] = Math.tanh(a);
            delta1[i] = 0.0;
        }
        for (int i = 0; i < g; i++) {
            int row = i * h;
            double a = b2[i];
            for (int j = 0; j < h; j++) {
                a += W2[row + j] * hidden1[j];
            }
            hidden2[i] = Math.tanh(a);
            delta2[i] = 0.0;
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            int row = i * g;
            double o = b3[i];
            for (int j = 0; j < g; j++) {
                o += W3[row + j] * hidden2[j];
            }
            double r = o - y[i];
            sum += r * r;
            double d = 2 * r;
            gradB3[i] = d;
            for (int j = 0; j < g; j++) {
                gradW3[row + j] = d * hidden2[j];
                delta2[j] += W3[row + j] * d;
            }
        }
        for (int i = 0; i < g; i++) {
            double d = delta2[i] * (1 - hidden2[i] * hidden2[i]);
            gradB2[i] = d;
            int row = i * h;
            for (int j = 0; j < h; j++) {
                gradW2[row + j] = d * hidden1[j];
                delta1[j] += W2[row + j] * d;
            }
        }
        for (int i = 0; i < h; i++) {
            double d = delta1[i] * (1 - hidden1[i] * hidden1[i]);
            gradB1[i] = d;
            int row = i * n;
            for (int j = 0; j < n; j++) {
                gradW1[row + j] = d * x[j];
            }
        }
        return sum;
    }

    /**
     * Softmax cross-entropy log Σ exp(x) − y·x with its gradient softmax(x) − y; the exponentials,
     * shifted by the largest score so that they cannot overflow, are kept in the gradient's array.
     */
    public static double softmaxCrossEntropy(double[] x, double[] y, double[] gradX) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double dot = 0;
        for (int i = 0; i < x.length; i++) {
            double e = Math.exp(x[i] - max);
            gradX[i] = e;
            sum += e;
            dot += y[i] * x[i];
        }
        double inverse = 1.0 / sum;
        for (int i = 0; i < x.length; i++) {
            gradX[i] = gradX[i] * inverse - y[i];
        }
        return max + Math.log(sum) - dot;
    }

    /** The quadratic form xᵀAx and its gradient Ax + Aᵀx, in one pass over the rows of A. */
    public static double quadratic(double[] A, double[] x, int n, double[] gradX) {
        Arrays.fill(gradX, 0.0);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double xi = x[i];
            double ax = 0;
            for (int j = 0; j < n; j++) {
                double a = A[row + j];
                ax += a * x[j];
                gradX[j] += a * xi;
            }
            sum += xi * ax;
            gradX[i] += ax;
        }
        return sum;
    }

    /**
     * The Hessian of ridge regression's ‖Ax − y‖² + λ‖x‖², 2AᵀA + 2λI, for an m × n A: the sum of
     * the outer products of A's rows with themselves, one pass over A by rows, upper triangle only,
     * then mirrored.
     */
    public static void ridgeHessian(double[] A, double lambda, int m, int n, double[] hessian) {
        Arrays.fill(hessian, 0.0);
        for (int r = 0; r < m; r++) {
            int row = r * n;
            for (int i = 0; i < n; i++) {
                double a = 2 * A[row + i];
                int hessianRow = i * n;
                for (int j = i; j < n; j++) {
                    hessian[hessianRow + j] += a * A[row + j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            hessian[i * n + i] += 2 * lambda;
            for (int j = i + 1; j < n; j++) {
                hessian[j * n + i] = hessian[i * n + j];
            }
        }
    }

    /**
     * The Hessian of the spring's energy with respect to p: with d = p − q and L = ‖d‖,
     * k(1 − rest/L) I + (k rest / L³) d dᵀ, symmetric.
     */
    public static void springHessian(double[] p, double[] q, double k, double rest, double[] hessian) {
        double d0 = p[0] - q[0];
        double d1 = p[1] - q[1];
        double d2 = p[2] - q[2];
        double squared = d0 * d0 + d1 * d1 + d2 * d2;
        double length = Math.sqrt(squared);
        double diagonal = k * (1 - rest / length);
        double outer = k * rest / (squared * length);
        double o0 = outer * d0;
        double o1 = outer * d1;
        double o2 = outer * d2;
        hessian[0] = diagonal + o0 * d0;
        hessian[1] = o0 * d1;
        hessian[2] = o0 * d2;
        hessian[3] = hessian[1];
        hessian[4] = diagonal + o1 * d1;
        hessian[5] = o1 * d2;
        hessian[6] = hessian[2];
        hessian[7] = hessian[5];
        hessian[8] = diagonal + o2 * d2;
    }

    /** A spring's energy k/2 (‖p − q‖ − rest)²: the force k(‖d‖ − rest) d/‖d‖ on p, its opposite on q. */
    public static double spring(double[] p, double[] q, double k, double rest, double[] gradP, double[] gradQ) {
        double d0 = p[0] - q[0];
        double d1 = p[1] - q[1];
        double d2 = p[2] - q[2];
        double length = Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2);
        double stretch = length - rest;
        double scale = k * stretch / length;
        gradP[0] = scale * d0;
        gradP[1] = scale * d1;
        gradP[2] = scale * d2;
        gradQ[0] = -gradP[0];
        gradQ[1] = -gradP[1];
        gradQ[2] = -gradP[2];
        return 0.5 * k * stretch * stretch;
    }

    /**
     * The dot product x·y with its gradient (y, x), as a person writes it: one loop, one
     * accumulator.
     */
    public static double dot(double[] x, double[] y, double[] gradX, double[] gradY) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] * y[i];
            gradX[i] = y[i];
            gradY[i] = x[i];
        }
        return sum;
    }

    /** The sum of squares ‖x‖² with its gradient 2x: one loop, one accumulator. */
    public static double sumOfSquares(double[] x, double[] gradX) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] * x[i];
            gradX[i] = 2 * x[i];
        }
        return sum;
    }

    /**
     * log Σ exp(x) with its gradient softmax(x): shifted by the largest entry so that no exp can
     * overflow, the exponentials kept in the gradient's array; one accumulator.
     */
    public static double logSumExp(double[] x, double[] gradX) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double e = Math.exp(x[i] - max);
            gradX[i] = e;
            sum += e;
        }
        double inverse = 1.0 / sum;
        for (int i = 0; i < x.length; i++) {
            gradX[i] *= inverse;
        }
        return max + Math.log(sum);
    }
}

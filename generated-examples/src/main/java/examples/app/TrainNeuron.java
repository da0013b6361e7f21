package examples.app;

import examples.paper.Loss;
import java.util.Random;

/**
 * Trains the paper's neuron, max(0, w·x + b), by gradient descent on synthetic data, using nothing
 * but the class chainrule generated from {@code paper.calc}. Prints the loss as it falls.
 *
 * <p>Run it with {@code java -cp generated-examples/target/classes examples.app.TrainNeuron}.
 */
public final class TrainNeuron {
    private TrainNeuron() {}

    /** The loss before training and after each reported step, for the tests. */
    public static double[] train(int samples, int features, int steps, double learningRate, long seed,
                                 boolean print) {
        Random random = new Random(seed);
        double[] trueW = new double[features];
        for (int j = 0; j < features; j++) {
            trueW[j] = random.nextGaussian();
        }
        double trueB = 0.5;
        double[] X = new double[samples * features];
        double[] y = new double[samples];
        for (int i = 0; i < samples; i++) {
            double z = trueB;
            for (int j = 0; j < features; j++) {
                X[i * features + j] = random.nextGaussian();
                z += trueW[j] * X[i * features + j];
            }
            y[i] = Math.max(0, z) + 0.01 * random.nextGaussian();
        }

        Loss loss = new Loss(features, samples);
        double[] w = new double[features];
        for (int j = 0; j < features; j++) {
            w[j] = 0.1 * random.nextGaussian();
        }
        double[] b = {0.1};
        double[] gradW = new double[features];
        double[] gradB = new double[1];
        double[] history = new double[steps + 1];
        history[0] = loss.value(w, b[0], X, y);
        if (print) {
            System.out.printf("step %4d  loss %.6f%n", 0, history[0]);
        }
        for (int step = 1; step <= steps; step++) {
            loss.valueAndGradient(w, b[0], X, y, gradW, gradB);
            for (int j = 0; j < features; j++) {
                w[j] -= learningRate * gradW[j];
            }
            b[0] -= learningRate * gradB[0];
            history[step] = loss.value(w, b[0], X, y);
            if (print && (step % (steps / 10) == 0)) {
                System.out.printf("step %4d  loss %.6f%n", step, history[step]);
            }
        }
        return history;
    }

    public static void main(String[] args) {
        train(1000, 10, 200, 0.1, 42, true);
    }
}

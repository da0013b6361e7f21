package examples.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainNeuronTest {
    @Test
    void gradientDescentWithTheGeneratedGradientDrivesTheLossDown() {
        double[] history = TrainNeuron.train(500, 8, 200, 0.1, 7, false);
        double first = history[0];
        double last = history[history.length - 1];
        assertTrue(last < 0.05 * first, "loss fell only from " + first + " to " + last);
        // Gradient descent with a small enough step never climbs on this convex-enough problem.
        for (int i = 1; i < history.length; i++) {
            assertTrue(history[i] <= history[i - 1] + 1e-12, "loss rose at step " + i);
        }
    }
}

package dev.chainrule.benchmarks.models;

import java.util.List;
import java.util.function.Supplier;

/** The suite's models, in the report's order. Each call makes fresh models with fresh inputs. */
public final class Models {
    private Models() {}

    private static final List<Supplier<Model>> ALL = List.of(
            NeuronActivation::new,
            PaperLoss::new,
            LogisticRegression::new,
            LogisticL2Model::new,
            TwoLayerNetwork::new,
            ThreeLayerNetwork::new,
            SoftmaxCrossEntropyModel::new,
            QuadraticForm::new,
            RidgeHessian::new,
            Spring::new,
            SpringHessian::new,
            () -> new DotProduct("dot", 1000),
            () -> VectorReduction.sumOfSquares("sumOfSquares", 1000),
            () -> VectorReduction.logSumExp("logSumExp", 1000));

    /** The keys the benchmarks' {@code model} parameter takes, in order. */
    public static final List<String> KEYS = List.of(
            "neuron", "paperLoss", "logistic", "logisticL2", "twoLayer", "threeLayer", "softmax", "quadratic",
            "ridgeHessian", "spring", "springHessian", "dot", "sumOfSquares", "logSumExp");

    /** The reductions of the suite ({@link #KEYS}), whose generated code is to beat the hand-written. */
    public static final List<String> REDUCTION_KEYS = List.of("dot", "sumOfSquares", "logSumExp");

    /**
     * The reductions at n = 10⁵ (0.8 to 1.6 MB of inputs, as much again of gradient): past the
     * second-level cache, timed generated against hand-written only ({@code ReductionBenchmark}).
     */
    private static final List<Supplier<Model>> LARGE_REDUCTIONS = List.of(
            () -> new DotProduct("dot:1e5", 100_000),
            () -> VectorReduction.sumOfSquares("sumOfSquares:1e5", 100_000),
            () -> VectorReduction.logSumExp("logSumExp:1e5", 100_000));

    /** The keys of the reductions at n = 10⁵, in order. */
    public static final List<String> LARGE_REDUCTION_KEYS = List.of("dot:1e5", "sumOfSquares:1e5", "logSumExp:1e5");

    /**
     * The roofline's models: the paper's loss, logistic regression and the quadratic form at sizes
     * whose data (80 MB, 80 MB, 128 MB) is past every cache, so that memory bandwidth bounds them.
     */
    private static final List<Supplier<Model>> LARGE = List.of(
            () -> new PaperLoss("paperLoss:large", 100_000),
            () -> new LogisticRegression("logistic:large", 100_000),
            () -> new QuadraticForm("quadratic:large", 4000));

    /** The keys of the roofline's models, in order. */
    public static final List<String> LARGE_KEYS = List.of("paperLoss:large", "logistic:large", "quadratic:large");

    public static List<Model> all() {
        return ALL.stream().map(Supplier::get).toList();
    }

    /** The model with the given key, of the suite, the roofline's or the large reductions, made fresh. */
    public static Model byKey(String key) {
        int index = KEYS.indexOf(key);
        if (index >= 0) {
            return ALL.get(index).get();
        }
        int large = LARGE_KEYS.indexOf(key);
        if (large >= 0) {
            return LARGE.get(large).get();
        }
        int reduction = LARGE_REDUCTION_KEYS.indexOf(key);
        if (reduction >= 0) {
            return LARGE_REDUCTIONS.get(reduction).get();
        }
        throw new IllegalArgumentException("no model " + key + "; models: " + KEYS + ", " + LARGE_KEYS + ", "
                + LARGE_REDUCTION_KEYS);
    }
}

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
            SpringHessian::new);

    /** The keys the benchmarks' {@code model} parameter takes, in order. */
    public static final List<String> KEYS = List.of(
            "neuron", "paperLoss", "logistic", "logisticL2", "twoLayer", "threeLayer", "softmax", "quadratic",
            "ridgeHessian", "spring", "springHessian");

    public static List<Model> all() {
        return ALL.stream().map(Supplier::get).toList();
    }

    /** The model with the given key, made fresh. */
    public static Model byKey(String key) {
        int index = KEYS.indexOf(key);
        if (index < 0) {
            throw new IllegalArgumentException("no model " + key + "; models: " + KEYS);
        }
        return ALL.get(index).get();
    }
}

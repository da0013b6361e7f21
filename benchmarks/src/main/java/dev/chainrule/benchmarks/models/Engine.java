package dev.chainrule.benchmarks.models;

import java.util.Arrays;

/** The ways of computing a model's value and gradient that the suite compares, in the report's order. */
public enum Engine {
    GENERATED("generated", "chainrule's generated class"),
    HAND_WRITTEN("handWritten", "hand-written Java, the same math with the best loops we can write"),
    HIPPARCHUS("hipparchus", "Hipparchus 4 forward-mode AD (Gradient), written as its documentation shows"),
    INTERPRETER("interpreter", "chainrule's reference interpreter on the derived formulas"),
    FINITE_DIFFERENCES("finiteDifferences", "central differences with the generated value method, 2n + 1 calls"),
    VALUE("value", "the generated value method alone, no gradient");

    private final String key;
    private final String description;

    Engine(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** The name the benchmarks' {@code engine} parameter takes. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** This engine's evaluation of a model. */
    public Evaluation on(Model model) {
        return switch (this) {
            case GENERATED -> model.generated();
            case HAND_WRITTEN -> model.handWritten();
            case HIPPARCHUS -> model.hipparchus();
            case INTERPRETER -> model.interpreter();
            case FINITE_DIFFERENCES -> model.finiteDifferences();
            case VALUE -> Evaluation.of(java.util.Map.of(), model.generatedValue());
        };
    }

    /** The engine with the given {@link #key()}. */
    public static Engine byKey(String key) {
        return Arrays.stream(values()).filter(e -> e.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no engine " + key + "; engines: "
                        + Arrays.stream(values()).map(Engine::key).toList()));
    }
}

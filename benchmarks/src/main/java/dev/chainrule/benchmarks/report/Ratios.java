package dev.chainrule.benchmarks.report;

import java.util.List;
import java.util.OptionalDouble;

/** The ratios the report takes from one run, each the time of one engine over another's, per model. */
public enum Ratios {
    GENERATED_OVER_HAND_WRITTEN("generated / hand-written", "generated", "handWritten"),
    GRADIENT_OVER_VALUE("(value+gradient) / value", "generated", "value"),
    HIPPARCHUS_OVER_GENERATED("Hipparchus / generated", "hipparchus", "generated"),
    INTERPRETER_OVER_GENERATED("interpreter / generated", "interpreter", "generated"),
    FINITE_DIFFERENCES_OVER_GENERATED("finite differences / generated", "finiteDifferences", "generated");

    private final String label;
    private final String numerator;
    private final String denominator;

    Ratios(String label, String numerator, String denominator) {
        this.label = label;
        this.numerator = numerator;
        this.denominator = denominator;
    }

    public String label() {
        return label;
    }

    /** This ratio for one model, if both engines were measured. */
    public OptionalDouble of(Results results, String model) {
        var top = results.model(model, numerator);
        var bottom = results.model(model, denominator);
        if (top.isEmpty() || bottom.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(top.get().nanoseconds() / bottom.get().nanoseconds());
    }

    static List<Ratios> all() {
        return List.of(values());
    }
}

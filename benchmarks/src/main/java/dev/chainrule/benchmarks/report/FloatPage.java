package dev.chainrule.benchmarks.report;

import dev.chainrule.benchmarks.PrecisionCase;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Markdown of the single-precision section of {@code docs/benchmarks.md}, from
 * {@code FloatBenchmark}'s results: each model's value-and-gradient time with its generated double
 * class and its generated float class ({@code precision float}), and their ratio. A ratio below 1
 * is what float buys; models that stream their data past the caches should come near 0.5 (half
 * the bytes), those bound by exp and log near 1 (both compute in double).
 *
 * <p>A section of the report's results ({@link Report#SECTIONS}).
 */
final class FloatPage {
    private final Results results;
    private final List<String> models;
    private final String header;

    /**
     * @param models the models' keys, {@link PrecisionCase#KEYS} in the report
     * @param header the text before the table: how the figures were measured
     */
    FloatPage(Results results, List<String> models, String header) {
        this.results = results;
        this.models = models;
        this.header = header;
    }

    FloatPage(Results results, String header) {
        this(results, PrecisionCase.KEYS, header);
    }

    String render() {
        StringBuilder out = new StringBuilder(header).append("\n\n")
                .append("| model | double | float | float / double |\n|---|---:|---:|---:|\n");
        for (String model : models) {
            Optional<Measurement> inDouble = results.precision(model, "double");
            Optional<Measurement> inFloat = results.precision(model, "float");
            out.append("| ").append(title(model)).append(" | ")
                    .append(inDouble.map(FloatPage::timeWithSpread).orElse("–")).append(" | ")
                    .append(inFloat.map(FloatPage::timeWithSpread).orElse("–")).append(" | ")
                    .append(inDouble.isPresent() && inFloat.isPresent()
                            ? ResultsPage.ratio(inFloat.get().nanoseconds() / inDouble.get().nanoseconds()) : "–")
                    .append(" |\n");
        }
        out.append("\nValue and gradient per call, the same formula generated in each precision, on the same inputs "
                + "(floats, so that both compute from the same numbers). Times are the mean ± half the spread between "
                + "the forks' means.\n");
        return out.toString();
    }

    private String title(String model) {
        try {
            return PrecisionCase.title(model);
        } catch (IllegalArgumentException unknown) {
            return model;
        }
    }

    private static String timeWithSpread(Measurement m) {
        return ResultsPage.time(m.nanoseconds()) + (Double.isNaN(m.forkSpread()) ? ""
                : String.format(Locale.ROOT, " ± %.0f%%", 100 * m.forkSpread() / 2));
    }
}

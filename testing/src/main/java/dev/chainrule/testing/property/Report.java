package dev.chainrule.testing.property;

import java.time.Duration;
import java.util.Locale;

/**
 * How a property fared: the one line the runner prints, and its parts.
 *
 * @param name        the property's name
 * @param passed      whether every try passed
 * @param tries       tries run (up to and including the failing one)
 * @param discarded   generated values the property set aside with {@link Property#assume}
 * @param seed        the seed, which {@code -Dchainrule.seed} takes to replay the run
 * @param shrinkSteps how many times a simpler failing value was found
 * @param shrunkCase  the simplest failing value, shown; null if passed
 * @param cause       why the simplest value fails, one line; null if passed
 * @param firstCase   the failing value as first generated, shown; null if passed
 * @param time        the time the property took, shrinking included
 */
public record Report(String name, boolean passed, int tries, int discarded, long seed, int shrinkSteps,
                     String shrunkCase, String cause, String firstCase, Duration time) {

    /**
     * {@code property NAME: T tries, seed S, OK (D discarded, 1.2 s)} or
     * {@code property NAME: FAILED after K tries, seed S, shrunk in M steps to: CASE — CAUSE}.
     */
    public String line() {
        if (passed) {
            return "property " + name + ": " + tries + " tries, seed " + seed + ", OK ("
                    + (discarded > 0 ? discarded + " discarded, " : "") + seconds() + ")";
        }
        return "property " + name + ": FAILED after " + tries + " tries, seed " + seed + ", shrunk in " + shrinkSteps
                + " steps to: " + shrunkCase + " — " + cause;
    }

    private String seconds() {
        return String.format(Locale.ROOT, "%.2f s", time.toNanos() / 1e9);
    }

    @Override
    public String toString() {
        return line();
    }
}

package dev.chainrule.testing.property;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * The system properties that steer every property of a run, so that a failure can be replayed and
 * a run made more thorough without editing tests:
 *
 * <ul>
 *   <li>{@code chainrule.seed}: the seed of every property (decimal, or hex with {@code 0x}); without
 *       it, each property draws a fresh seed and prints it in its report line;</li>
 *   <li>{@code chainrule.tries}: the number of tries of every property, in place of the number the
 *       test asks for;</li>
 *   <li>{@code chainrule.tries.multiplier}: multiplies the number of tries (the {@code thorough}
 *       Maven profile sets 10).</li>
 * </ul>
 */
public final class Settings {
    public static final String SEED = "chainrule.seed";
    public static final String TRIES = "chainrule.tries";
    public static final String MULTIPLIER = "chainrule.tries.multiplier";

    private static final SecureRandom FRESH = new SecureRandom();

    private Settings() {}

    /** The seed set with {@code -Dchainrule.seed}, if any. */
    public static java.util.OptionalLong fixedSeed() {
        String text = property(SEED);
        if (text == null) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(parseLong(SEED, text));
    }

    /** {@code -Dchainrule.seed} if set, else {@code fallback} if not null, else a fresh seed. */
    public static long seed(Long fallback) {
        java.util.OptionalLong fixed = fixedSeed();
        if (fixed.isPresent()) {
            return fixed.getAsLong();
        }
        return fallback != null ? fallback : freshSeed();
    }

    /** A new seed, different on every call and every run. */
    public static long freshSeed() {
        synchronized (FRESH) {
            return FRESH.nextLong();
        }
    }

    /** The tries a property asking for {@code requested} runs: overridden, then multiplied. */
    public static int tries(int requested) {
        String override = property(TRIES);
        long tries = override == null ? requested : parseLong(TRIES, override);
        long multiplier = multiplier();
        long total = tries * multiplier;
        if (total < 1 || total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tries must be between 1 and " + Integer.MAX_VALUE + ", not "
                    + tries + " × " + multiplier);
        }
        return (int) total;
    }

    /** {@code chainrule.tries.multiplier}, 1 when not set. */
    public static int multiplier() {
        String text = property(MULTIPLIER);
        if (text == null) {
            return 1;
        }
        long m = parseLong(MULTIPLIER, text);
        if (m < 1 || m > 1_000_000) {
            throw new IllegalArgumentException(MULTIPLIER + " must be between 1 and 1000000, not " + text);
        }
        return (int) m;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        // An empty value, or one Maven left unresolved ("${...}"), counts as not set.
        if (value == null || value.isBlank() || value.startsWith("${")) {
            return null;
        }
        return value.trim();
    }

    private static long parseLong(String name, String text) {
        try {
            String t = text.replace("_", "").toLowerCase(Locale.ROOT);
            if (t.startsWith("0x") || t.startsWith("-0x")) {
                boolean negative = t.startsWith("-");
                long v = Long.parseUnsignedLong(t.substring(negative ? 3 : 2), 16);
                return negative ? -v : v;
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + " must be a whole number, not '" + text + "'", e);
        }
    }
}

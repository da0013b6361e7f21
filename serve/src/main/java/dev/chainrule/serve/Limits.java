package dev.chainrule.serve;

import java.time.Duration;

/**
 * What one request may ask of the server. Everything is checked before the work it bounds starts,
 * except time, which is checked between stages and at the end.
 *
 * @param maxBodyBytes     the largest request body read; a longer one is refused unread
 * @param maxInputChars    the longest expression, declaration or {@code .calc} text
 * @param timeLimit        how long a request may take before it gets an error reply
 * @param workers          requests worked on at once (each on a thread with a deep stack)
 * @param queued           requests waiting for a worker; past that the server answers "busy"
 * @param maxEntries       the most entries of any value or intermediate result to evaluate
 * @param maxDifferenceEntries the most entries of a variable to check by finite differences
 * @param maxJavaChars     the longest generated class compiled for the numbers
 */
public record Limits(int maxBodyBytes, int maxInputChars, Duration timeLimit, int workers, int queued,
                     long maxEntries, int maxDifferenceEntries, int maxJavaChars) {

    /** The limits of {@code chainrule serve}. */
    public static final Limits DEFAULT = new Limits(256 * 1024, 20_000, Duration.ofSeconds(10), 4, 64,
            1_000_000, 400, 200_000);

    /** These limits with another time limit. */
    public Limits withTimeLimit(Duration limit) {
        return new Limits(maxBodyBytes, maxInputChars, limit, workers, queued, maxEntries, maxDifferenceEntries,
                maxJavaChars);
    }
}

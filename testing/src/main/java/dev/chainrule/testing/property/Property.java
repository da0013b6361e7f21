package dev.chainrule.testing.property;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A property: a statement that should hold for every value of a generator, checked on many random
 * values. Write it inside any JUnit test:
 *
 * <pre>{@code
 * @Test
 * void reversingTwiceGivesTheList() {
 *     Property.forAll("reverse twice", Gen.lists(Gen.integers(-100, 100), 0, 50))
 *             .tries(1000)
 *             .check(list -> assertEquals(list, reverse(reverse(list))));
 * }
 * }</pre>
 *
 * <p>The runner tries the property on values of growing size (0 on the first try, the maximum on
 * the last), each try seeded from the property's seed and its index. On the first failure it
 * shrinks: it tries the failing value's simpler candidates, moves to the first that fails too,
 * and repeats until no candidate fails. It prints one line per property to standard output,
 * {@code property NAME: 1000 tries, seed S, OK} or {@code property NAME: FAILED after K tries,
 * seed S, shrunk in M steps to: CASE — CAUSE}, and on failure throws an {@link AssertionError}
 * with that line, how to replay it, and the simplest failure as its cause.
 *
 * <p>A value fails when the check throws anything (an assertion, any exception, a stack
 * overflow) except the {@link Discard} that {@link #assume} throws: a value that does not meet the
 * property's precondition is set aside and another generated in its place; too many (more than
 * {@link #maxDiscardRatio} per try) and the property fails for want of values.
 *
 * <p>Seeds: by default each property draws a fresh seed on every run and prints it, so that runs
 * explore new values; {@code -Dchainrule.seed=S} runs every property with seed S, replaying a
 * printed failure exactly; {@link #seed(long)} pins one property's seed in code. The number of
 * tries is the test's, unless {@code -Dchainrule.tries=N} replaces it, times
 * {@code -Dchainrule.tries.multiplier} (see {@link Settings}).
 *
 * @param <T> the type of the generated values
 */
public final class Property<T> {

    /** What a property checks of one value; it fails by throwing. */
    @FunctionalInterface
    public interface Check<T> {
        void check(T value) throws Throwable;
    }

    /** Thrown by {@link #assume} to set a generated value aside. */
    public static final class Discard extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Discard(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Sets the current value aside, not counting it as a try, unless {@code condition} holds. */
    public static void assume(boolean condition, String reason) {
        if (!condition) {
            throw new Discard(reason);
        }
    }

    /** Sets the current value aside, not counting it as a try. */
    public static Discard discard(String reason) {
        throw new Discard(reason);
    }

    private final String name;
    private final Gen<T> gen;
    private int tries = 100;
    private int maxSize = 100;
    private Long seed;
    private Function<? super T, String> show = String::valueOf;
    private int maxShrinkAttempts = 5_000;
    private Duration maxShrinkTime = Duration.ofMinutes(2);
    private int maxDiscardRatio = 10;
    private int batchSize = 1;
    private Consumer<List<T>> prepare;
    private boolean print = true;
    /** Why values were discarded in the last run, with counts. */
    private final java.util.Map<String, Integer> discardReasons = new java.util.TreeMap<>();
    /** What the simplest failing value of the last run threw, for {@link #check}. */
    private Throwable lastFailure;

    private Property(String name, Gen<T> gen) {
        this.name = Objects.requireNonNull(name, "name");
        this.gen = Objects.requireNonNull(gen, "gen");
    }

    /** A property named {@code name} over the values of {@code gen}. */
    public static <T> Property<T> forAll(String name, Gen<T> gen) {
        return new Property<>(name, gen);
    }

    /** How many values to try (100 unless set); {@code -Dchainrule.tries} and the multiplier apply. */
    public Property<T> tries(int tries) {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1, not " + tries);
        }
        this.tries = tries;
        return this;
    }

    /** The size of the last try (100 unless set); sizes grow to it from 0. */
    public Property<T> maxSize(int maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize must not be negative, not " + maxSize);
        }
        this.maxSize = maxSize;
        return this;
    }

    /** Fixes the seed in code; {@code -Dchainrule.seed} still takes precedence. */
    public Property<T> seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** How values appear in the report (String.valueOf unless set); newlines are folded away. */
    public Property<T> show(Function<? super T, String> show) {
        this.show = Objects.requireNonNull(show, "show");
        return this;
    }

    /** Stops shrinking after this many candidates or this long, whichever comes first. */
    public Property<T> shrinkLimit(int attempts, Duration time) {
        this.maxShrinkAttempts = attempts;
        this.maxShrinkTime = Objects.requireNonNull(time, "time");
        return this;
    }

    /** How many values may be discarded per try before the property gives up (10 unless set). */
    public Property<T> maxDiscardRatio(int ratio) {
        this.maxDiscardRatio = ratio;
        return this;
    }

    /**
     * Prepares values in batches before checking them one by one: for work that is much cheaper
     * done for many values at once, such as compiling generated code. {@code prepare} sees each
     * batch of {@code size} values before any of them is checked; if it throws, the values of the
     * batch are prepared and checked one at a time, to find the one at fault. While shrinking, each
     * candidate is prepared alone.
     */
    public Property<T> inBatches(int size, Consumer<List<T>> prepare) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + size);
        }
        this.batchSize = size;
        this.prepare = Objects.requireNonNull(prepare, "prepare");
        return this;
    }

    /** Whether to print the report line to standard output (true unless set). */
    public Property<T> print(boolean print) {
        this.print = print;
        return this;
    }

    /** Checks that {@code holds} is true of every value. */
    public Report holds(Predicate<? super T> holds) {
        return check(value -> {
            if (!holds.test(value)) {
                throw new AssertionError("false");
            }
        });
    }

    /**
     * Runs the property; returns its report if every try passes.
     *
     * @throws AssertionError with the report line, if a value fails
     */
    public Report check(Check<? super T> check) {
        Report report = run(check);
        if (print) {
            System.out.println(report.line());
        }
        if (!report.passed()) {
            throw failure(report, lastFailure);
        }
        return report;
    }

    /** Runs the property and returns its report, failed or not, without printing or throwing. */
    public Report run(Check<? super T> check) {
        discardReasons.clear();
        long start = System.nanoTime();
        long runSeed = Settings.seed(seed);
        int total = Settings.tries(tries);
        int passed = 0;
        int discarded = 0;
        long attempt = 0;
        long maxAttempts = (long) total * (maxDiscardRatio + 1);
        while (passed < total) {
            // A batch of fresh values, each from its own seed.
            List<Shrinkable<T>> batch = new ArrayList<>();
            int want = Math.min(batchSize, total - passed);
            while (batch.size() < want && attempt < maxAttempts) {
                int size = total == 1 ? maxSize : (int) ((long) maxSize * passed / (total - 1));
                batch.add(gen.sample(new Random(mix(runSeed, attempt)), size));
                attempt++;
            }
            if (batch.isEmpty()) {
                return giveUp(runSeed, passed, discarded, start);
            }
            boolean preparedTogether = prepareAll(batch);
            for (Shrinkable<T> value : batch) {
                Throwable failure = preparedTogether ? attempt(check, value.value(), false)
                        : attempt(check, value.value(), true);
                if (failure instanceof Discard d) {
                    discarded++;
                    discardReasons.merge(reasonKey(d.getMessage()), 1, Integer::sum);
                } else if (failure != null) {
                    passed++;
                    return shrink(check, value, failure, runSeed, passed, discarded, start);
                } else {
                    passed++;
                }
            }
            if (attempt >= maxAttempts && passed < total) {
                return giveUp(runSeed, passed, discarded, start);
            }
        }
        return new Report(name, true, passed, discarded, runSeed, 0, null, null, null, since(start));
    }

    /**
     * Why values were set aside in the last run, with how many: the reasons given to
     * {@link #assume}, numbers left out so that alike reasons count together. For tuning generators.
     */
    public java.util.Map<String, Integer> discardReasons() {
        return java.util.Collections.unmodifiableMap(discardReasons);
    }

    private static String reasonKey(String reason) {
        return reason == null ? "(no reason)" : reason.replaceAll("-?\\d[\\d.eE+-]*", "#");
    }

    private boolean prepareAll(List<Shrinkable<T>> batch) {
        if (prepare == null) {
            return true;
        }
        try {
            prepare.accept(batch.stream().map(Shrinkable::value).toList());
            return true;
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw e;
            }
            return false;
        }
    }

    /** Null if the value passes, else what it threw. */
    private Throwable attempt(Check<? super T> check, T value, boolean prepareAlone) {
        try {
            if (prepareAlone && prepare != null) {
                prepare.accept(List.of(value));
            }
            check.check(value);
            return null;
        } catch (VirtualMachineError e) {
            if (e instanceof StackOverflowError) {
                return e;
            }
            throw e;
        } catch (Throwable t) {
            return t;
        }
    }

    private Report shrink(Check<? super T> check, Shrinkable<T> failing, Throwable failure, long runSeed, int tries,
                          int discarded, long start) {
        String first = oneLine(show(failing.value()));
        long deadline = System.nanoTime() + maxShrinkTime.toNanos();
        int steps = 0;
        int attempts = 0;
        Shrinkable<T> current = failing;
        Throwable cause = failure;
        boolean progress = true;
        while (progress && attempts < maxShrinkAttempts && System.nanoTime() < deadline) {
            progress = false;
            Iterator<Shrinkable<T>> candidates = current.shrinks().iterator();
            while (candidates.hasNext() && attempts < maxShrinkAttempts && System.nanoTime() < deadline) {
                Shrinkable<T> candidate = candidates.next();
                attempts++;
                Throwable t = attempt(check, candidate.value(), true);
                if (t != null && !(t instanceof Discard)) {
                    current = candidate;
                    cause = t;
                    steps++;
                    progress = true;
                    break;
                }
            }
        }
        lastFailure = cause;
        return new Report(name, false, tries, discarded, runSeed, steps, oneLine(show(current.value())),
                oneLine(describe(cause)), first, since(start));
    }

    private Report giveUp(long runSeed, int passed, int discarded, long start) {
        lastFailure = new AssertionError("gave up: " + discarded + " values discarded for " + passed
                + " tries; generate values that meet the property's assumptions");
        return new Report(name, false, passed, discarded, runSeed, 0, "(none)",
                lastFailure.getMessage(), "(none)", since(start));
    }

    private String show(T value) {
        try {
            return show.apply(value);
        } catch (RuntimeException e) {
            return String.valueOf(value) + " (show failed: " + e + ")";
        }
    }

    private AssertionError failure(Report report, Throwable cause) {
        StringBuilder message = new StringBuilder(report.line());
        message.append("\n  replay: -Dchainrule.seed=").append(report.seed());
        if (report.firstCase() != null && !report.firstCase().equals(report.shrunkCase())) {
            message.append("\n  first failing value: ").append(report.firstCase());
        }
        return new AssertionError(message.toString(), cause);
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        if (t instanceof AssertionError) {
            return message == null ? "assertion failed" : message;
        }
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    static String oneLine(String text) {
        String s = text.strip().replaceAll("\\s*\\R\\s*", " ⏎ ");
        return s.length() > 2000 ? s.substring(0, 2000) + " …" : s;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** A well-mixed seed for try {@code index} of a run (SplitMix64's finalizer). */
    static long mix(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

package dev.chainrule.testing.property;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A generator of random values: from a {@link Random} and a size (a hint, from 0 up to the
 * runner's maximum, of how large a value to make: a list's length, an expression's depth), a
 * value together with the simpler values it shrinks to.
 *
 * <p>Write a generator with {@link #of(BiFunction, Function)}, a generating function and a shrink
 * function giving simpler candidates, simplest first; or build one from others with the
 * combinators, which shrink by their parts: {@code zip(ints, strings, Pair::new)} shrinks the
 * integer, then the string. A generator must draw all its randomness from the {@code Random} it
 * is given, so that a seed replays it.
 *
 * @param <T> the type of the values
 */
@FunctionalInterface
public interface Gen<T> {

    /** A value and its shrink tree. */
    Shrinkable<T> sample(Random random, int size);

    /** Just the value. */
    default T generate(Random random, int size) {
        return sample(random, size).value();
    }

    // ---- making generators ----------------------------------------------------------------------

    /** A generator from a generating function and a shrink function (simpler candidates, simplest first). */
    static <T> Gen<T> of(BiFunction<Random, Integer, T> generate, Function<? super T, Stream<T>> shrink) {
        return (random, size) -> Shrinkable.unfold(generate.apply(random, size), shrink);
    }

    /** A generator whose values do not shrink. */
    static <T> Gen<T> of(BiFunction<Random, Integer, T> generate) {
        return (random, size) -> Shrinkable.of(generate.apply(random, size));
    }

    /** Always {@code value}. */
    static <T> Gen<T> constant(T value) {
        return (random, size) -> Shrinkable.of(value);
    }

    /** A generator chosen by the size, as in {@code sized(n -> lists(ints, 0, n))}. */
    static <T> Gen<T> sized(IntFunction<Gen<T>> bySize) {
        return (random, size) -> bySize.apply(size).sample(random, size);
    }

    /** This generator with its shrinking replaced by {@code shrink}. */
    default Gen<T> withShrinker(Function<? super T, Stream<T>> shrink) {
        return (random, size) -> Shrinkable.unfold(generate(random, size), shrink);
    }

    /** This generator with {@code more} candidates tried after its own, at every step. */
    default Gen<T> withMoreShrinks(Function<? super T, Stream<T>> more) {
        return (random, size) -> sample(random, size).withMoreShrinks(more);
    }

    /** This generator, not shrinking. */
    default Gen<T> noShrink() {
        return (random, size) -> Shrinkable.of(generate(random, size));
    }

    // ---- combinators ----------------------------------------------------------------------------

    /** The values {@code f} makes of this generator's; they shrink as the source values do. */
    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return (random, size) -> sample(random, size).map(f);
    }

    /**
     * A value of the generator that {@code f} chooses for a value of this one. It shrinks the first
     * value (making the second again from the same randomness), then the second.
     */
    default <R> Gen<R> flatMap(Function<? super T, Gen<R>> f) {
        return (random, size) -> {
            Shrinkable<T> outer = sample(random, size);
            long seed = random.nextLong();
            return bind(outer, f, seed, size);
        };
    }

    private static <T, R> Shrinkable<R> bind(Shrinkable<T> outer, Function<? super T, Gen<R>> f, long seed, int size) {
        Shrinkable<R> inner = f.apply(outer.value()).sample(new Random(seed), size);
        return new Shrinkable<>(inner.value(), () -> Stream.concat(
                outer.shrinks().map(o -> bind(o, f, seed, size)),
                inner.shrinks()));
    }

    /**
     * The values that pass {@code keep}, generating again (at most 1,000 times) until one does;
     * shrinking keeps to such values.
     */
    default Gen<T> filter(Predicate<? super T> keep) {
        return (random, size) -> {
            for (int attempt = 0; attempt < 1000; attempt++) {
                Shrinkable<T> s = sample(random, size);
                if (keep.test(s.value())) {
                    return s.filter(keep);
                }
            }
            throw new IllegalStateException("filter: no value out of 1,000 passed; generate fitting values instead");
        };
    }

    /** Two values combined by {@code f}; shrinks the first, then the second. */
    static <A, B, R> Gen<R> zip(Gen<A> a, Gen<B> b, BiFunction<? super A, ? super B, ? extends R> f) {
        return (random, size) -> zip(a.sample(random, size), b.sample(random, size), f);
    }

    private static <A, B, R> Shrinkable<R> zip(Shrinkable<A> a, Shrinkable<B> b,
                                                 BiFunction<? super A, ? super B, ? extends R> f) {
        return new Shrinkable<>(f.apply(a.value(), b.value()), () -> Stream.concat(
                a.shrinks().map(a2 -> zip(a2, b, f)),
                b.shrinks().map(b2 -> zip(a, b2, f))));
    }

    /** Three values combined by {@code f}; shrinks each in turn. */
    static <A, B, C, R> Gen<R> zip(Gen<A> a, Gen<B> b, Gen<C> c, Function3<? super A, ? super B, ? super C, ? extends R> f) {
        Gen<List<Object>> ab = zip(a, b, (x, y) -> Arrays.<Object>asList(x, y));
        return zip(ab, c, (xy, z) -> {
            @SuppressWarnings("unchecked") A x = (A) xy.get(0);
            @SuppressWarnings("unchecked") B y = (B) xy.get(1);
            return f.apply(x, y, z);
        });
    }

    /** A function of three arguments, for {@link #zip(Gen, Gen, Gen, Function3)}. */
    @FunctionalInterface
    interface Function3<A, B, C, R> {
        R apply(A a, B b, C c);
    }

    /** One of the generators, chosen uniformly; shrinks within the one chosen. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... choices) {
        List<Gen<? extends T>> list = new ArrayList<>();
        for (Gen<? extends T> choice : choices) {
            list.add(choice);
        }
        return (random, size) -> {
            @SuppressWarnings("unchecked")
            Shrinkable<T> s = (Shrinkable<T>) list.get(random.nextInt(list.size())).sample(random, size);
            return s;
        };
    }

    /** One of {@code values}, uniformly; shrinks to the earlier ones. */
    @SafeVarargs
    static <T> Gen<T> elements(T... values) {
        List<T> list = new ArrayList<>();
        for (T value : values) {
            list.add(value);
        }
        return integers(0, list.size() - 1).map(list::get);
    }

    /** A generator with a weight, for {@link #frequency}. */
    record Weighted<T>(int weight, Gen<? extends T> gen) {
        public Weighted {
            if (weight < 0) {
                throw new IllegalArgumentException("a weight must not be negative: " + weight);
            }
        }
    }

    static <T> Weighted<T> weighted(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    /** One of the generators, chosen in proportion to its weight. */
    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> list = new ArrayList<>();
        for (Weighted<? extends T> choice : choices) {
            list.add(choice);
        }
        int total = list.stream().mapToInt(Weighted::weight).sum();
        if (total <= 0) {
            throw new IllegalArgumentException("frequency needs a positive total weight");
        }
        return (random, size) -> {
            int pick = random.nextInt(total);
            for (Weighted<? extends T> w : list) {
                pick -= w.weight();
                if (pick < 0) {
                    @SuppressWarnings("unchecked")
                    Shrinkable<T> s = (Shrinkable<T>) w.gen().sample(random, size);
                    return s;
                }
            }
            throw new AssertionError("unreachable");
        };
    }

    // ---- numbers --------------------------------------------------------------------------------

    /** An integer in [min, max], both included; shrinks towards 0 if in range, else towards min. */
    static Gen<Integer> integers(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        int target = min <= 0 && 0 <= max ? 0 : min;
        return of((random, size) -> (int) (min + (long) (random.nextDouble() * ((long) max - min + 1))),
                value -> Shrinking.towards(value, target).mapToObj(Integer::valueOf));
    }

    /** A long from the whole range, for seeds; does not shrink. */
    static Gen<Long> longs() {
        return of((random, size) -> random.nextLong());
    }

    /**
     * A double in [min, max); shrinks towards the simplest number in range (0, else an end), then
     * to whole numbers and to fewer decimals.
     */
    static Gen<Double> doubles(double min, double max) {
        if (!(min < max)) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + ")");
        }
        double target = min <= 0 && 0 < max ? 0 : min;
        return of((random, size) -> min + random.nextDouble() * (max - min),
                value -> Shrinking.simplerDoubles(value, target).filter(d -> d >= min && d < max).boxed());
    }

    /** A boolean; shrinks to false. */
    static Gen<Boolean> booleans() {
        return of((random, size) -> random.nextBoolean(), b -> b ? Stream.of(false) : Stream.empty());
    }

    // ---- collections ----------------------------------------------------------------------------

    /**
     * A list of {@code min} to {@code max} values (at most {@code min + size} of them, so small
     * sizes make short lists); shrinks by dropping values, then by shrinking each.
     */
    static <T> Gen<List<T>> lists(Gen<T> element, int min, int max) {
        return (random, size) -> {
            int upper = (int) Math.min(max, (long) min + size);
            int n = min + random.nextInt(upper - min + 1);
            List<Shrinkable<T>> items = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                items.add(element.sample(random, size));
            }
            return list(items, min);
        };
    }

    private static <T> Shrinkable<List<T>> list(List<Shrinkable<T>> items, int min) {
        List<T> values = items.stream().map(Shrinkable::value).toList();
        return new Shrinkable<>(values, () -> {
            int n = items.size();
            // Drop chunks, halves first, then single items; then shrink items one at a time.
            Stream<Shrinkable<List<T>>> removals = Stream.iterate(n / 2, k -> k >= 1, k -> k / 2)
                    .flatMap(k -> IntStream.iterate(0, from -> from + k <= n, from -> from + k).boxed()
                            .filter(from -> n - k >= min)
                            .map(from -> {
                                List<Shrinkable<T>> rest = new ArrayList<>(items.subList(0, from));
                                rest.addAll(items.subList(from + k, n));
                                return list(rest, min);
                            }));
            Stream<Shrinkable<List<T>>> shrunkItems = IntStream.range(0, n).boxed()
                    .flatMap(i -> items.get(i).shrinks().map(s -> {
                        List<Shrinkable<T>> copy = new ArrayList<>(items);
                        copy.set(i, s);
                        return list(copy, min);
                    }));
            return Stream.concat(removals, shrunkItems);
        });
    }

    /** A string of {@code min} to {@code max} characters drawn from {@code alphabet}. */
    static Gen<String> strings(String alphabet, int min, int max) {
        int[] codePoints = alphabet.codePoints().toArray();
        Gen<Integer> chars = integers(0, codePoints.length - 1).map(i -> codePoints[i]);
        return lists(chars, min, max).map(list -> {
            StringBuilder s = new StringBuilder();
            list.forEach(s::appendCodePoint);
            return s.toString();
        });
    }
}

package dev.chainrule.testing.property;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A generated value with the simpler values it may shrink to, computed lazily: a tree whose root
 * is the value and whose children are candidates, each with candidates of its own. Generators
 * return one, so that {@link Gen#map}, {@link Gen#zip} and {@link Gen#flatMap} keep shrinking
 * without being told how: the mapped value shrinks as its source does.
 *
 * <p>Candidates should come simplest first (the runner takes the first that still fails), and
 * every candidate must be strictly simpler than its parent, so that shrinking ends.
 *
 * @param <T> the type of the value
 */
public final class Shrinkable<T> {
    private final T value;
    private final Supplier<Stream<Shrinkable<T>>> candidates;

    /** A value whose candidates are computed, when asked for, by {@code candidates}. */
    public Shrinkable(T value, Supplier<Stream<Shrinkable<T>>> candidates) {
        this.value = value;
        this.candidates = Objects.requireNonNull(candidates, "candidates");
    }

    /** A value that does not shrink. */
    public static <T> Shrinkable<T> of(T value) {
        return new Shrinkable<>(value, Stream::empty);
    }

    /** A value and the tree that {@code shrinker} unfolds from it: its candidates, theirs, and so on. */
    public static <T> Shrinkable<T> unfold(T value, Function<? super T, Stream<T>> shrinker) {
        return new Shrinkable<>(value, () -> shrinker.apply(value).map(c -> unfold(c, shrinker)));
    }

    public T value() {
        return value;
    }

    /** The simpler values this one may shrink to, simplest first. */
    public Stream<Shrinkable<T>> shrinks() {
        return candidates.get();
    }

    /** The same tree with {@code f} applied to every value. */
    public <R> Shrinkable<R> map(Function<? super T, ? extends R> f) {
        return new Shrinkable<>(f.apply(value), () -> shrinks().map(s -> s.map(f)));
    }

    /** The same tree without the candidates (and their subtrees) that fail {@code keep}. */
    public Shrinkable<T> filter(Predicate<? super T> keep) {
        return new Shrinkable<>(value, () -> shrinks().filter(s -> keep.test(s.value())).map(s -> s.filter(keep)));
    }

    /** This tree with {@code more} candidates tried after its own. */
    public Shrinkable<T> withMoreShrinks(Function<? super T, Stream<T>> more) {
        return new Shrinkable<>(value, () -> Stream.concat(
                shrinks().map(s -> s.withMoreShrinks(more)),
                more.apply(value).map(c -> Shrinkable.unfold(c, more))));
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}

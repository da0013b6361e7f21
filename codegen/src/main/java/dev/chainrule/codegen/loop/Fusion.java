package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.Loop;
import dev.chainrule.codegen.loop.Stmt.Store;
import dev.chainrule.codegen.loop.Stmt.UnlessZero;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loop fusion, the step that turns the naive lowering into the loop a person would write:
 * {@code sum((X*w + b - y).^2)} and its gradient become one pass over the rows of X.
 *
 * <p>A loop joins an earlier loop over the same extent when the statements between them are
 * independent of it, it reads no accumulator the earlier loop is still filling, and the arrays the
 * two share are touched only at the loop's own index (so each iteration sees what it would have
 * seen). Inner loops of a merged body are fused the same way.
 *
 * <p>A zero fill joins a loop that computes only where that loop uses the array it fills (a row of
 * a matrix product, filled and then accumulated): kept apart from unrelated loops, it can still
 * rise above a loop over other data when a later loop that accumulates into its array joins that
 * loop (a penalty's sum over the weights between two passes over the samples would otherwise keep
 * the samples' passes apart).
 */
final class Fusion {
    /** Loops are not fused beyond this estimated size, so that a method split into parts can hold each. */
    static final int MAX_FUSED_LOOP = 3000;

    /**
     * How many statements back a loop looks for one to join: a window, as instruction schedulers
     * keep, so that fusing a method of n statements costs O(n), not O(n²).
     */
    static final int LOOKBACK = 24;

    private final Effects.Cache effects = new Effects.Cache();

    private Fusion() {}

    static List<Stmt> fuse(List<Stmt> body) {
        return new Fusion().fuseBody(body);
    }

    private List<Stmt> fuseBody(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            if (!(s instanceof Loop loop) || !tryMerge(out, loop)) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Merges {@code later} into an earlier loop of {@code out} if one can take it. Of the loops it
     * could join, it joins the one that reads the most of the same arrays, so that the two passes
     * over a matrix become one (the nearest such loop where there is a tie).
     */
    private boolean tryMerge(List<Stmt> out, Loop later) {
        Effects laterEffects = effects.of(later);
        // Zero-fills of arrays the later loop accumulates into: they may move above the merge target.
        List<Integer> fills = new ArrayList<>();
        int best = -1;
        int bestShared = -1;
        List<Integer> bestFills = List.of();
        for (int g = out.size() - 1; g >= Math.max(0, out.size() - LOOKBACK); g--) {
            Stmt candidate = out.get(g);
            Loop earlier = candidate instanceof Loop loop ? loop : guardedLoop(candidate);
            if (earlier != null && earlier.extent().equals(later.extent()) && earlier.from().equals(later.from())
                    && (isZeroFill(earlier) == isZeroFill(later) || fillsWhatTheOtherUses(earlier, later))
                    && compatible(earlier, later)
                    && SizeEstimate.of(earlier, 0) + SizeEstimate.of(later, 0) <= MAX_FUSED_LOOP
                    && fillsCanRise(out, g, fills)) {
                int shared = sharedReads(effects.of(earlier), laterEffects);
                // A guarded loop gives up its guard only for a partner that reads the same data.
                if (earlier != candidate && shared == 0) {
                    shared = -1;
                }
                if (shared > bestShared) {
                    best = g;
                    bestShared = shared;
                    bestFills = List.copyOf(fills);
                }
            }
            if (!Effects.independent(effects.of(candidate), laterEffects)) {
                if (isZeroFill(candidate)) {
                    fills.add(g);
                    continue;
                }
                break;
            }
        }
        if (best < 0) {
            return false;
        }
        Loop earlier = out.get(best) instanceof Loop loop ? loop : guardedLoop(out.get(best));
        List<Stmt> risen = new ArrayList<>();
        for (int f : bestFills) {
            risen.add(0, out.remove(f));
        }
        out.addAll(best, risen);
        out.set(best + risen.size(), merge(earlier, later));
        return true;
    }

    /**
     * The loop of {@code if (v != 0) { loop }}, a row skipped when its coefficient is zero. Fusing
     * it with a loop over the same row drops the test: one pass over the row is worth more than
     * skipping some rows (and adding a zero term changes nothing).
     */
    private static Loop guardedLoop(Stmt s) {
        return s instanceof UnlessZero guard && guard.body().size() == 1 && guard.body().get(0) instanceof Loop loop
                ? loop : null;
    }

    /** Whether one loop is a zero fill of an array the other reads or writes. */
    private boolean fillsWhatTheOtherUses(Loop a, Loop b) {
        Loop fill = isZeroFill(a) ? a : b;
        Effects other = effects.of(fill == a ? b : a);
        return effects.of(fill).arraysWritten().stream()
                .anyMatch(array -> other.arraysRead().contains(array) || other.arraysWritten().contains(array));
    }

    private static int sharedReads(Effects a, Effects b) {
        Set<Name> shared = new HashSet<>(a.arraysRead());
        shared.retainAll(b.arraysRead());
        return shared.size();
    }

    /** Each fill (indices, descending) is independent of every other statement from g up to it. */
    private boolean fillsCanRise(List<Stmt> out, int g, List<Integer> fills) {
        for (int f : fills) {
            Effects fill = effects.of(out.get(f));
            for (int k = g; k < f; k++) {
                if (!fills.contains(k) && !Effects.independent(effects.of(out.get(k)), fill)) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isZeroFill(Stmt s) {
        if (s instanceof Loop loop) {
            return !loop.body().isEmpty() && loop.body().stream().allMatch(Fusion::isZeroFill);
        }
        return s instanceof Store st && st.value() instanceof Val.Num n && n.value() == 0;
    }

    private boolean compatible(Loop earlier, Loop later) {
        Effects a = effects.of(earlier);
        Effects b = effects.of(later);
        for (Name accumulator : a.accumulators()) {
            if (b.localsRead.contains(accumulator)) {
                return false;
            }
        }
        for (Name accumulator : b.accumulators()) {
            if (a.localsRead.contains(accumulator)) {
                return false;
            }
        }
        Set<Name> shared = new HashSet<>(a.arraysWritten());
        shared.retainAll(union(b.arraysRead(), b.arraysWritten()));
        Set<Name> sharedBack = new HashSet<>(b.arraysWritten());
        sharedBack.retainAll(union(a.arraysRead(), a.arraysWritten()));
        shared.addAll(sharedBack);
        for (Name array : shared) {
            if (!a.onlyAt(earlier.index(), array) || !b.onlyAt(later.index(), array)) {
                return false;
            }
        }
        return true;
    }

    private Loop merge(Loop earlier, Loop later) {
        Index.Var from = later.index();
        Index.Var to = earlier.index();
        List<Stmt> body = new ArrayList<>(earlier.body());
        Mapper rename = new Mapper() {
            @Override public Index index(Index i) {
                Index mapped = i.map(this);
                return mapped.equals(from) ? to : mapped;
            }
        };
        body.addAll(rename.body(later.body()));
        return earlier.withBody(fuseBody(Hoisting.constantInitialisers(body)));
    }

    private static Set<Name> union(Set<Name> a, Set<Name> b) {
        Set<Name> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }
}

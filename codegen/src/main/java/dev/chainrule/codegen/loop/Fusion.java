package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.*;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Loop fusion and array contraction, the two steps that turn the naive lowering into the loop a
 * person would write: {@code sum((X*w + b - y).^2)} and its gradient become one pass over the rows
 * of X, with every per-row intermediate in a local.
 *
 * <p>Fusion: a loop joins an earlier loop over the same extent when the statements between them are
 * independent of it, it reads no accumulator the earlier loop is still filling, and the arrays the
 * two share are touched only at the loop's own index (so each iteration sees what it would have
 * seen). Inner loops of a merged body are fused the same way.
 *
 * <p>Contraction: a temporary written and read only inside one loop, at that loop's index, and
 * written before it is read, becomes a local of the loop body.
 */
public final class Fusion {
    /**
     * Each statement's effects, computed once: the passes ask about the same statements again and
     * again, and a loop's effects take a walk over its whole body, so without this the passes are
     * quadratic in the length of a long method (a chain of a thousand layers).
     */
    private final Map<Stmt, Effects> effects = new IdentityHashMap<>();

    private Fusion() {}

    private Effects effects(Stmt s) {
        Effects e = effects.get(s);
        if (e == null) {
            e = Effects.of(s);
            effects.put(s, e);
        }
        return e;
    }

    /** Loops are not fused beyond this estimated size, so that a method split into parts can hold each. */
    static final int MAX_FUSED_LOOP = 3000;

    /**
     * How many statements back a loop looks for one to join: a window, as instruction schedulers
     * keep, so that fusing a method of n statements costs O(n), not O(n²).
     */
    static final int LOOKBACK = 24;

    public static List<Stmt> optimize(List<Stmt> body) {
        Fusion fusion = new Fusion();
        List<Stmt> fused = fusion.fuse(fusion.hoistScalars(hoistInitializers(body)));
        return fusion.propagateCopies(fusion.contract(fused));
    }

    // ---- fusion ---------------------------------------------------------------------------------

    /**
     * Accumulators set to a constant depend on nothing: they go first, so that they do not keep two
     * loops apart. (Zero-filled arrays stay where they are, so as not to lengthen their lifetimes;
     * fusion moves a fill into an earlier loop where it can.)
     */
    private static List<Stmt> hoistInitializers(List<Stmt> body) {
        List<Stmt> first = new ArrayList<>();
        List<Stmt> rest = new ArrayList<>();
        for (Stmt s : body) {
            boolean constantInit = s instanceof Init i && i.value() instanceof Val.Num;
            (constantInit ? first : rest).add(s);
        }
        first.addAll(rest);
        return first;
    }

    /**
     * Moves each scalar statement as early as what it reads allows, so that a scalar computed
     * between two loops over one extent does not keep them apart.
     */
    private List<Stmt> hoistScalars(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>(body);
        for (int k = 1; k < out.size(); k++) {
            if (!(out.get(k) instanceof Let)) {
                continue;
            }
            int at = k;
            Effects moving = effects(out.get(k));
            while (at > 0 && !(out.get(at - 1) instanceof Return)
                    && Effects.independent(effects(out.get(at - 1)), moving)) {
                java.util.Collections.swap(out, at - 1, at);
                at--;
            }
        }
        return out;
    }

     List<Stmt> fuse(List<Stmt> body) {
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
        Effects laterEffects = effects(later);
        // Zero-fills of arrays the later loop accumulates into: they may move above the merge target.
        List<Integer> fills = new ArrayList<>();
        int best = -1;
        int bestShared = -1;
        List<Integer> bestFills = List.of();
        for (int g = out.size() - 1; g >= Math.max(0, out.size() - LOOKBACK); g--) {
            Stmt candidate = out.get(g);
            Loop earlier = candidate instanceof Loop loop ? loop : guardedLoop(candidate);
            if (earlier != null && earlier.extent().equals(later.extent())
                    && compatible(earlier, later)
                    && SizeEstimate.of(earlier, 0) + SizeEstimate.of(later, 0) <= MAX_FUSED_LOOP
                    && fillsCanRise(out, g, fills)) {
                int shared = sharedReads(effects(earlier), laterEffects);
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
            if (!Effects.independent(effects(candidate), laterEffects)) {
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

    private static int sharedReads(Effects a, Effects b) {
        Set<String> shared = new HashSet<>(a.arraysRead());
        shared.retainAll(b.arraysRead());
        return shared.size();
    }

    /** Each fill (indices, descending) is independent of every other statement from g up to it. */
    private boolean fillsCanRise(List<Stmt> out, int g, List<Integer> fills) {
        for (int f : fills) {
            Effects fill = effects(out.get(f));
            for (int k = g; k < f; k++) {
                if (!fills.contains(k) && !Effects.independent(effects(out.get(k)), fill)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isZeroFill(Stmt s) {
        if (s instanceof Loop loop) {
            return !loop.body().isEmpty() && loop.body().stream().allMatch(Fusion::isZeroFill);
        }
        return s instanceof Store st && st.value() instanceof Val.Num n && n.value() == 0;
    }

    private boolean compatible(Loop earlier, Loop later) {
        Effects a = effects(earlier);
        Effects b = effects(later);
        for (String accumulator : a.accumulators()) {
            if (b.localsRead.contains(accumulator)) {
                return false;
            }
        }
        for (String accumulator : b.accumulators()) {
            if (a.localsRead.contains(accumulator)) {
                return false;
            }
        }
        Set<String> shared = new HashSet<>(a.arraysWritten());
        shared.retainAll(union(b.arraysRead(), b.arraysWritten()));
        Set<String> sharedBack = new HashSet<>(b.arraysWritten());
        sharedBack.retainAll(union(a.arraysRead(), a.arraysWritten()));
        shared.addAll(sharedBack);
        for (String array : shared) {
            if (!onlyAtOwnIndex(earlier, array) || !onlyAtOwnIndex(later, array)) {
                return false;
            }
        }
        return true;
    }

    /** Every access of {@code array} in the loop is at the entry the loop's own index selects. */
    private boolean onlyAtOwnIndex(Loop loop, String array) {
        Index own = new Index.Var(loop.index());
        for (Effects.Access access : effects(loop).accesses) {
            if (access.array().equals(array) && !own.equals(elementIndex(access))) {
                return false;
            }
        }
        return true;
    }

    /** The index that selects the entry (a vector's row, a row vector's column, a matrix's row). */
    private static Index elementIndex(Effects.Access access) {
        if (access.row() == null) {
            return null;
        }
        return access.row().equals(Index.ZERO) && access.col() instanceof Index.Var ? access.col() : access.row();
    }

    private Loop merge(Loop earlier, Loop later) {
        String from = later.index();
        String to = earlier.index();
        List<Stmt> body = new ArrayList<>(earlier.body());
        for (Stmt s : later.body()) {
            body.add(renameIndex(s, from, to));
        }
        return new Loop(to, earlier.extent(), fuse(hoistInitializers(body)));
    }

    private static Stmt renameIndex(Stmt s, String from, String to) {
        return mapStmt(s, v -> mapIndices(v, from, to), from, to);
    }

    // ---- contraction ----------------------------------------------------------------------------

    private List<Stmt> contract(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>(body);
        // How many statements touch each array; contracting an array out of one statement never
        // raises another array's count, so the counts stay good for the whole pass.
        Map<String, Integer> touching = new HashMap<>();
        for (Stmt s : out) {
            effects(s).accesses.stream().map(Effects.Access::array).distinct()
                    .forEach(array -> touching.merge(array, 1, Integer::sum));
        }
        for (int k = 0; k < out.size(); k++) {
            if (out.get(k) instanceof Loop loop) {
                Set<String> candidates = temporariesWrittenFirst(loop);
                for (String array : candidates) {
                    if (touching.get(array) > 1 || !onlyAtOwnIndex(loop, array)) {
                        continue;
                    }
                    loop = contractInto(loop, array);
                }
                out.set(k, loop);
            }
        }
        return out;
    }

    /** Temporary vectors that the loop body stores into, at its own level, before any read. */
    private Set<String> temporariesWrittenFirst(Loop loop) {
        Set<String> result = new HashSet<>();
        Set<String> readSoFar = new HashSet<>();
        for (Stmt s : loop.body()) {
            Effects e = effects(s);
            readSoFar.addAll(e.arraysRead());
            if (s instanceof Store st && st.array().role() == Array.Role.TEMPORARY
                    && (st.array().cols().equals(dev.chainrule.shape.Dim.ONE)
                    || st.array().rows().equals(dev.chainrule.shape.Dim.ONE))
                    && !readSoFar.contains(st.array().name())) {
                result.add(st.array().name());
            }
        }
        // An array stored into more than once, or accumulated into, keeps its memory.
        Map<String, Integer> writes = new HashMap<>();
        for (Effects.Access a : effects(loop).accesses) {
            if (a.write()) {
                writes.merge(a.array(), a.accumulate() ? 2 : 1, Integer::sum);
            }
        }
        result.removeIf(name -> writes.getOrDefault(name, 0) != 1);
        return result;
    }

    private static Loop contractInto(Loop loop, String array) {
        String local = array;
        List<Stmt> body = new ArrayList<>();
        for (Stmt s : loop.body()) {
            if (s instanceof Store st && st.array().name().equals(array)) {
                body.add(new Let(local, replaceLoads(st.value(), array, local)));
            } else {
                body.add(mapStmt(s, v -> replaceLoads(v, array, local), null, null));
            }
        }
        return new Loop(loop.index(), loop.extent(), body);
    }

    private static Val replaceLoads(Val v, String array, String local) {
        return mapVal(v, x -> x instanceof Val.Load l && l.array().name().equals(array) ? new Val.Local(local) : x);
    }

    // ---- copy propagation -----------------------------------------------------------------------

    /**
     * Removes {@code final double a = b;} where b is a local no later statement of the same body
     * changes, reading b wherever a was read. Names are unique, so a rename cannot capture.
     */
    private List<Stmt> propagateCopies(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (int k = 0; k < body.size(); k++) {
            Stmt s = body.get(k);
            if (s instanceof Let let && let.value() instanceof Val.Local source
                    && !writtenAfter(body, k, source.name())) {
                String copy = let.name();
                for (int m = k + 1; m < body.size(); m++) {
                    Stmt later = body.get(m);
                    body = replaceAt(body, m, mapStmt(later, v -> mapVal(v,
                            x -> x instanceof Val.Local l && l.name().equals(copy) ? source : x), null, null));
                }
                continue;
            }
            out.add(s instanceof Loop loop ? new Loop(loop.index(), loop.extent(), propagateCopies(loop.body())) : s);
        }
        return out;
    }

    private boolean writtenAfter(List<Stmt> body, int k, String local) {
        for (int m = k + 1; m < body.size(); m++) {
            if (effects(body.get(m)).localsWritten.contains(local)) {
                return true;
            }
        }
        return false;
    }

    private static List<Stmt> replaceAt(List<Stmt> body, int index, Stmt replacement) {
        List<Stmt> copy = new ArrayList<>(body);
        copy.set(index, replacement);
        return copy;
    }

    // ---- traversal helpers ----------------------------------------------------------------------

    private static Stmt mapStmt(Stmt s, UnaryOperator<Val> f, String fromIndex, String toIndex) {
        if (s instanceof Let l) {
            return new Let(l.name(), f.apply(l.value()));
        }
        if (s instanceof Init i) {
            return new Init(i.name(), f.apply(i.value()));
        }
        if (s instanceof Update u) {
            return new Update(u.name(), u.op(), f.apply(u.value()));
        }
        if (s instanceof Store st) {
            return new Store(st.array(), rename(st.row(), fromIndex, toIndex), rename(st.col(), fromIndex, toIndex),
                    f.apply(st.value()));
        }
        if (s instanceof Accumulate a) {
            return new Accumulate(a.array(), rename(a.row(), fromIndex, toIndex), rename(a.col(), fromIndex, toIndex),
                    f.apply(a.value()));
        }
        if (s instanceof Loop loop) {
            List<Stmt> body = new ArrayList<>();
            loop.body().forEach(b -> body.add(mapStmt(b, f, fromIndex, toIndex)));
            return new Loop(loop.index(), loop.extent(), body);
        }
        if (s instanceof UnlessZero guard) {
            List<Stmt> body = new ArrayList<>();
            guard.body().forEach(b -> body.add(mapStmt(b, f, fromIndex, toIndex)));
            Val local = f.apply(new Val.Local(guard.local()));
            return new UnlessZero(local instanceof Val.Local l ? l.name() : guard.local(), body);
        }
        if (s instanceof Return r) {
            return new Return(f.apply(r.value()));
        }
        return s;
    }

    private static Index rename(Index index, String from, String to) {
        return from != null && index instanceof Index.Var v && v.name().equals(from) ? new Index.Var(to) : index;
    }

    private static Val mapIndices(Val v, String from, String to) {
        return mapVal(v, x -> {
            if (x instanceof Val.Load l) {
                return new Val.Load(l.array(), rename(l.row(), from, to), rename(l.col(), from, to));
            }
            if (x instanceof Val.OnDiagonal d) {
                return new Val.OnDiagonal(rename(d.row(), from, to), rename(d.col(), from, to), d.value());
            }
            return x;
        });
    }

    /** Applies f bottom-up to every node of a value. */
    static Val mapVal(Val v, UnaryOperator<Val> f) {
        Val mapped = v;
        if (v instanceof Val.Negate n) {
            mapped = new Val.Negate(mapVal(n.operand(), f));
        } else if (v instanceof Val.Binary b) {
            mapped = new Val.Binary(b.op(), mapVal(b.left(), f), mapVal(b.right(), f));
        } else if (v instanceof Val.Call c) {
            mapped = new Val.Call(c.function(), mapVal(c.argument(), f));
        } else if (v instanceof Val.Max m) {
            mapped = new Val.Max(mapVal(m.left(), f), mapVal(m.right(), f));
        } else if (v instanceof Val.Power p) {
            mapped = new Val.Power(mapVal(p.base(), f), mapVal(p.exponent(), f));
        } else if (v instanceof Val.OnDiagonal d) {
            mapped = new Val.OnDiagonal(d.row(), d.col(), mapVal(d.value(), f));
        } else if (v instanceof Val.LogSumExpOf l) {
            mapped = new Val.LogSumExpOf(mapVal(l.max(), f), mapVal(l.shiftedSum(), f));
        }
        return f.apply(mapped);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }
}

package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.*;
import dev.chainrule.codegen.loop.Val.Binary;
import dev.chainrule.codegen.loop.Val.Op;
import dev.chainrule.shape.Dim;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several accumulators per reduction: an innermost loop that adds into a local (a dot product, a
 * sum of squares, the sum of log-sum-exp) or takes its maximum runs in blocks of {@link #LANES}
 * iterations, each iteration of a block with an accumulator of its own, and the accumulators are
 * combined after the loop. Java's floating point is strict, so the JIT keeps a sum as written: one
 * chain of additions, each waiting for the one before (several cycles each), however many the
 * processor could do at once. Four chains overlap; this is the unrolling a compiler may not do by
 * itself and people rarely write by hand.
 *
 * <p>The sum is the same up to rounding, in another order: lane l adds terms l, l + 4, l + 8, … of
 * the whole blocks, lane 0 then adds the last (n mod 4) terms in order, and the lanes are combined
 * as (s₀ + s₁) + (s₂ + s₃), where s₀ started from the accumulator's value before the loop. A
 * maximum is exact in any order. Only loops with no loop inside and a small body are blocked, so the
 * code grows by a bounded amount, and only loops that call no library routine (exp, log, tanh):
 * such a call takes far longer than an addition, so the chain of additions is not what bounds the
 * loop, and the lanes' accumulators would only be saved and restored around every call (the
 * exponentials of softmax cross-entropy ran 3% slower in four lanes than in one).
 */
final class Accumulators {
    static final int LANES = 4;
    /** The largest loop body blocked, by {@link SizeEstimate}: the blocked loop holds it five times. */
    static final int MAX_BODY = 160;

    private Accumulators() {}

    static List<Stmt> split(List<Stmt> body) {
        // How many loops of the body have split each accumulator so far: the lanes of the k-th are
        // copies k·(LANES − 1) + 1 …, so that two loops reducing into one sum (the rows of an
        // unrolled loop, say) declare lanes of different names in the same scope.
        Map<Name, Integer> blocked = new HashMap<>();
        return new Mapper() {
            @Override public List<Stmt> statements(Stmt s) {
                if (s instanceof Blocked) {
                    // Rows in blocks (Jamming): each row already adds in a chain of its own.
                    return List.of(s);
                }
                Stmt mapped = s.map(this);
                return mapped instanceof Loop loop ? block(loop, blocked) : List.of(mapped);
            }
        }.body(body);
    }

    /** The loop with its reductions split over lanes, or the loop itself. */
    private static List<Stmt> block(Loop loop, Map<Name, Integer> blocked) {
        if (loop.extent() instanceof Dim.Fixed f && f.size() < 2 * LANES || !innermost(loop.body())
                || SizeEstimate.of(loop.body(), 0) > MAX_BODY || RoutineCalls.in(loop.body())) {
            return List.of(loop);
        }
        Map<Name, Op> accumulators = splittable(loop.body());
        if (accumulators.isEmpty()) {
            return List.of(loop);
        }
        Set<Name> declared = Declarations.within(loop.body());
        Map<Name, Integer> offsets = new HashMap<>();
        accumulators.keySet().forEach(a -> offsets.put(a, (LANES - 1) * blocked.merge(a, 1, Integer::sum) - (LANES - 1)));
        List<Stmt> lanes = new ArrayList<>();
        for (int lane = 0; lane < LANES; lane++) {
            lanes.addAll(lane(loop, lane, offsets, declared).body(loop.body()));
        }
        List<Stmt> out = new ArrayList<>();
        accumulators.forEach((a, op) -> {
            for (int lane = 1; lane < LANES; lane++) {
                out.add(new Init(new Name.Copy(a, lane + offsets.get(a)),
                        new Val.Num(op == Op.MAX ? Double.NEGATIVE_INFINITY : 0)));
            }
        });
        out.add(new Blocked(loop.index(), loop.from(), loop.extent(), LANES, lanes, loop.body()));
        accumulators.forEach((a, op) -> out.add(new Assign(a, combined(a, op, offsets.get(a)))));
        return out;
    }

    /** (a + a₁) + (a₂ + a₃), or the maximum of the four. */
    private static Val combined(Name a, Op op, int offset) {
        List<Val> lanes = new ArrayList<>();
        lanes.add(new Val.Local(a));
        for (int lane = 1; lane < LANES; lane++) {
            lanes.add(new Val.Local(new Name.Copy(a, lane + offset)));
        }
        while (lanes.size() > 1) {
            List<Val> pairs = new ArrayList<>();
            for (int k = 0; k < lanes.size(); k += 2) {
                Val left = lanes.get(k);
                Val right = lanes.get(k + 1);
                pairs.add(op == Op.MAX ? new Val.Max(left, right) : new Binary(Op.ADD, left, right));
            }
            lanes = pairs;
        }
        return lanes.get(0);
    }

    /** Iteration {@code index + lane}: its own copy of the body's locals and of the split accumulators. */
    private static Mapper lane(Loop loop, int lane, Map<Name, Integer> accumulators, Set<Name> declared) {
        Index at = lane == 0 ? loop.index() : Index.shifted(loop.index(), Dim.of(lane));
        return new Mapper() {
            @Override public Index index(Index i) {
                Index mapped = i.map(this);
                return mapped.equals(loop.index()) ? at : mapped;
            }

            @Override public Name local(Name name) {
                if (lane > 0 && accumulators.containsKey(name)) {
                    return new Name.Copy(name, lane + accumulators.get(name));
                }
                return lane > 0 && declared.contains(name) ? new Name.Copy(name, lane) : name;
            }
        };
    }

    /** Whether a body holds no loop (nor anything else with a body of statements but a guard). */
    private static boolean innermost(List<Stmt> body) {
        for (Stmt s : body) {
            if (s instanceof Loop || s instanceof Blocked || s instanceof Part || s instanceof Factor
                    || s instanceof Invert) {
                return false;
            }
            if (s instanceof UnlessZero guard && !innermost(guard.body())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The locals the body only accumulates into, with one operation ({@code +=} or max) and
     * nothing else reading them: each lane may keep its own. Declared outside the body.
     */
    private static Map<Name, Op> splittable(List<Stmt> body) {
        Map<Name, Op> ops = new LinkedHashMap<>();
        Map<Name, Boolean> ok = new HashMap<>();
        Set<Name> declared = Declarations.within(body);
        new Mapper() {
            @Override public Stmt stmt(Stmt s) {
                if (s instanceof Update u && (u.op() == Op.ADD || u.op() == Op.MAX) && !declared.contains(u.name())) {
                    Op before = ops.putIfAbsent(u.name(), u.op());
                    boolean fine = (before == null || before == u.op())
                            && !Effects.of(u.value()).localsRead.contains(u.name());
                    ok.merge(u.name(), fine, Boolean::logicalAnd);
                    for (Name read : Effects.of(u.value()).localsRead) {
                        ok.put(read, false);
                    }
                    return s;
                }
                for (Val v : OwnValues.of(s)) {
                    Effects.of(v).localsRead.forEach(read -> ok.put(read, false));
                }
                Name own = Declarations.own(s);
                if (own != null) {
                    ok.put(own, false);
                }
                if (s instanceof Assign a) {
                    ok.put(a.name(), false);
                }
                if (s instanceof Update u) {
                    ok.put(u.name(), false);
                }
                return s.map(this);
            }
        }.body(body);
        Map<Name, Op> result = new LinkedHashMap<>();
        ops.forEach((name, op) -> {
            if (ok.getOrDefault(name, false)) {
                result.put(name, op);
            }
        });
        return result;
    }
}

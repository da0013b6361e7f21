package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.*;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes pointless locals: {@code final double t = a * b; … return t;} becomes
 * {@code return a * b;} where t is read once, by a later statement of the same body (never inside
 * a loop of it, which would compute t once per iteration, nor the range test of an
 * {@link IfOutside}, which reads its value twice), nothing between changes what t reads, and the statement stays of a size a person would write. The locals that hold a user's local definition keep their names.
 */
final class LocalInlining {
    /** How far ahead a local's one reader is looked for: the pass stays linear in long methods. */
    static final int LOOKAHEAD = 64;

    /**
     * The largest statement (in {@link SizeEstimate}'s bytes) a local is inlined into. Without a
     * bound a chain of single-use locals, such as the partial sums of Σ sin(k·a) over 10⁴ terms,
     * became one expression 10⁴ deep: quadratic to build, and too deep for javac and for the
     * splitting of long methods, which cuts between statements.
     */
    static final int MAX_INLINED = 1000;

    private final Map<Name, Integer> reads;
    private final Effects.Cache effects = new Effects.Cache();

    private LocalInlining(Map<Name, Integer> reads) {
        this.reads = reads;
    }

    static List<Stmt> inline(List<Stmt> body) {
        Map<Name, Integer> reads = new HashMap<>();
        new Mapper() {
            @Override public Val val(Val v) {
                if (v instanceof Val.Local l) {
                    reads.merge(l.name(), 1, Integer::sum);
                }
                return v.map(this);
            }
        }.body(body);
        LocalInlining pass = new LocalInlining(reads);
        return new Mapper() {
            @Override public List<Stmt> body(List<Stmt> statements) {
                return pass.inlineList(Mapper.super.body(statements));
            }
        }.body(body);
    }

    private List<Stmt> inlineList(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>(body);
        for (int k = 0; k < out.size(); k++) {
            if (!(out.get(k) instanceof Let let) || reads.getOrDefault(let.name(), 0) != 1
                    || let.name().origin() == null || let.name().origin().userNamed()) {
                continue;
            }
            Effects moving = effects.of(let);
            for (int m = k + 1; m < out.size() && m <= k + LOOKAHEAD; m++) {
                Stmt next = out.get(m);
                if (effects.of(next).localsRead.contains(let.name())) {
                    if (!(next instanceof IfOutside) && SizeEstimate.of(next, 0) + SizeEstimate.of(let, 0) <= MAX_INLINED
                            && readsInOwnValues(next, let.name())) {
                        out.set(m, substitute(next, let));
                        out.remove(k);
                        k--;
                    }
                    break;
                }
                if (!Effects.independent(effects.of(next), moving)) {
                    break;
                }
            }
        }
        return out;
    }

    /** Whether the statement reads the local in its own values, not in a nested body. */
    private static boolean readsInOwnValues(Stmt s, Name local) {
        for (Val v : OwnValues.of(s)) {
            if (Effects.of(v).localsRead.contains(local)) {
                return true;
            }
        }
        return false;
    }

    private static Stmt substitute(Stmt s, Let let) {
        return new Mapper() {
            @Override public Val val(Val v) {
                return v instanceof Val.Local l && l.name().equals(let.name()) ? let.value() : v.map(this);
            }
        }.stmt(s);
    }
}

package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.Init;
import dev.chainrule.codegen.loop.Stmt.Loop;
import dev.chainrule.codegen.loop.Stmt.Update;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges twin accumulators: {@code double b = v;} right after {@code double a = v;}, where every
 * later change to either is the same update of both, one after the other ({@code a += w; b += w;},
 * in the same loop body or the same list of statements). The two are then equal wherever either is
 * read, so b is dropped and a read in its place. They arise where one expression sums the same
 * entries twice in different forms: the spring's Hessian reads ‖p − q‖ (a norm, its sum of squares)
 * and sum((p − q).^2), which {@link EqualLocals} cannot merge, since it merges values, not
 * sequences of updates.
 */
final class TwinAccumulators {
    private TwinAccumulators() {}

    static List<Stmt> merge(List<Stmt> body) {
        List<Stmt> current = body;
        for (List<Stmt> merged = once(current); merged != null; merged = once(current)) {
            current = merged;
        }
        return new Mapper() {
            @Override public Stmt stmt(Stmt s) {
                return s instanceof Loop loop ? new Loop(loop.index(), loop.from(), loop.extent(), merge(loop.body()))
                        : s.map(this);
            }
        }.body(current);
    }

    /** The body with one pair of twins in it merged, or null if it has none. */
    private static List<Stmt> once(List<Stmt> body) {
        for (int i = 0; i + 1 < body.size(); i++) {
            if (body.get(i) instanceof Init a && body.get(i + 1) instanceof Init b && a.value().equals(b.value())
                    && !Effects.of(a.value()).localsRead.contains(a.name())
                    && twinned(body.subList(i + 2, body.size()), a.name(), b.name())) {
                List<Stmt> out = new ArrayList<>(body.subList(0, i + 1));
                out.addAll(withoutTwin(body.subList(i + 2, body.size()), b.name(), a.name()));
                return out;
            }
        }
        return null;
    }

    /**
     * Whether every change to {@code a} or {@code b} in the statements is the pair
     * {@code a op= w; b op= w;} with w reading neither, at this level or in the bodies of loops.
     */
    private static boolean twinned(List<Stmt> body, Name a, Name b) {
        for (int i = 0; i < body.size(); i++) {
            Stmt s = body.get(i);
            Effects effects = Effects.of(s);
            if (!effects.localsWritten.contains(a) && !effects.localsWritten.contains(b)) {
                continue;
            }
            if (s instanceof Update first && first.name().equals(a) && i + 1 < body.size()
                    && body.get(i + 1) instanceof Update second && second.name().equals(b)
                    && second.op() == first.op() && second.value().equals(first.value())) {
                Effects reads = Effects.of(first.value());
                if (reads.localsRead.contains(a) || reads.localsRead.contains(b)) {
                    return false;
                }
                i++;
                continue;
            }
            if (!(s instanceof Loop loop) || !twinned(loop.body(), a, b)) {
                return false;
            }
        }
        return true;
    }

    /** The statements with b's updates dropped and b read as a. */
    private static List<Stmt> withoutTwin(List<Stmt> body, Name b, Name a) {
        return new Mapper() {
            @Override public List<Stmt> statements(Stmt s) {
                return s instanceof Update update && update.name().equals(b) ? List.of() : List.of(stmt(s));
            }

            @Override public Name local(Name name) {
                return name.equals(b) ? a : name;
            }
        }.body(body);
    }
}

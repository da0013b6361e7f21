package dev.chainrule.codegen.loop;

import dev.chainrule.shape.Dim;
import java.util.List;

/**
 * A generous estimate of the bytecode a statement compiles to, used to keep generated methods
 * under HotSpot's 8,000-byte JIT limit. It overestimates on purpose: a test measures the real
 * class files.
 */
public final class SizeEstimate {
    private SizeEstimate() {}

    /** @param unrollLimit loops over a fixed extent up to this count are counted once per iteration */
    public static int of(List<Stmt> body, int unrollLimit) {
        int total = 0;
        for (Stmt s : body) {
            total += of(s, unrollLimit);
        }
        return total;
    }

    public static int of(Stmt s, int unrollLimit) {
        if (s instanceof Stmt.Loop loop) {
            int inner = of(loop.body(), unrollLimit);
            boolean unrolled = loop.extent() instanceof Dim.Fixed f && (f.size() <= unrollLimit || f.size() == 1);
            return unrolled ? inner * ((Dim.Fixed) loop.extent()).size() : inner + 16;
        }
        if (s instanceof Stmt.UnlessZero guard) {
            return of(guard.body(), unrollLimit) + 8;
        }
        if (s instanceof Stmt.Let l) {
            return 4 + of(l.value());
        }
        if (s instanceof Stmt.Init i) {
            return 4 + of(i.value());
        }
        if (s instanceof Stmt.Update u) {
            return 6 + of(u.value());
        }
        if (s instanceof Stmt.Store st) {
            return 14 + of(st.value());
        }
        if (s instanceof Stmt.Accumulate a) {
            return 18 + of(a.value());
        }
        if (s instanceof Stmt.Return r) {
            return 2 + of(r.value());
        }
        return 24;
    }

    private static int of(Val v) {
        if (v instanceof Val.Load) {
            return 12;
        }
        if (v instanceof Val.Negate n) {
            return 1 + of(n.operand());
        }
        if (v instanceof Val.Binary b) {
            return 1 + of(b.left()) + of(b.right());
        }
        if (v instanceof Val.Call c) {
            return 4 + of(c.argument());
        }
        if (v instanceof Val.Max m) {
            return 4 + of(m.left()) + of(m.right());
        }
        if (v instanceof Val.Power p) {
            return 4 + of(p.base()) + of(p.exponent());
        }
        if (v instanceof Val.LogSumExpOf l) {
            return 4 + of(l.max()) + of(l.shiftedSum());
        }
        if (v instanceof Val.OnDiagonal d) {
            return 12 + of(d.value());
        }
        return 4;
    }
}

package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.*;
import dev.chainrule.shape.Dim;
import java.util.List;

/**
 * A generous estimate of the bytecode a statement compiles to, used to keep generated methods
 * under HotSpot's 8,000-byte JIT limit. It overestimates on purpose: a test measures the real
 * class files.
 */
final class SizeEstimate implements Stmt.Visitor<Integer>, Val.Visitor<Integer> {
    private final int unrollLimit;

    private SizeEstimate(int unrollLimit) {
        this.unrollLimit = unrollLimit;
    }

    /** @param unrollLimit loops over a fixed extent up to this count are counted once per iteration */
    static int of(List<Stmt> body, int unrollLimit) {
        return new SizeEstimate(unrollLimit).body(body);
    }

    static int of(Stmt s, int unrollLimit) {
        return s.accept(new SizeEstimate(unrollLimit));
    }

    private int body(List<Stmt> body) {
        int total = 0;
        for (Stmt s : body) {
            total += s.accept(this);
        }
        return total;
    }

    private int of(Val v) {
        return v.accept(this);
    }

    @Override public Integer visitLoop(Loop loop) {
        int inner = body(loop.body());
        boolean unrolled = Unrolling.unrolls(loop, unrollLimit);
        return unrolled ? inner * (((Dim.Fixed) loop.extent()).size() - ((Index.At) loop.from()).position())
                : inner + 16;
    }

    @Override public Integer visitBlocked(Blocked blocked) {
        return body(blocked.body()) + body(blocked.remainder()) + 40;
    }

    @Override public Integer visitUnlessZero(UnlessZero s) { return body(s.body()) + 8; }
    @Override public Integer visitUnlessAnyZero(UnlessAnyZero s) {
        return body(s.body()) + body(s.otherwise()) + 8 * s.conditions().size();
    }
    @Override public Integer visitIfOutside(IfOutside s) { return body(s.body()) + 20; }
    @Override public Integer visitLet(Let s) { return 4 + of(s.value()); }
    @Override public Integer visitInit(Init s) { return 4 + of(s.value()); }
    @Override public Integer visitAssign(Assign s) { return 4 + of(s.value()); }
    @Override public Integer visitUpdate(Update s) { return 6 + of(s.value()); }
    @Override public Integer visitStore(Store s) { return 14 + of(s.value()); }
    @Override public Integer visitAccumulate(Accumulate s) { return 18 + of(s.value()); }
    @Override public Integer visitReturn(Return s) { return 2 + of(s.value()); }
    @Override public Integer visitFactor(Factor s) { return 24; }
    @Override public Integer visitInvert(Invert s) { return 24; }
    @Override public Integer visitComment(Comment s) { return 0; }
    /** A part is a call in its method's body. */
    @Override public Integer visitPart(Part s) { return 24; }

    @Override public Integer visitNum(Val.Num v) { return 4; }
    @Override public Integer visitLocal(Val.Local v) { return 4; }
    @Override public Integer visitLoad(Val.Load v) { return 12; }
    @Override public Integer visitSize(Val.Size v) { return 4; }
    @Override public Integer visitNegate(Val.Negate v) { return 1 + of(v.operand()); }
    @Override public Integer visitBinary(Val.Binary v) { return 1 + of(v.left()) + of(v.right()); }
    @Override public Integer visitCall(Val.Call v) { return 4 + of(v.argument()); }
    @Override public Integer visitMax(Val.Max v) { return 4 + of(v.left()) + of(v.right()); }
    @Override public Integer visitPower(Val.Power v) { return 4 + of(v.base()) + of(v.exponent()); }
    @Override public Integer visitLogSumExpOf(Val.LogSumExpOf v) { return 4 + of(v.max()) + of(v.shiftedSum()); }
    @Override public Integer visitFromExp(Val.FromExp v) { return 4 + of(v.argument()) + of(v.exp()); }
    @Override public Integer visitOnDiagonal(Val.OnDiagonal v) { return 12 + of(v.value()); }
}

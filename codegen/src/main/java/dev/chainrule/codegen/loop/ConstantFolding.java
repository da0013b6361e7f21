package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.*;
import dev.chainrule.codegen.loop.Val.Binary;
import dev.chainrule.codegen.loop.Val.Num;
import dev.chainrule.codegen.loop.Val.Op;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Constant folding, mostly for unrolled code, where the identity's entries and fixed positions
 * have become numbers: no {@code x * 0.0}, {@code x * 1.0} or {@code += 0.0}, no test of a
 * constant against zero, and a local set to a constant is that constant where it is read.
 * (Dropping {@code x * 0.0} drops a NaN where x is infinite, as skipping a zero row does.)
 */
final class ConstantFolding {
    private ConstantFolding() {}

    static List<Stmt> fold(List<Stmt> body) {
        List<Stmt> current = body;
        while (true) {
            Folder folder = new Folder();
            List<Stmt> folded = folder.body(current);
            if (folded.equals(current)) {
                return folded;
            }
            current = folded;
        }
    }

    /** One round: folds values and statements, and reads constant locals as their constants. */
    private static final class Folder implements Mapper {
        private final Map<Name, Num> constants = new HashMap<>();

        @Override public Val val(Val v) {
            Val mapped = v.map(this);
            if (mapped instanceof Val.Local l && constants.containsKey(l.name())) {
                return constants.get(l.name());
            }
            return mapped.accept(VALUES);
        }

        @Override public List<Stmt> statements(Stmt s) {
            Stmt mapped = s.map(this);
            if (mapped instanceof Let let && let.value() instanceof Num n) {
                constants.put(let.name(), n);
                return List.of();
            }
            if (mapped instanceof Accumulate a && isZero(a.value())
                    || mapped instanceof Update u && (u.op() == Op.ADD && isZero(u.value())
                    || u.op() == Op.MULTIPLY && isOne(u.value()))) {
                return List.of();
            }
            if (mapped instanceof UnlessZero guard && guard.condition() instanceof Num n) {
                return n.value() != 0 ? guard.body() : List.of();
            }
            if (mapped instanceof Loop loop && loop.body().isEmpty()
                    || mapped instanceof UnlessZero guard && guard.body().isEmpty()) {
                return List.of();
            }
            return List.of(mapped);
        }
    }

    private static boolean isZero(Val v) {
        return v instanceof Num n && n.value() == 0;
    }

    private static boolean isOne(Val v) {
        return v instanceof Num n && n.value() == 1;
    }

    /** A value whose operands are folded, folded itself. */
    private static final Val.Visitor<Val> VALUES = new Val.Visitor<>() {
        @Override public Val visitNum(Num v) { return v; }
        @Override public Val visitLocal(Val.Local v) { return v; }
        @Override public Val visitLoad(Val.Load v) { return v; }
        @Override public Val visitSize(Val.Size v) { return v; }
        @Override public Val visitCall(Val.Call v) { return v; }
        @Override public Val visitLogSumExpOf(Val.LogSumExpOf v) { return v; }
        @Override public Val visitFromExp(Val.FromExp v) { return v; }

        @Override public Val visitNegate(Val.Negate v) {
            if (v.operand() instanceof Num n) {
                return new Num(-n.value());
            }
            return v.operand() instanceof Val.Negate inner ? inner.operand() : v;
        }

        @Override public Val visitBinary(Binary v) {
            Val l = v.left();
            Val r = v.right();
            if (l instanceof Num a && r instanceof Num b) {
                return new Num(switch (v.op()) {
                    case ADD -> a.value() + b.value();
                    case SUBTRACT -> a.value() - b.value();
                    case MULTIPLY -> a.value() * b.value();
                    case DIVIDE -> a.value() / b.value();
                    case MAX -> Math.max(a.value(), b.value());
                });
            }
            if ((v.op() == Op.MULTIPLY || v.op() == Op.DIVIDE) && (l instanceof Val.Negate || r instanceof Val.Negate)) {
                // Signs move out, exactly (rounding is symmetric): a·(−b) = −(a·b) and (−a)(−b) = ab,
                // so a product also computed unsigned is the same expression, which the JIT computes once.
                Binary magnitude = new Binary(v.op(), unsigned(l), unsigned(r));
                return l instanceof Val.Negate == r instanceof Val.Negate ? magnitude.accept(this)
                        : new Val.Negate(magnitude.accept(this)).accept(this);
            }
            return switch (v.op()) {
                case ADD -> isZero(l) ? r : isZero(r) ? l : v;
                case SUBTRACT -> isZero(r) ? l : isZero(l) ? new Val.Negate(r) : v;
                case MULTIPLY -> isZero(l) || isZero(r) ? new Num(0) : isOne(l) ? r : isOne(r) ? l
                        : isMinusOne(l) ? new Val.Negate(r) : isMinusOne(r) ? new Val.Negate(l) : v;
                case DIVIDE -> isOne(r) ? l : v;
                case MAX -> v;
            };
        }

        @Override public Val visitMax(Val.Max v) {
            return v.left() instanceof Num a && v.right() instanceof Num b ? new Num(Math.max(a.value(), b.value())) : v;
        }

        @Override public Val visitPower(Val.Power v) {
            return isOne(v.exponent()) ? v.base() : v;
        }

        @Override public Val visitOnDiagonal(Val.OnDiagonal v) {
            if (v.row() instanceof Index.At r && v.col() instanceof Index.At c) {
                return r.position() == c.position() ? v.value() : new Num(0);
            }
            return v;
        }
    };

    private static Val unsigned(Val v) {
        return v instanceof Val.Negate n ? n.operand() : v;
    }

    private static boolean isMinusOne(Val v) {
        return v instanceof Num n && n.value() == -1;
    }

    /** Folds one value on its own (for tests and other passes). */
    static Val fold(Val v) {
        return new Folder().val(v);
    }
}

package dev.chainrule.codegen.loop;

import java.util.List;

/**
 * Whether statements call a library routine (exp, log, tanh, Math.pow, …; {@link MathFunction#isCall}):
 * a call the JIT cannot see through, after which every value kept in a register has to be
 * restored, so that passes weigh a local held across it against reading memory again.
 */
final class RoutineCalls {
    private RoutineCalls() {}

    static boolean in(List<Stmt> body) {
        boolean[] calls = {false};
        new Mapper() {
            @Override public Val val(Val v) {
                if (v instanceof Val.Call c && c.function().isCall() || v instanceof Val.FromExp f && f.function().isCall()
                        || v instanceof Val.LogSumExpOf
                        || v instanceof Val.Power p && !(p.exponent() instanceof Val.Num n && inline(n.value()))) {
                    calls[0] = true;
                }
                return v.map(this);
            }
        }.body(body);
        return calls[0];
    }

    static boolean in(Stmt s) {
        return in(List.of(s));
    }

    /** The powers written as multiplications, a division or a square root rather than Math.pow ({@link JavaEmitter}). */
    private static boolean inline(double exponent) {
        return exponent == 1 || exponent == 2 || exponent == 3 || exponent == 0.5 || exponent == -1;
    }
}

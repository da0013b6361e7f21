package dev.chainrule.graph;

import java.util.Optional;

/**
 * A whole power k ≥ 3 of a norm, ‖x‖ᵏ (the spring's ‖d‖³): the interpreter and generated code
 * both compute it from the sum of squares the norm is computed from, s^⌊k/2⌋ times ‖x‖ for an odd
 * k, one rounding fewer than the power of a rounded norm. Up to k = 64, past which any norm but
 * 1 overflows or underflows anyway.
 *
 * @param power the power node
 * @param norm its base
 * @param exponent k
 */
public record NormPower(Expr.Power power, Expr.Norm2 norm, int exponent) {
    /** The power of a norm {@code e} is, if it is one. */
    public static Optional<NormPower> of(Expr e) {
        if (e instanceof Expr.Power p && p.base() instanceof Expr.Norm2 norm && p.exponent() instanceof Expr.Constant k
                && k.shape().isScalar() && k.value() >= 3 && k.value() <= 64 && k.value() == Math.rint(k.value())) {
            return Optional.of(new NormPower(p, norm, (int) k.value()));
        }
        return Optional.empty();
    }
}

package dev.chainrule.simplify;

import static dev.chainrule.graph.Expr.*;

import dev.chainrule.graph.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A chain of scalings in canonical order, so that products read as the paper writes them
 * ({@code 2x·cos(x²)}, {@code (2/N)Xᵀ(...)}) and equal products are equal nodes. The scalar factors
 * form a monomial: constants multiply into one, powers of one factor add their exponents (so
 * {@code 2a·a⁻²} is {@code 2/a}, and {@code (1/det X)·det X} is 1), divisors gather under the
 * constant as {@code c/d}; then come the variables by name, every other factor in the order met,
 * and a non-scalar operand last.
 */
final class ScalarFactors {
    private ScalarFactors() {}

    static Expr canonical(Expr node) {
        if (!isLink(node)) {
            return null;
        }
        Monomial m = new Monomial();
        Expr operand = m.collect(node, false);
        Expr rebuilt = m.build(operand);
        return rebuilt == node ? null : rebuilt;
    }

    /** A node whose factors {@link #canonical} gathers, and through which it gathers further. */
    static boolean isLink(Expr node) {
        return node instanceof Scale || (node instanceof Divide && node.shape().isScalar());
    }

    private static final class Monomial {
        double constant = 1;
        final Map<String, Double> exponents = new TreeMap<>();
        final Map<String, Variable> variables = new TreeMap<>();
        /** Every other factor, by identity, in the order met, with the sum of its exponents. */
        final Map<Expr, Double> others = new java.util.LinkedHashMap<>();

        /** Gathers the scalar factors of e (as divisors if inverted); returns a non-scalar operand or null. */
        Expr collect(Expr e, boolean inverted) {
            if (e instanceof Scale s) {
                collect(s.factor(), inverted);
                return collect(s.operand(), inverted);
            }
            if (!e.shape().isScalar()) {
                return e;
            }
            if (e instanceof Divide d) {
                collect(d.left(), inverted);
                collect(d.right(), !inverted);
            } else if (e instanceof Constant c && c.value() != 0) {
                constant = inverted ? constant / c.value() : constant * c.value();
            } else if (e instanceof Variable v) {
                addPower(v, inverted ? -1 : 1);
            } else if (e instanceof Power p && p.base() instanceof Variable v && p.exponent() instanceof Constant c) {
                addPower(v, inverted ? -c.value() : c.value());
            } else if (e instanceof Power p && p.exponent() instanceof Constant c && !(p.base() instanceof Constant)) {
                others.merge(p.base(), inverted ? -c.value() : c.value(), Double::sum);
            } else {
                others.merge(e, inverted ? -1.0 : 1.0, Double::sum);
            }
            return null;
        }

        private void addPower(Variable v, double exponent) {
            exponents.merge(v.name(), exponent, Double::sum);
            variables.put(v.name(), v);
        }

        Expr build(Expr operand) {
            List<Expr> numerator = new ArrayList<>();
            List<Expr> denominator = new ArrayList<>();
            exponents.forEach((name, e) -> place(variables.get(name), e, numerator, denominator));
            boolean monomialOnly = true;
            for (Map.Entry<Expr, Double> other : others.entrySet()) {
                if (other.getValue() > 0) {
                    monomialOnly = false;
                }
                place(other.getKey(), other.getValue(), numerator, denominator);
            }
            if (operand == null && monomialOnly && !denominator.isEmpty()) {
                // A quotient of monomials reads best as one: a/b², 2/a.
                Expr top = numerator.isEmpty() ? scalar(constant)
                        : constant == 1 ? chain(numerator) : scale(scalar(constant), chain(numerator));
                return divide(top, chain(denominator));
            }
            Expr lead = denominator.isEmpty() ? (constant == 1 ? null : scalar(constant))
                    : divide(scalar(constant), chain(denominator));
            if (operand == null && numerator.isEmpty()) {
                return lead == null ? scalar(1) : lead;
            }
            Expr product = operand;
            for (int i = numerator.size() - 1; i >= 0; i--) {
                product = product == null ? numerator.get(i) : scale(numerator.get(i), product);
            }
            return lead == null ? product : scale(lead, product);
        }

        /** A factor to its power, in the numerator or (a negative power) the denominator; a power 0 cancels. */
        private static void place(Expr factor, double e, List<Expr> numerator, List<Expr> denominator) {
            if (e > 0) {
                numerator.add(e == 1 ? factor : power(factor, scalar(e)));
            } else if (e < 0) {
                denominator.add(e == -1 ? factor : power(factor, scalar(-e)));
            }
        }

        private static Expr chain(List<Expr> factors) {
            Expr product = factors.get(factors.size() - 1);
            for (int i = factors.size() - 2; i >= 0; i--) {
                product = scale(factors.get(i), product);
            }
            return product;
        }
    }
}

package dev.chainrule.simplify;

import static dev.chainrule.graph.Expr.*;

import dev.chainrule.graph.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scalar fractions over powers of one base, added: over one power {@code n/bᵏ + u/bᵏ = (n + u)/bᵏ};
 * over different powers {@code n/bᵐ + u/bᵏ = (n·bᵏ⁻ᵐ + u)/bᵏ} for whole exponents k > m ≥ 1 where
 * like terms of the numerator then meet. So the spring's Hessian coefficient
 * {@code 1/sum(d.^2) + (1/‖d‖³)(r − ‖d‖)} is {@code (‖d‖ + r − ‖d‖)/‖d‖³ = r/‖d‖³}: a division fewer,
 * and no cancellation between ‖d‖ and ‖d‖. A sum of squares {@code sum(x.^2)} counts as the power
 * {@code ‖x‖²} (the squared-norm rule writes {@code ‖x‖²} so), and a product of powers of the base
 * as one power, so that they meet {@code ‖x‖³}; a fraction over the base inside a numerator joins
 * the others ({@code (c/b − 1)/b³ = c/b⁴ − 1/b³}). Only whole exponents combine (for others
 * {@code bᵏ⁻ᵐ} may not be defined where both fractions are), and only where the sum comes out shorter.
 */
final class Fractions {
    private Fractions() {}

    /** How far into a term's scalings and negations a fraction is looked for. */
    private static final int DEPTH = 8;
    /** The largest exponent read as a power: larger ones are no textbook's, and stay as they are. */
    private static final double LARGEST_EXPONENT = 64;

    /**
     * A term of a sum as {@code numerator / base^exponent}; {@code denominator} is the term's own
     * divisor, which the sum reuses when the term's power is the highest.
     */
    private record Fraction(Expr numerator, Expr base, int exponent, Expr denominator) {
        Fraction negated() {
            return new Fraction(negate(numerator), base, exponent, denominator);
        }

        Fraction times(Expr factor, boolean onTheLeft) {
            return new Fraction(onTheLeft ? scalarProduct(factor, numerator) : scalarProduct(numerator, factor),
                    base, exponent, denominator);
        }
    }

    /** The sum with its fractions over powers of one base added, or null where none combine to something shorter. */
    static Expr commonDenominator(Expr node) {
        if (!(node instanceof Add) || !node.shape().isScalar()) {
            return null;
        }
        List<Expr> terms = SumFactors.addends(node);
        List<Fraction> fractions = new ArrayList<>();
        Map<Expr, List<Integer>> byBase = new LinkedHashMap<>();
        boolean combines = false;
        for (int i = 0; i < terms.size(); i++) {
            Fraction f = fraction(terms.get(i), DEPTH);
            fractions.add(f);
            if (f != null) {
                List<Integer> same = byBase.computeIfAbsent(f.base(), b -> new ArrayList<>());
                same.add(i);
                combines |= same.size() > 1;
            }
        }
        if (!combines) {
            return null;
        }
        // Each group of two or more goes where its first term was; the other terms stay as they are.
        Map<Integer, Expr> combined = new LinkedHashMap<>();
        List<Boolean> absorbed = new ArrayList<>(java.util.Collections.nCopies(terms.size(), false));
        for (List<Integer> group : byBase.values()) {
            if (group.size() < 2) {
                continue;
            }
            List<Fraction> members = new ArrayList<>();
            for (int i : group) {
                members.add(fractions.get(i));
            }
            Expr fraction = overHighestPower(members);
            if (fraction != null) {
                combined.put(group.get(0), fraction);
                group.forEach(i -> absorbed.set(i, true));
            }
        }
        if (combined.isEmpty()) {
            return null;
        }
        Expr sum = null;
        for (int i = 0; i < terms.size(); i++) {
            Expr term = combined.containsKey(i) ? combined.get(i) : absorbed.get(i) ? null : terms.get(i);
            if (term != null && !(term instanceof Constant c && c.value() == 0)) {
                sum = sum == null ? term : add(sum, term);
            }
        }
        if (sum == null) {
            sum = zero(node.shape());
        }
        return ReaderCost.length(sum) < ReaderCost.length(node) ? sum : null;
    }

    /**
     * {@code Σ nᵢ/bᵐⁱ = (Σ nᵢ·bᴹ⁻ᵐⁱ)/bᴹ} for the highest exponent M, like terms of the numerator
     * collected; null where the exponents differ and no like terms meet in the numerator. Such a
     * sum would trade fractions a reader can cancel ({@code 2b/b⁴ = 2/b³}) for one numerator with
     * a factor b in every term, which no rule takes out again: {@code 1/b² − 2b(a + b)/b⁴} is
     * better left as {@code 1/b² − (2/b³)(a + b)} than written {@code (b² − 2b(a + b))/b⁴}.
     */
    private static Expr overHighestPower(List<Fraction> terms) {
        List<Fraction> members = new ArrayList<>();
        for (Fraction f : terms) {
            members.addAll(nestedFractionsApart(f));
        }
        Fraction highest = members.get(0);
        for (Fraction f : members) {
            if (f.exponent() > highest.exponent()) {
                highest = f;
            }
        }
        Expr numerator = null;
        for (Fraction f : members) {
            int missing = highest.exponent() - f.exponent();
            Expr part = missing == 0 ? f.numerator()
                    : scalarProduct(f.numerator(), missing == 1 ? f.base() : power(f.base(), scalar(missing)));
            numerator = numerator == null ? part : add(numerator, part);
        }
        Expr collected = ComputedRules.collectLikeTerms(numerator);
        boolean likeTermsMet = collected != null && SumFactors.addends(collected).size() < SumFactors.addends(numerator).size();
        int most = highest.exponent();
        if (!likeTermsMet && members.stream().anyMatch(f -> f.exponent() != most)) {
            return null;
        }
        if (collected != null) {
            numerator = collected;
        }
        if (numerator instanceof Constant c && c.value() == 0) {
            return numerator;
        }
        return divide(numerator, shortestDenominator(members, highest));
    }

    /**
     * A fraction whose numerator is a sum holding fractions over the same base, as one fraction
     * per term of the numerator: {@code (c/b − 1)/b³ = c/b⁴ − 1/b³}, so that the nested fractions
     * join the others; any other fraction as it is.
     */
    private static List<Fraction> nestedFractionsApart(Fraction f) {
        List<Expr> numerators = f.numerator() instanceof Add ? SumFactors.addends(f.numerator()) : List.of(f.numerator());
        List<Fraction> parts = new ArrayList<>();
        boolean nested = false;
        for (Expr n : numerators) {
            Fraction inner = fraction(n, DEPTH);
            int exponent = inner == null ? 0 : f.exponent() + inner.exponent();
            if (inner != null && inner.base().equals(f.base()) && exponent <= LARGEST_EXPONENT) {
                parts.add(new Fraction(inner.numerator(), f.base(), exponent, power(f.base(), scalar(exponent))));
                nested = true;
            } else {
                parts.add(new Fraction(n, f.base(), f.exponent(), f.denominator()));
            }
        }
        return nested ? parts : List.of(f);
    }

    /**
     * The shortest way to write the highest power: a divisor of the sum's with that exponent, or
     * {@code bᴹ} itself where that is shorter ({@code ‖x‖³} rather than {@code sum(x.^2)·‖x‖}).
     */
    private static Expr shortestDenominator(List<Fraction> members, Fraction highest) {
        Expr shortest = highest.denominator();
        for (Fraction f : members) {
            if (f.exponent() == highest.exponent() && ReaderCost.length(f.denominator()) < ReaderCost.length(shortest)) {
                shortest = f.denominator();
            }
        }
        int m = highest.exponent();
        Expr power = m == 1 ? highest.base() : power(highest.base(), scalar(m));
        return ReaderCost.length(power) < ReaderCost.length(shortest) ? power : shortest;
    }

    /** A scalar term as a fraction: {@code n/bᵐ}, {@code −(n/bᵐ)}, {@code (n/bᵐ)·u} or {@code u·(n/bᵐ)}; else null. */
    private static Fraction fraction(Expr term, int depth) {
        if (depth == 0 || !term.shape().isScalar()) {
            return null;
        }
        if (term instanceof Divide d) {
            PowerOf divisor = powerOf(d.right(), DEPTH);
            return new Fraction(d.left(), divisor.base(), divisor.exponent(), d.right());
        }
        if (term instanceof Negate n) {
            Fraction f = fraction(n.operand(), depth - 1);
            return f == null ? null : f.negated();
        }
        if (term instanceof Scale s) {
            Fraction f = fraction(s.factor(), depth - 1);
            if (f != null) {
                return f.times(s.operand(), false);
            }
            f = fraction(s.operand(), depth - 1);
            return f == null ? null : f.times(s.factor(), true);
        }
        return null;
    }

    /** A divisor as a whole power of a base: {@code base^exponent}. */
    private record PowerOf(Expr base, int exponent) {}

    /**
     * The divisor as a power: {@code bᵐ} for a whole m, {@code sum(x.^2)} as {@code ‖x‖²}, a product
     * of powers of one base as one power ({@code sum(x.^2)·‖x‖ = ‖x‖³}); anything else is its own first power.
     */
    private static PowerOf powerOf(Expr divisor, int depth) {
        if (divisor instanceof Power p && wholeExponent(p.exponent()) > 0) {
            return new PowerOf(p.base(), wholeExponent(p.exponent()));
        }
        if (divisor instanceof Sum s && s.operand() instanceof Power p && wholeExponent(p.exponent()) == 2) {
            return new PowerOf(norm2(p.base()), 2);
        }
        if (divisor instanceof Scale s && divisor.shape().isScalar() && depth > 0) {
            PowerOf left = powerOf(s.factor(), depth - 1);
            PowerOf right = powerOf(s.operand(), depth - 1);
            int exponent = left.exponent() + right.exponent();
            if (left.base().equals(right.base()) && exponent <= LARGEST_EXPONENT) {
                return new PowerOf(left.base(), exponent);
            }
        }
        return new PowerOf(divisor, 1);
    }

    /** The exponent if it is a whole number from 1 to {@link #LARGEST_EXPONENT}, else 0. */
    private static int wholeExponent(Expr exponent) {
        if (exponent instanceof Constant c && c.value() >= 1 && c.value() <= LARGEST_EXPONENT
                && c.value() == Math.rint(c.value())) {
            return (int) c.value();
        }
        return 0;
    }

    /** {@code a·b} of scalars, without a factor 1. */
    private static Expr scalarProduct(Expr a, Expr b) {
        if (a instanceof Constant c && c.value() == 1) {
            return b;
        }
        if (b instanceof Constant c && c.value() == 1) {
            return a;
        }
        return scale(a, b);
    }
}

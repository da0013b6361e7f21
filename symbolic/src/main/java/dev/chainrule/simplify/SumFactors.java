package dev.chainrule.simplify;

import static dev.chainrule.graph.Expr.*;

import dev.chainrule.graph.Expr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search's rewrites of whole sums by their scalar factors: terms that differ only in a scalar
 * factor gather ({@code x + cx → (1 + c)x}), and a scalar factor of every term comes out
 * ({@code 0.5Ax + 0.5Aᵀx → 0.5(Ax + Aᵀx)}). As patterns ({@code a*x + b*x}) they would match every
 * split of every chain of factors and grow the graph without end; as rewrites of a sum's
 * representative they add one form per sum.
 */
final class SumFactors {
    private SumFactors() {}

    /** A term of a sum: its sign, its scalar factors in order, and what they scale. */
    private record Term(boolean negative, List<Expr> scalars, Expr base) {
        static Term of(Expr e) {
            boolean negative = false;
            List<Expr> scalars = new ArrayList<>();
            while (true) {
                if (e instanceof Negate n) {
                    negative = !negative;
                    e = n.operand();
                } else if (e instanceof Scale s && !(s.operand() instanceof Constant)) {
                    scalars.add(s.factor());
                    e = s.operand();
                } else {
                    return new Term(negative, scalars, e);
                }
            }
        }

        /** The coefficient, the product of the scalar factors with the sign; null for 1. */
        Expr coefficient() {
            Expr c = product(scalars);
            if (!negative) {
                return c;
            }
            return c == null ? scalar(-1) : negate(c);
        }

        Expr rebuild() {
            Expr e = base;
            for (int i = scalars.size() - 1; i >= 0; i--) {
                e = scale(scalars.get(i), e);
            }
            return negative ? negate(e) : e;
        }
    }

    private static List<Term> terms(Expr sum) {
        List<Term> terms = new ArrayList<>();
        for (Expr addend : addends(sum)) {
            terms.add(Term.of(addend));
        }
        return terms;
    }

    /** The operands of a chain of additions, in order, however it is bracketed (a sum's terms). */
    static List<Expr> addends(Expr sum) {
        List<Expr> addends = new ArrayList<>();
        Deque<Expr> pending = new ArrayDeque<>();
        pending.push(sum);
        while (!pending.isEmpty()) {
            Expr e = pending.pop();
            if (e instanceof Add a) {
                pending.push(a.right());
                pending.push(a.left());
            } else {
                addends.add(e);
            }
        }
        return addends;
    }

    private static Expr product(List<Expr> factors) {
        Expr p = null;
        for (int i = factors.size() - 1; i >= 0; i--) {
            p = p == null ? factors.get(i) : scale(factors.get(i), p);
        }
        return p;
    }

    private static Expr sum(List<Expr> terms) {
        Expr s = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            s = add(s, terms.get(i));
        }
        return s;
    }

    /** {@code ax + bx → (a + b)x}: terms over one base gathered, where one has a factor that is not a constant. */
    static Expr likeTerms(Expr node) {
        if (!(node instanceof Add)) {
            return null;
        }
        Map<Expr, List<Term>> byBase = new LinkedHashMap<>();
        boolean gathers = false;
        for (Term t : terms(node)) {
            List<Term> group = byBase.computeIfAbsent(t.base, b -> new ArrayList<>());
            group.add(t);
            gathers |= group.size() > 1;
        }
        if (!gathers) {
            return null;
        }
        List<Expr> rebuilt = new ArrayList<>();
        for (Map.Entry<Expr, List<Term>> group : byBase.entrySet()) {
            List<Term> like = group.getValue();
            if (like.size() == 1) {
                rebuilt.add(like.get(0).rebuild());
                continue;
            }
            List<Expr> coefficients = new ArrayList<>();
            for (Term t : like) {
                Expr c = t.coefficient();
                coefficients.add(c == null ? scalar(1) : c);
            }
            rebuilt.add(scale(sum(coefficients), group.getKey()));
        }
        Expr result = sum(rebuilt);
        return result == node ? null : result;
    }

    /**
     * {@code ax + ay → a(x + y)}: the scalar factors common to every term of a sum, taken out; and
     * a constant every term has up to its sign ({@code 2Ax − 2y → 2(Ax − y)}).
     */
    static Expr commonFactor(Expr node) {
        if (!(node instanceof Add)) {
            return null;
        }
        List<Term> terms = terms(node);
        List<Expr> common = new ArrayList<>(terms.get(0).scalars);
        for (Term t : terms.subList(1, terms.size())) {
            List<Expr> remaining = new ArrayList<>(t.scalars);
            common.removeIf(f -> !remaining.remove(f));
        }
        double constant = commonConstant(terms);
        if (common.isEmpty() && constant == 1) {
            return null;
        }
        List<Expr> rest = new ArrayList<>();
        for (Term t : terms) {
            List<Expr> scalars = new ArrayList<>(t.scalars);
            for (Expr f : common) {
                scalars.remove(f);
            }
            boolean negative = t.negative;
            if (constant != 1) {
                if (scalars.isEmpty() || !(scalars.get(0) instanceof Constant)) {
                    // The constant was among the factors common to every term (a 1 × 1 sum can
                    // make a term's constant and its scale one node): nothing more to take out.
                    return null;
                }
                double c = ((Constant) scalars.remove(0)).value();
                negative ^= c < 0;
            }
            rest.add(new Term(negative, scalars, t.base).rebuild());
        }
        Expr factors = product(common);
        if (constant != 1) {
            factors = factors == null ? scalar(constant) : scale(scalar(constant), factors);
        }
        return scale(factors, sum(rest));
    }

    /**
     * The magnitude every term's leading constant factor has, if all have one, it is not 1, and
     * it is not among the common factors already (the same constant with the same sign); else 1.
     */
    private static double commonConstant(List<Term> terms) {
        double magnitude = 0;
        for (Term t : terms) {
            if (t.scalars.isEmpty() || !(t.scalars.get(0) instanceof Constant c) || c.value() == 0) {
                return 1;
            }
            double m = Math.abs(c.value());
            if (magnitude != 0 && m != magnitude) {
                return 1;
            }
            magnitude = m;
        }
        // A constant common to every term with its sign is among the common factors already.
        Expr first = terms.get(0).scalars.get(0);
        boolean sameSign = terms.stream().allMatch(t -> t.scalars.get(0) == first);
        return sameSign || magnitude == 1 ? 1 : magnitude;
    }
}

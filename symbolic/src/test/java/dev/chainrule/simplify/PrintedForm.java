package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The printed form of an expression up to what a reader does not count as a difference, as a key
 * to compare: the order of the terms of a sum, of the factors of an element-wise product and of
 * scalar factors; the association of a product; where a sign or a scalar factor stands in a
 * product ({@code −2Ax}, {@code A(−2x)}); a division by a scalar as a factor of its reciprocal
 * ({@code x/‖x‖}, {@code (1/‖x‖)x}); and {@code (X⁻¹)ᵀ} against {@code (Xᵀ)⁻¹}, both printed X⁻ᵀ.
 * Nothing else: {@code 2(x + y)} and {@code 2x + 2y} differ, as do {@code (AB)ᵀ} and {@code BᵀAᵀ}.
 *
 * <p>Independent of the simplifier (it applies none of its rules), so that comparing a result
 * with a textbook's form tests the simplifier rather than agreeing with it.
 */
final class PrintedForm {
    private PrintedForm() {}

    static String of(Expr root) {
        Map<Expr, String> keys = new IdentityHashMap<>();
        for (Expr node : Traversal.postOrder(root)) {
            keys.put(node, key(node, keys));
        }
        return keys.get(root);
    }

    private static String key(Expr e, Map<Expr, String> keys) {
        if (scalesAnElementwiseProduct(e)) {
            double[] coefficient = {1};
            Map<String, Double> scalars = new TreeMap<>();
            List<String> factors = new ArrayList<>();
            hadamardFactors(e, keys, coefficient, scalars, factors);
            factors.sort(null);
            return "hadamard(" + number(coefficient[0]) + "," + scalars + "," + factors + ")";
        }
        if (e instanceof Expr.Add || e instanceof Expr.Negate && !isProductLike(((Expr.Negate) e).operand())) {
            Map<String, Integer> terms = new TreeMap<>();
            addTerms(e, 1, keys, terms);
            if (terms.size() == 1 && terms.values().iterator().next() == 1) {
                return terms.keySet().iterator().next();   // −x: one term
            }
            return "sum" + terms;
        }
        if (isProductLike(e)) {
            return product(e, keys);
        }
        if (e instanceof Expr.Transpose t && t.operand() instanceof Expr.Inverse i) {
            return "inverse-transpose(" + keys.get(i.operand()) + ")";
        }
        if (e instanceof Expr.Inverse i && i.operand() instanceof Expr.Transpose t) {
            return "inverse-transpose(" + keys.get(t.operand()) + ")";
        }
        if (e instanceof Expr.Constant c) {
            return "const(" + number(c.value()) + "," + c.shape() + ")";
        }
        if (e.children().isEmpty()) {
            return e.toString();
        }
        StringBuilder key = new StringBuilder(e.getClass().getSimpleName());
        if (e instanceof Expr.Apply a) {
            key.append('.').append(a.fn());
        }
        key.append('(');
        for (Expr child : e.children()) {
            key.append(keys.get(child)).append(';');
        }
        return key.append(')').toString();
    }

    private static void addTerms(Expr e, int sign, Map<Expr, String> keys, Map<String, Integer> terms) {
        if (e instanceof Expr.Add a) {
            addTerms(a.left(), sign, keys, terms);
            addTerms(a.right(), sign, keys, terms);
        } else if (e instanceof Expr.Negate n) {
            addTerms(n.operand(), -sign, keys, terms);
        } else {
            String key = isProductLike(e) ? product(e, keys, sign) : (sign < 0 ? "-" : "") + keys.get(e);
            terms.merge(key, 1, Integer::sum);
        }
    }

    /** An element-wise product, or a scaling or negation of one: {@code −(y ⊙ x)} is {@code (−y) ⊙ x}. */
    private static boolean scalesAnElementwiseProduct(Expr e) {
        while (e instanceof Expr.Negate || e instanceof Expr.Scale s && !(s.operand() instanceof Expr.Constant)) {
            e = e.children().get(e.children().size() - 1);
        }
        return e instanceof Expr.Hadamard;
    }

    /** Products, scalings, negations of them, and quotients by a scalar: one chain of factors. */
    private static boolean isProductLike(Expr e) {
        return e instanceof Expr.Product || e instanceof Expr.Scale
                || e instanceof Expr.Divide d && (d.shape().isScalar() || isSpreadScalar(d.right()))
                || e instanceof Expr.Power p && p.shape().isScalar() && p.exponent() instanceof Expr.Constant
                || e instanceof Expr.Negate n && isProductLike(n.operand());
    }

    private static boolean isSpreadScalar(Expr e) {
        return e instanceof Expr.Scale s && s.operand() instanceof Expr.Constant c && c.value() == 1;
    }

    private static String product(Expr e, Map<Expr, String> keys) {
        return product(e, keys, 1);
    }

    private static String product(Expr e, Map<Expr, String> keys, int sign) {
        double[] coefficient = {sign};
        Map<String, Double> scalars = new TreeMap<>();
        List<String> factors = new ArrayList<>();
        collect(e, 1, keys, coefficient, scalars, factors);
        scalars.values().removeIf(p -> p == 0);
        if (factors.isEmpty() && scalars.size() == 1 && coefficient[0] == 1 && scalars.values().iterator().next() == 1) {
            return scalars.keySet().iterator().next();
        }
        if (scalars.isEmpty() && factors.size() == 1 && Math.abs(coefficient[0]) == 1) {
            return (coefficient[0] < 0 ? "-" : "") + factors.get(0);
        }
        return "product(" + number(coefficient[0]) + "," + scalars + "," + factors + ")";
    }

    private static void collect(Expr e, double power, Map<Expr, String> keys, double[] coefficient,
                                Map<String, Double> scalars, List<String> factors) {
        if (e instanceof Expr.Product p) {
            collect(p.left(), power, keys, coefficient, scalars, factors);
            collect(p.right(), power, keys, coefficient, scalars, factors);
        } else if (e instanceof Expr.Scale s) {
            collect(s.factor(), power, keys, coefficient, scalars, factors);
            collect(s.operand(), power, keys, coefficient, scalars, factors);
        } else if (e instanceof Expr.Negate n) {
            coefficient[0] = -coefficient[0];
            collect(n.operand(), power, keys, coefficient, scalars, factors);
        } else if (e instanceof Expr.Divide d && (d.shape().isScalar() || isSpreadScalar(d.right()))) {
            collect(d.left(), power, keys, coefficient, scalars, factors);
            Expr divisor = isSpreadScalar(d.right()) ? ((Expr.Scale) d.right()).factor() : d.right();
            collect(divisor, -power, keys, coefficient, scalars, factors);
        } else if (e instanceof Expr.Power p && p.shape().isScalar() && p.exponent() instanceof Expr.Constant c) {
            collect(p.base(), power * c.value(), keys, coefficient, scalars, factors);
        } else if (e instanceof Expr.Constant c && c.shape().isScalar()) {
            coefficient[0] *= Math.pow(c.value(), power);
        } else if (e.shape().isScalar()) {
            scalars.merge(keys.get(e), power, Double::sum);
        } else {
            factors.add(keys.get(e));
        }
    }

    /** The factors of an element-wise product, its scalar factors and signs gathered in front. */
    private static void hadamardFactors(Expr e, Map<Expr, String> keys, double[] coefficient,
                                        Map<String, Double> scalars, List<String> out) {
        if (e instanceof Expr.Hadamard h) {
            hadamardFactors(h.left(), keys, coefficient, scalars, out);
            hadamardFactors(h.right(), keys, coefficient, scalars, out);
        } else if (e instanceof Expr.Negate n) {
            coefficient[0] = -coefficient[0];
            hadamardFactors(n.operand(), keys, coefficient, scalars, out);
        } else if (e instanceof Expr.Scale s && !(s.operand() instanceof Expr.Constant)) {
            List<String> ignored = new ArrayList<>();
            collect(s.factor(), 1, keys, coefficient, scalars, ignored);
            hadamardFactors(s.operand(), keys, coefficient, scalars, out);
        } else {
            out.add(keys.get(e));
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

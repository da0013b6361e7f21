package dev.chainrule.derive;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.simplify.Simplifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Closed-form derivatives. Gradients by reverse accumulation over the graph ({@link AdjointRules}),
 * so their cost is proportional to the function's; Jacobians in numerator layout by forward
 * accumulation ({@link Tangents}); Hessians as the Jacobian of the gradient. The function is
 * simplified before and the result after. A variable the function does not read gives a zero of
 * the right shape.
 *
 * <p>These are the entry points for one expression. A function of a {@code .calc} file is derived
 * once, as a whole, by {@link DerivedFunction#of}, which simplifies its body only once.
 */
public final class Derivatives {
    private Derivatives() {}

    /** The gradient of a scalar function, in the shape of the variable, simplified. */
    public static Expr gradient(Expr f, Expr.Variable wrt) {
        return gradients(f, List.of(wrt)).get(wrt);
    }

    /** Gradients with respect to several variables, from one reverse sweep, simplified. */
    public static Map<Expr.Variable, Expr> gradients(Expr f, List<Expr.Variable> wrt) {
        return gradientsOfSimplified(Simplifier.simplify(f), wrt);
    }

    /** {@link #gradients} of a function already simplified. */
    static Map<Expr.Variable, Expr> gradientsOfSimplified(Expr f, List<Expr.Variable> wrt) {
        Map<Expr.Variable, Expr> raw = rawGradients(f, wrt);
        Map<Expr.Variable, Expr> simplified = new LinkedHashMap<>();
        raw.forEach((v, g) -> simplified.put(v, Simplifier.simplify(g)));
        return simplified;
    }

    /**
     * The gradients exactly as reverse accumulation builds them, before simplification: what the
     * O(size of f) bound is measured on.
     */
    public static Map<Expr.Variable, Expr> rawGradients(Expr f, List<Expr.Variable> wrt) {
        if (!f.shape().isScalar()) {
            throw new DerivativeException("the gradient needs a scalar function, not " + f.shape()
                    + ": use the Jacobian for a vector function");
        }
        Set<Expr> dependent = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Expr.Variable v : wrt) {
            dependent.addAll(Traversal.dependents(f, v));
        }
        List<Expr> order = new ArrayList<>(Traversal.postOrder(f));
        java.util.Collections.reverse(order);
        Map<Expr, Expr> adjoints = new IdentityHashMap<>();
        adjoints.put(f, Expr.scalar(1));
        for (Expr node : order) {
            Expr g = adjoints.get(node);
            if (g == null || node.children().isEmpty()) {
                continue;
            }
            List<Expr> operands = node.children();
            for (int i = 0; i < operands.size(); i++) {
                Expr operand = operands.get(i);
                if (dependent.contains(operand)) {
                    Expr contribution = AdjointRules.contribution(node, i, g);
                    // The sweep meets later terms of f first: prepending keeps the terms of the
                    // derivative in the order of the function's (d(x² + sin x) = 2x + cos x).
                    adjoints.merge(operand, contribution, (earlier, later) -> Expr.add(later, earlier));
                }
            }
        }
        Map<Expr.Variable, Expr> result = new LinkedHashMap<>();
        for (Expr.Variable v : wrt) {
            result.put(v, adjoints.getOrDefault(v, Expr.zero(v.shape())));
        }
        return result;
    }

    /**
     * The Jacobian in numerator layout, simplified: m × n for a vector function of length m and a
     * vector variable of length n; a row (1 × n) for a scalar function; a vector for a scalar variable.
     */
    public static Expr jacobian(Expr f, Expr.Variable wrt) {
        return jacobianOfSimplified(Simplifier.simplify(f), f, wrt);
    }

    /**
     * {@link #jacobian} of a function already simplified ({@code simplified}), as written
     * ({@code written}). Forward mode differentiates the function as written, in the greedy
     * rewriter's canonical form, not the simplifier's result: the simplifier may reassociate a
     * product so that a matrix-valued step depends on the variable ({@code (zyᵀ)x} as
     * {@code z(yᵀx)}), whose Jacobian forward mode cannot hold; the function as written has no such
     * step where its author wrote none.
     */
    static Expr jacobianOfSimplified(Expr simplified, Expr written, Expr.Variable wrt) {
        if (!written.shape().isScalar() && !written.shape().isVector()) {
            throw new DerivativeException("the Jacobian needs a scalar or vector function, not " + written.shape());
        }
        requireScalarOrVector(wrt, "Jacobian");
        if (written.shape().isScalar() && wrt.shape().isVector()) {
            return Simplifier.simplify(Expr.transpose(gradientsOfSimplified(simplified, List.of(wrt)).get(wrt)));
        }
        return Simplifier.simplify(Tangents.jacobian(Simplifier.greedy(written), wrt));
    }

    /** The Hessian of a scalar function, n × n for a vector variable: the Jacobian of the gradient. */
    public static Expr hessian(Expr f, Expr.Variable wrt) {
        return hessianOf(f, wrt);
    }

    /**
     * {@link #hessian} of a function as written: forward mode over its gradient in the greedy
     * rewriter's canonical form (see {@link #jacobianOfSimplified} for why not the simplifier's).
     */
    static Expr hessianOf(Expr written, Expr.Variable wrt) {
        requireScalarOrVector(wrt, "Hessian");
        Expr canonical = Simplifier.greedy(written);
        Expr gradient = Simplifier.greedy(rawGradients(canonical, List.of(wrt)).get(wrt));
        return Simplifier.simplify(Tangents.jacobian(gradient, wrt));
    }

    private static void requireScalarOrVector(Expr.Variable wrt, String what) {
        if (!wrt.shape().isScalar() && !wrt.shape().isVector()) {
            throw new DerivativeException("the " + what + " is taken with respect to a scalar or a vector, but "
                    + wrt.name() + " is " + wrt.shape());
        }
    }
}

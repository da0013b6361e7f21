package dev.chainrule.derive;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.shape.Shape;
import dev.chainrule.shape.SizeOverflowException;
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
 * accumulation ({@link JacobianSweep}, {@link DirectionalSweep}); Hessians as the Jacobian of the
 * gradient. The function is simplified before and the result after. A variable the function does not read gives a zero of
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
        return fitting("gradient", () -> gradientsOfSimplified(Simplifier.simplify(f), wrt));
    }

    /** {@link #gradients} of a function already simplified. */
    static Map<Expr.Variable, Expr> gradientsOfSimplified(Expr f, List<Expr.Variable> wrt) {
        Map<Expr.Variable, Expr> raw = rawGradients(f, wrt);
        Map<Expr.Variable, Expr> simplified = new LinkedHashMap<>();
        raw.forEach((v, g) -> simplified.put(v, Simplifier.simplify(v.symmetric() ? symmetrized(g) : g)));
        return simplified;
    }

    /**
     * The gradient with respect to a symmetric variable: the symmetric G with ⟨G, D⟩ = Df[D] for
     * every symmetric direction D, which is the symmetric part (Gᵤ + Gᵤᵀ)/2 of the gradient Gᵤ the
     * sweep finds treating the variable's entries as independent.
     */
    private static Expr symmetrized(Expr g) {
        return Expr.scale(Expr.scalar(0.5), Expr.add(g, Expr.transpose(g)));
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
        return sweep(f, Expr.scalar(1), wrt);
    }

    /**
     * One step of reverse accumulation, as a derivation shows it: what {@code operand} receives from
     * {@code y} when y's adjoint (∂f/∂y, in y's shape) is {@code g}, by the adjoint rules, before
     * simplification. {@code y} is usually one operator over variables standing for its operands,
     * {@code u2 = tanh(u1)}, which sends u1 {@code g ⊙ (1 − u2.^2)}; an operand that occurs more
     * than once, or below a transpose, gets the sum of what reaches it (the total-derivative rule).
     * The result is in the operand's shape, and not symmetrized for a symmetric variable.
     */
    public static Expr adjointContribution(Expr y, Expr.Variable operand, Expr g) {
        if (!g.shape().equals(y.shape())) {
            throw new IllegalArgumentException("the adjoint of " + y.shape() + " is " + g.shape());
        }
        return sweep(y, g, List.of(operand)).get(operand);
    }

    /** Reverse accumulation from {@code f}, whose adjoint is {@code seed}, to each variable of {@code wrt}. */
    private static Map<Expr.Variable, Expr> sweep(Expr f, Expr seed, List<Expr.Variable> wrt) {
        Set<Expr> dependent = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Expr.Variable v : wrt) {
            dependent.addAll(Traversal.dependents(f, v));
        }
        List<Expr> order = new ArrayList<>(Traversal.postOrder(f));
        java.util.Collections.reverse(order);
        Map<Expr, Expr> adjoints = new IdentityHashMap<>();
        adjoints.put(f, seed);
        for (Expr node : order) {
            Expr g = adjoints.get(node);
            if (g == null || node.children().isEmpty()) {
                continue;
            }
            List<Expr> operands = node.children();
            for (int i = 0; i < operands.size(); i++) {
                Expr operand = operands.get(i);
                if (dependent.contains(operand)) {
                    Expr contribution = inShape(AdjointRules.contribution(node, i, g), operand.shape());
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
     * {@code e} read in {@code shape}, which has as many entries. Rules build derivatives of the
     * right size, but where a size is 1 the kind can differ: the adjoint of B in x·B, for x a
     * vector of length 1 and B a 1 × 1 matrix, is xᵀg, a row of length 1 where B is a matrix. The
     * same entries, reshaped (a scalar spread; a single entry summed to a scalar).
     */
    static Expr inShape(Expr e, Shape shape) {
        if (e.shape().equals(shape)) {
            return e;
        }
        if (shape.isScalar()) {
            return Expr.sum(e);
        }
        return e.shape().isScalar() ? Expr.expand(e, shape) : Expr.reshape(e, shape);
    }

    /**
     * The Jacobian in numerator layout, generalised to any shapes and simplified: ∂vec(f)/∂vec(x)ᵀ,
     * a row per entry of f and a column per entry of x, both read row by row (see
     * {@link JacobianSweep}). m × n for a vector function of length m and a vector variable of
     * length n; a row for a scalar function; for a scalar variable, the derivative in f's own shape.
     */
    public static Expr jacobian(Expr f, Expr.Variable wrt) {
        return fitting("Jacobian", () -> jacobianOfSimplified(Simplifier.simplify(f), wrt));
    }

    /** {@link #jacobian} of a function already simplified. */
    static Expr jacobianOfSimplified(Expr f, Expr.Variable wrt) {
        if (wrt.shape().isScalar()) {
            return Simplifier.simplify(DirectionalSweep.along(f, wrt, Expr.scalar(1)));
        }
        if (f.shape().isScalar()) {
            // Reverse mode is cheaper for a scalar function: the gradient, read as a row.
            Expr g = gradientsOfSimplified(f, List.of(wrt)).get(wrt);
            return Simplifier.simplify(Expr.transpose(Expr.vec(g)));
        }
        return Simplifier.simplify(JacobianSweep.of(f, wrt));
    }

    /**
     * The Hessian of a scalar function: the Jacobian of its gradient, n × n for a vector variable,
     * mn × mn for an m × n matrix (∂²f/∂Xᵢⱼ∂Xₖₗ at row i·n + j, column k·n + l), a scalar for a scalar.
     */
    public static Expr hessian(Expr f, Expr.Variable wrt) {
        return fitting("Hessian", () -> hessianOfSimplified(Simplifier.simplify(f), wrt));
    }

    /** {@link #hessian} of a function already simplified. */
    static Expr hessianOfSimplified(Expr f, Expr.Variable wrt) {
        requireScalar(f, "Hessian");
        Expr g = gradientsOfSimplified(f, List.of(wrt)).get(wrt);
        return jacobianOfSimplified(g, wrt);
    }

    /**
     * The Hessian-vector product H v: the derivative of the gradient along {@code direction} (of
     * the variable's shape), in the variable's shape; its cost is a small multiple of the
     * gradient's, and H is never formed.
     */
    public static Expr hessianVectorProduct(Expr f, Expr.Variable wrt, Expr direction) {
        return fitting("Hessian-vector product",
                () -> hessianVectorProductOfSimplified(Simplifier.simplify(f), wrt, direction));
    }

    /** {@link #hessianVectorProduct} of a function already simplified. */
    static Expr hessianVectorProductOfSimplified(Expr f, Expr.Variable wrt, Expr direction) {
        requireScalar(f, "Hessian-vector product");
        Expr g = gradientsOfSimplified(f, List.of(wrt)).get(wrt);
        return Simplifier.simplify(DirectionalSweep.along(g, wrt, direction));
    }

    /**
     * A derivation whose steps may have sizes that do not fit (the 10¹² rows of the Jacobian of a
     * 10⁶ × 10⁶ matrix): that is the user's request, so it becomes a {@link DerivativeException}.
     */
    static <T> T fitting(String what, java.util.function.Supplier<T> derivation) {
        try {
            return derivation.get();
        } catch (SizeOverflowException e) {
            throw new DerivativeException("the " + what + " is too large to form: " + e.getMessage());
        }
    }

    private static void requireScalar(Expr f, String what) {
        if (!f.shape().isScalar()) {
            throw new DerivativeException("the " + what + " needs a scalar function, not " + f.shape());
        }
    }
}

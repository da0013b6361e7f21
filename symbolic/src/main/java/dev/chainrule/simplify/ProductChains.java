package dev.chainrule.simplify;

import static dev.chainrule.graph.Expr.*;

import dev.chainrule.graph.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * The search's moves on chains of matrix products, as whole rewrites rather than one
 * association at a time: a chain {@code s·A·B·C} (scalings and signs anywhere in it) rebuilt
 * associated to the left, or to the right, with its scalars in front; adjacent inverses cancelled;
 * a transpose pushed down to the names. Free associativity in an e-graph adds every bracketing of
 * every chain, a number that grows as the Catalan numbers; these add one or two alternatives per
 * chain, the ones that common factors and cancellations need: {@code (Du)bᵀ + (Dᵀu)bᵀ} factors on
 * the right, {@code X(pqᵀ) + X(qpᵀ)} on the left.
 */
final class ProductChains {
    private ProductChains() {}

    /** A chain: its non-scalar factors in order, its scalar factors, its sign. */
    private record Chain(List<Expr> factors, List<Expr> scalars, boolean negative) {
        static Chain of(Expr top) {
            Chain chain = new Chain(new ArrayList<>(), new ArrayList<>(), false);
            return chain.collect(top, false);
        }

        private Chain collect(Expr top, boolean negative) {
            boolean sign = negative;
            java.util.ArrayDeque<Expr> pending = new java.util.ArrayDeque<>();
            pending.push(top);
            while (!pending.isEmpty()) {
                Expr e = pending.pop();
                if (e instanceof Product p) {
                    pending.push(p.right());
                    pending.push(p.left());
                } else if (e instanceof Scale s && !s.operand().shape().isScalar()) {
                    scalars.add(s.factor());
                    pending.push(s.operand());
                } else if (e instanceof Negate n && !n.shape().isScalar()) {
                    sign = !sign;
                    pending.push(n.operand());
                } else {
                    factors.add(e);
                }
            }
            return new Chain(factors, scalars, sign);
        }

        /** The chain over these factors, associated as asked, its scalars in front. */
        Expr build(List<Expr> of, boolean left) {
            Expr product;
            if (left) {
                product = of.get(0);
                for (int i = 1; i < of.size(); i++) {
                    product = multiply(product, of.get(i));
                }
            } else {
                product = of.get(of.size() - 1);
                for (int i = of.size() - 2; i >= 0; i--) {
                    product = multiply(of.get(i), product);
                }
            }
            for (int i = scalars.size() - 1; i >= 0; i--) {
                product = scale(scalars.get(i), product);
            }
            return negative ? negate(product) : product;
        }
    }

    /** Whether a node tops a chain worth rebuilding: a product, or a scaling or negation of one. */
    private static boolean isChain(Expr node) {
        return node instanceof Product
                || (node instanceof Scale || node instanceof Negate) && !node.shape().isScalar()
                && node.children().get(node.children().size() - 1) instanceof Product;
    }

    static Expr associateLeft(Expr node) {
        return associate(node, true);
    }

    static Expr associateRight(Expr node) {
        return associate(node, false);
    }

    private static Expr associate(Expr node, boolean left) {
        if (!isChain(node)) {
            return null;
        }
        Chain chain = Chain.of(node);
        if (chain.factors.size() < 2) {
            return null;
        }
        Expr rebuilt = chain.build(chain.factors, left);
        return rebuilt == node ? null : rebuilt;
    }

    /**
     * A chain with each adjacent pair M·M⁻¹, M⁻¹·M (or their transposes) taken out, once transposes
     * and inverses of products of square matrices are spread over their factors:
     * {@code Aᵀ(AXB)⁻ᵀBᵀ = AᵀA⁻ᵀX⁻ᵀB⁻ᵀBᵀ = X⁻ᵀ}.
     */
    static Expr cancelInverses(Expr node) {
        if (!isChain(node)) {
            return null;
        }
        Chain chain = Chain.of(node);
        List<Form> forms = new ArrayList<>();
        for (Expr factor : chain.factors) {
            spread(Form.of(factor), forms, 16);
        }
        List<Form> kept = new ArrayList<>();
        boolean cancelled = false;
        for (Form form : forms) {
            if (!kept.isEmpty() && kept.get(kept.size() - 1).cancels(form)) {
                kept.remove(kept.size() - 1);
                cancelled = true;
            } else {
                kept.add(form);
            }
        }
        if (!cancelled) {
            return null;
        }
        if (kept.isEmpty()) {
            Expr eye = identity(node.shape().rows());
            return chain.build(List.of(eye), true);
        }
        List<Expr> factors = new ArrayList<>();
        for (Form form : kept) {
            factors.add(form.build());
        }
        return chain.build(factors, true);
    }

    /**
     * A factor's form into the list, a transposed or inverted product spread over its factors
     * ({@code (AB)ᵀ = BᵀAᵀ}; {@code (AB)⁻¹ = B⁻¹A⁻¹} where A and B are square).
     */
    private static void spread(Form form, List<Form> out, int depth) {
        if (depth > 0 && form.base instanceof Product p && (form.transposed || form.inverted)
                && (!form.inverted || p.left().shape().isSquareMatrix() && p.right().shape().isSquareMatrix())) {
            boolean reversed = form.transposed != form.inverted;   // (AB)ᵀ and (AB)⁻¹ reverse; (AB)⁻ᵀ does not
            Form left = Form.of(p.left()).with(form);
            Form right = Form.of(p.right()).with(form);
            if (reversed) {
                spread(right, out, depth - 1);
                spread(left, out, depth - 1);
            } else {
                spread(left, out, depth - 1);
                spread(right, out, depth - 1);
            }
            return;
        }
        out.add(form);
    }

    /** A factor as a base with an inverse and a transpose on it, in either order (X⁻ᵀ = Xᵀ⁻¹). */
    private record Form(Expr base, boolean inverted, boolean transposed) {
        /** Whether this times that is the identity: one the inverse of the other, both transposed alike. */
        boolean cancels(Form that) {
            return base == that.base && transposed == that.transposed && inverted != that.inverted;
        }

        /** This form with an outer one's inverse and transpose applied on top. */
        Form with(Form outer) {
            return new Form(base, inverted != outer.inverted, transposed != outer.transposed);
        }

        Expr build() {
            Expr e = inverted ? inverse(base) : base;
            return transposed ? transpose(e) : e;
        }

        static Form of(Expr e) {
            boolean inverted = false;
            boolean transposed = false;
            while (true) {
                if (e instanceof Inverse i) {
                    inverted = !inverted;
                    e = i.operand();
                } else if (e instanceof Transpose t) {
                    transposed = !transposed;
                    e = t.operand();
                } else {
                    return new Form(e, inverted, transposed);
                }
            }
        }
    }

    /**
     * A transpose pushed down to the names: {@code (AXᵀB)ᵀ = BᵀXAᵀ}, through products, scalings,
     * negations and inverses; a transposed transpose, and a transposed symmetric matrix, is itself.
     */
    static Expr transposeToLeaves(Expr node, Facts facts) {
        if (!(node instanceof Transpose t) || !(t.operand() instanceof Product
                || t.operand() instanceof Scale || t.operand() instanceof Negate || t.operand() instanceof Inverse)) {
            return null;
        }
        Expr pushed = transposed(t.operand(), facts, 64);
        return pushed == node ? null : pushed;
    }

    private static Expr transposed(Expr e, Facts facts, int depth) {
        if (depth == 0) {
            return transpose(e);
        }
        if (e instanceof Product) {
            // (ABC)ᵀ = CᵀBᵀAᵀ, associated to the left as a product is read.
            List<Expr> factors = new ArrayList<>();
            java.util.ArrayDeque<Expr> pending = new java.util.ArrayDeque<>();
            pending.push(e);
            while (!pending.isEmpty()) {
                Expr f = pending.pop();
                if (f instanceof Product p) {
                    pending.push(p.right());
                    pending.push(p.left());
                } else {
                    factors.add(f);
                }
            }
            Expr result = null;
            for (int i = factors.size() - 1; i >= 0; i--) {
                Expr t = transposed(factors.get(i), facts, depth - 1);
                result = result == null ? t : multiply(result, t);
            }
            return result;
        }
        if (e instanceof Scale s) {
            return scale(s.factor(), transposed(s.operand(), facts, depth - 1));
        }
        if (e instanceof Negate n) {
            return negate(transposed(n.operand(), facts, depth - 1));
        }
        if (e instanceof Inverse i) {
            return inverse(transposed(i.operand(), facts, depth - 1));
        }
        if (e instanceof Transpose t) {
            return t.operand();
        }
        if (e instanceof DiagonalMatrix || e.shape().isSquareMatrix() && facts.isSymmetric(e)) {
            return e;
        }
        return transpose(e);
    }
}

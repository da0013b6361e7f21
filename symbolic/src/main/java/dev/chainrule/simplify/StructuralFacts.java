package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Facts} read from a node's own subgraph: symmetry by {@link Symmetry}'s rules, bottom-up,
 * each node once (a walk, not a recursion, so deep graphs are safe), remembered for the next question.
 */
final class StructuralFacts implements Facts {
    private final Map<Expr, Boolean> symmetric = new IdentityHashMap<>();
    private final java.util.function.Predicate<Expr.Variable> symmetricVariables;

    StructuralFacts() {
        this(Symmetry::declared);
    }

    StructuralFacts(java.util.function.Predicate<Expr.Variable> symmetricVariables) {
        this.symmetricVariables = symmetricVariables;
    }

    @Override
    public boolean isSymmetric(Expr e) {
        Boolean known = symmetric.get(e);
        if (known != null) {
            return known;
        }
        for (Expr node : Traversal.postOrder(e)) {
            if (!symmetric.containsKey(node)) {
                symmetric.put(node, Symmetry.of(node, node.children(), OPERANDS_OF, this::memo, symmetricVariables));
            }
        }
        return symmetric.get(e);
    }

    private boolean memo(Expr e) {
        Boolean known = symmetric.get(e);
        return known != null ? known : isSymmetric(e);
    }

    /** The structure of a node is its own: a product is a product, a transpose a transpose. */
    private static final Symmetry.Structure<Expr> OPERANDS_OF = new Symmetry.Structure<>() {
        @Override
        public boolean isTransposeOf(Expr a, Expr b) {
            return a instanceof Expr.Transpose t && t.operand() == b || b instanceof Expr.Transpose t2 && t2.operand() == a;
        }

        @Override
        public List<List<Expr>> products(Expr e) {
            return e instanceof Expr.Product p ? List.of(List.of(p.left(), p.right())) : List.of();
        }

        @Override
        public boolean same(Expr a, Expr b) {
            return a == b;
        }
    };
}

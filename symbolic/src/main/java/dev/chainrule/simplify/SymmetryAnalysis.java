package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import dev.chainrule.simplify.egraph.Analysis;
import dev.chainrule.simplify.egraph.EGraph;
import dev.chainrule.simplify.egraph.ENode;
import dev.chainrule.simplify.egraph.Operators;
import java.util.ArrayList;
import java.util.List;

/**
 * The e-class analysis of symmetry: a class is symmetric if one of its e-nodes is by
 * {@link Symmetry}'s rules, where an operand is a transpose of another if the graph holds that
 * transpose in its class, and a product if its class holds one. So {@code (XᵀX)⁻¹} is known
 * symmetric however the search has written {@code XᵀX}.
 */
final class SymmetryAnalysis implements Analysis<Boolean> {
    private final java.util.function.Predicate<Expr.Variable> symmetricVariables;

    SymmetryAnalysis(java.util.function.Predicate<Expr.Variable> symmetricVariables) {
        this.symmetricVariables = symmetricVariables;
    }

    @Override
    public Boolean bottom() {
        return false;
    }

    @Override
    public Boolean join(Boolean a, Boolean b) {
        return a || b;
    }

    @Override
    public Boolean make(EGraph graph, ENode node) {
        List<Integer> operands = new ArrayList<>(node.arity());
        for (int i = 0; i < node.arity(); i++) {
            operands.add(node.child(i));
        }
        return Symmetry.of(node.operator(), operands, new Classes(graph), id -> (Boolean) graph.data(id), symmetricVariables);
    }

    /** What the graph knows of classes: which is a transpose of which, which hold products. */
    private record Classes(EGraph graph) implements Symmetry.Structure<Integer> {
        @Override
        public boolean isTransposeOf(Integer a, Integer b) {
            return transposeOf(b) == graph.find(a) || transposeOf(a) == graph.find(b);
        }

        private int transposeOf(int id) {
            if (graph.eclass(id).shape().isScalar()) {
                return graph.find(id);
            }
            Expr transpose = Expr.transpose(Operators.placeholder(0, graph.eclass(id).shape()));
            Integer found = graph.lookup(transpose, id);
            return found == null ? -1 : found;
        }

        @Override
        public List<List<Integer>> products(Integer id) {
            List<List<Integer>> products = new ArrayList<>();
            for (ENode n : graph.eclass(id).nodes()) {
                if (n.operator() instanceof Expr.Product) {
                    products.add(List.of(n.child(0), n.child(1)));
                }
            }
            return products;
        }

        @Override
        public boolean same(Integer a, Integer b) {
            return graph.find(a) == graph.find(b);
        }
    }
}

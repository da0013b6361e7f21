package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import dev.chainrule.simplify.egraph.EGraph;

/** {@link Facts} from an e-graph: what is known of a term's whole class; of a term not in it, its structure. */
final class GraphFacts implements Facts {
    private final EGraph graph;
    private final StructuralFacts structure;
    private boolean consulted;

    GraphFacts(EGraph graph, java.util.function.Predicate<Expr.Variable> symmetricVariables) {
        this.graph = graph;
        this.structure = new StructuralFacts(symmetricVariables);
    }

    @Override
    public boolean isSymmetric(Expr e) {
        consulted = true;
        Integer id = graph.idOf(e);
        if (id != null && Boolean.TRUE.equals(graph.data(id))) {
            return true;
        }
        return structure.isSymmetric(e);
    }

    /** Whether a rule asked anything since {@link #resetConsulted}: its answer may change as the graph learns more. */
    boolean consulted() {
        return consulted;
    }

    void resetConsulted() {
        consulted = false;
    }
}

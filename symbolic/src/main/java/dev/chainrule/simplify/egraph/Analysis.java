package dev.chainrule.simplify.egraph;

/**
 * A fact about every member of an e-class, computed from its e-nodes and the facts of their
 * operands (egg's e-class analysis). Facts only grow: {@link #make} may claim more as operands
 * are known to be more, and a class has the {@link #join} of its nodes' facts. The e-graph
 * recomputes them to a fixpoint, from {@link #bottom}, after each rebuild.
 */
public interface Analysis<D> {
    D bottom();

    /** The fact of one e-node, given the e-graph (for its operands' facts, through {@link EGraph#data}). */
    D make(EGraph graph, ENode node);

    D join(D a, D b);
}

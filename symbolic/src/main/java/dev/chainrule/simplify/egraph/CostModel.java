package dev.chainrule.simplify.egraph;

import java.util.List;

/**
 * What extraction minimises. A cost must be strictly larger than each of its operands' costs (a
 * node costs more than its parts), so that the cheapest term of a class is built from cheaper ones.
 */
public interface CostModel<C extends Comparable<C>> {
    /** The cost of an e-node whose operands' classes cost {@code operands} at best. */
    C cost(ENode node, List<C> operands);
}

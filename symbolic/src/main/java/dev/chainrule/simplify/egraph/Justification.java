package dev.chainrule.simplify.egraph;

/** Why two terms of the e-graph are equal: an edge of its proof forest. */
public sealed interface Justification {
    /** A rule rewrote one term into the other. */
    record Rule(String name) implements Justification {}

    /** The two terms have one operator and equal operands. */
    record Congruence() implements Justification {}

    /**
     * The second term is what the factories make of the first's operator over other (equal)
     * operands, where they fold it: {@code −(c)} is the constant {@code −c}, {@code cᵀ} the constant.
     * {@code operands} are the ids of those operands.
     */
    record Fold(int[] operands) implements Justification {}

    Justification CONGRUENCE = new Congruence();
}

package dev.chainrule.graph;

import dev.chainrule.shape.Shape;

/** The check that a node's stored shape is the one its operands give it. */
final class Shapes {
    private Shapes() {}

    static void require(Shape stored, Shape derived) {
        if (!stored.equals(derived)) {
            throw new IllegalArgumentException("a node of shape " + stored + " over operands that give " + derived);
        }
    }
}

package dev.chainrule.shape;

/** Two shapes that an operator cannot combine; the message names both shapes and the clash. */
public final class ShapeMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ShapeMismatchException(String message) {
        super(message);
    }
}

package dev.chainrule.shape;

/**
 * Two shapes that an operator cannot combine; the message names both shapes and the clash. Its one
 * subclass, {@link SizeOverflowException}, is a shape whose size does not fit.
 */
public class ShapeMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ShapeMismatchException(String message) {
        super(message);
    }
}

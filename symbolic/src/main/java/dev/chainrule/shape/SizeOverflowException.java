package dev.chainrule.shape;

/**
 * A size that does not fit in an int, the most entries a Java array may have along one side:
 * the 10¹² rows of the Jacobian of a 10⁶ × 10⁶ matrix, say. A user's input asks for it, so it is a
 * user error wherever it surfaces: a positioned shape error while checking, a derivative that
 * cannot be taken after.
 */
public final class SizeOverflowException extends ShapeMismatchException {
    private static final long serialVersionUID = 1L;

    public SizeOverflowException(String message) {
        super(message);
    }
}

package dev.chainrule.derive;

/** A derivative chainrule cannot take, with the reason; a user error, not a bug. */
public final class DerivativeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DerivativeException(String message) {
        super(message);
    }
}

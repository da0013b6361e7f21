package dev.chainrule.cli;

/**
 * A mistake in what the user asked for that has no place in a source text (a missing file, a bad
 * option value): reported as one line, {@code chainrule: message}, with exit code 2.
 */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message, null, false, false);
    }
}

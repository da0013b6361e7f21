package dev.chainrule.interpret;

/**
 * An expression could not be evaluated with the inputs given: a variable is missing, an input's
 * size contradicts its declared shape or another input, a dimension has no value, or a value would
 * be too large to hold. The message names the variable, its declared shape and what was given.
 *
 * <p>Unchecked, like {@link IllegalArgumentException}: it reports bad inputs, which callers such as
 * the command line show to the user rather than recover from.
 */
public final class EvaluationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An evaluation failure described by {@code message}, which is shown to the user as it is. */
    public EvaluationException(String message) {
        super(message);
    }
}

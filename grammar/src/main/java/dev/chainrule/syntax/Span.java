package dev.chainrule.syntax;

/**
 * A place in a source text: 1-based line and column (counted in code points) and the length of the
 * marked text, at least 1, so that a caret can always be drawn under it.
 */
public record Span(int line, int column, int length) {
    public static final Span UNKNOWN = new Span(1, 1, 1);

    public Span {
        if (line < 1 || column < 1 || length < 1) {
            throw new IllegalArgumentException("span out of range: " + line + ":" + column + "+" + length);
        }
    }
}

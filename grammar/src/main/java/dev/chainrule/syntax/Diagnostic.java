package dev.chainrule.syntax;

/**
 * One problem with a user's input, at a place in a source: what a compiler prints as
 * {@code file:line:col: message}, followed by the source line and a caret under the column.
 */
public record Diagnostic(Source source, Span span, String message) {

    public Diagnostic {
        if (source == null || span == null || message == null) {
            throw new IllegalArgumentException("a diagnostic needs a source, a span and a message");
        }
    }

    /** {@code file:line:col: message}, the form Maven and IDEs link to the source. */
    public String headline() {
        return source.name() + ":" + span.line() + ":" + span.column() + ": " + message;
    }

    /** The headline, the source line, and a caret with tildes under the marked text. */
    public String render() {
        String text = source.line(span.line());
        StringBuilder out = new StringBuilder(headline()).append('\n');
        out.append("    ").append(text.replace('\t', ' ')).append('\n');
        out.append("    ");
        out.append(" ".repeat(span.column() - 1)).append('^');
        int visible = Math.min(span.length(), (int) text.codePoints().count() - span.column() + 1);
        out.append("~".repeat(Math.max(0, visible - 1)));
        return out.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}

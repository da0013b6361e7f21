package dev.chainrule.syntax;

import java.util.List;

/**
 * One problem with a user's input, at a place in a source: what a compiler prints as
 * {@code file:line:col: message}, followed by the source line and a caret under the column; and
 * notes at other places that explain it (the bracket a missing one would close, the name whose
 * shape came from its first letter), each rendered the same way after {@code note:}.
 */
public record Diagnostic(Source source, Span span, String message, List<Note> notes) {

    /** A remark at another place of the same source. */
    public record Note(Span span, String message) {}

    public Diagnostic {
        if (source == null || span == null || message == null || notes == null) {
            throw new IllegalArgumentException("a diagnostic needs a source, a span and a message");
        }
        notes = List.copyOf(notes);
    }

    public Diagnostic(Source source, Span span, String message) {
        this(source, span, message, List.of());
    }

    /** This diagnostic with one more note. */
    public Diagnostic withNote(Span at, String note) {
        List<Note> all = new java.util.ArrayList<>(notes);
        all.add(new Note(at, note));
        return new Diagnostic(source, span, message, all);
    }

    /** {@code file:line:col: message}, the form Maven and IDEs link to the source. */
    public String headline() {
        return at(span) + message;
    }

    /** The headline, the source line, and a caret with tildes under the marked text; then each note so. */
    public String render() {
        StringBuilder out = new StringBuilder(headline()).append('\n');
        excerpt(span, out);
        for (Note note : notes) {
            out.append('\n').append(at(note.span())).append("note: ").append(note.message()).append('\n');
            excerpt(note.span(), out);
        }
        return out.toString();
    }

    private String at(Span at) {
        return source.name() + ":" + at.line() + ":" + at.column() + ": ";
    }

    private void excerpt(Span at, StringBuilder out) {
        String text = source.line(at.line());
        out.append("    ").append(text.replace('\t', ' ')).append('\n');
        out.append("    ");
        out.append(" ".repeat(at.column() - 1)).append('^');
        int visible = Math.min(at.length(), (int) text.codePoints().count() - at.column() + 1);
        out.append("~".repeat(Math.max(0, visible - 1)));
    }

    @Override
    public String toString() {
        return render();
    }
}

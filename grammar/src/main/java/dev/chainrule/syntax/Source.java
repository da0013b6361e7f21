package dev.chainrule.syntax;

import java.util.List;

/** A named text to be parsed: a file's contents, or an expression typed on the command line. */
public record Source(String name, String text) {
    public Source {
        if (name == null || text == null) {
            throw new IllegalArgumentException("a source needs a name and a text");
        }
    }

    /** An expression given on the command line or through an API, named {@code <expr>} in messages. */
    public static Source ofExpression(String text) {
        return new Source("<expr>", text);
    }

    /** The text of a 1-based line without its line terminator, or "" past the end. */
    public String line(int line) {
        List<String> lines = text.lines().toList();
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
    }
}

package dev.chainrule.syntax;

import java.util.List;

/** A named text to be parsed: a file's contents, or an expression typed on the command line. */
public record Source(String name, String text) {
    public Source {
        if (name == null || text == null) {
            throw new IllegalArgumentException("a source needs a name and a text");
        }
    }

    // Where each line starts, computed once per source so that rendering many diagnostics stays linear.
    private static final java.util.Map<String, int[]> LINE_STARTS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** An expression given on the command line or through an API, named {@code <expr>} in messages. */
    public static Source ofExpression(String text) {
        return new Source("<expr>", text);
    }

    /** The text of a 1-based line without its line terminator, or "" past the end. */
    public String line(int line) {
        int[] starts = LINE_STARTS.computeIfAbsent(text, Source::lineStarts);
        if (line < 1 || line > starts.length) {
            return "";
        }
        int start = starts[line - 1];
        int end = start;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return text.substring(start, end);
    }

    /** Line starts as String.lines() splits: at \n, \r or \r\n; no empty last line after a final break. */
    private static int[] lineStarts(String text) {
        List<Integer> starts = new java.util.ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            starts.add(i);
            while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                i++;
            }
            if (i < text.length() && text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            }
            i++;
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}

package dev.chainrule.print;

/**
 * JSON strings, the one escaping for everything chainrule writes as JSON (the graph, the command
 * line's results, the local page's answers): quotes, backslashes and control characters escaped;
 * U+2028 and U+2029 too, for JavaScript; and {@code <}, so that JSON inside a script element
 * cannot close it.
 */
public final class JsonStrings {
    private JsonStrings() {}

    /** {@code text} as a JSON string, in quotes. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        quote(text, out);
        return out.toString();
    }

    /** Appends {@code text} as a JSON string, in quotes. */
    public static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (ch < 0x20 || ch == '<' || ch == '\u2028' || ch == '\u2029') {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }
}

package dev.chainrule.serve;

import dev.chainrule.print.JsonStrings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON the API speaks: a reader for request bodies and a writer for replies.
 *
 * <p>Requests are flat objects of strings, numbers and small objects, so the reader refuses
 * anything nested deeper than {@link #MAX_DEPTH}: no body can make it recurse far. Objects read as
 * {@code Map<String, Object>} (keys in order), arrays as {@code List<Object>}, numbers as
 * {@code Double}, and {@code true}, {@code false} and {@code null} as themselves.
 */
final class Json {
    private Json() {}

    /** Deeper than any request the page sends. */
    static final int MAX_DEPTH = 16;

    /** A request body that is not the JSON it should be. */
    static final class MalformedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads one JSON value; throws {@link MalformedException} saying where it went wrong. */
    static Object parse(String text) {
        Reader reader = new Reader(text);
        Object value = reader.value(0);
        reader.space();
        if (reader.at < text.length()) {
            throw reader.error("unexpected text after the value");
        }
        return value;
    }

    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH);
            }
            space();
            if (at >= text.length()) {
                throw error("unexpected end of input");
            }
            char c = text.charAt(at);
            switch (c) {
                case '{' -> {
                    return object(depth);
                }
                case '[' -> {
                    return array(depth);
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    if (text.startsWith("true", at)) {
                        at += 4;
                        return Boolean.TRUE;
                    }
                    if (text.startsWith("false", at)) {
                        at += 5;
                        return Boolean.FALSE;
                    }
                    if (text.startsWith("null", at)) {
                        at += 4;
                        return null;
                    }
                    return number();
                }
            }
        }

        private Map<String, Object> object(int depth) {
            Map<String, Object> map = new LinkedHashMap<>();
            at++;
            space();
            if (peek() == '}') {
                at++;
                return map;
            }
            while (true) {
                space();
                if (peek() != '"') {
                    throw error("expected a key in quotes");
                }
                String key = string();
                space();
                expect(':');
                if (map.containsKey(key)) {
                    throw error("duplicate key \"" + key + "\"");
                }
                map.put(key, value(depth + 1));
                space();
                char c = next();
                if (c == '}') {
                    return map;
                }
                if (c != ',') {
                    at--;
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> array(int depth) {
            List<Object> list = new ArrayList<>();
            at++;
            space();
            if (peek() == ']') {
                at++;
                return list;
            }
            while (true) {
                list.add(value(depth + 1));
                space();
                char c = next();
                if (c == ']') {
                    return list;
                }
                if (c != ',') {
                    at--;
                    throw error("expected ',' or ']'");
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    at--;
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException bad) {
                            throw error("bad \\u escape");
                        }
                        at += 4;
                    }
                    default -> {
                        at--;
                        throw error("bad escape \\" + e);
                    }
                }
            }
        }

        private Double number() {
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            String number = text.substring(start, at);
            if (number.isEmpty() || !number.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
                at = start;
                throw error("expected a value");
            }
            return Double.valueOf(number);
        }

        void space() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        private char peek() {
            return at < text.length() ? text.charAt(at) : '\0';
        }

        private char next() {
            if (at >= text.length()) {
                throw error("unexpected end of input");
            }
            return text.charAt(at++);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        MalformedException error(String message) {
            return new MalformedException("malformed JSON at offset " + at + ": " + message);
        }
    }

    // ---- writing --------------------------------------------------------------------------------

    /** JSON text to be written as it is, such as a value {@code Value.toJson} printed. */
    record Raw(String json) {}

    /**
     * Writes a value: a Map (string keys), a List, a String, a Number, a Boolean, null, or a
     * {@link Raw}. Non-finite doubles are written as the strings "NaN", "Infinity" and
     * "-Infinity", as the interpreter's values are.
     */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.json());
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                quote(d.toString(), out);
            } else {
                out.append(d);
            }
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    /** A string in quotes, escaped so that it is safe in JSON and in a script element. */
    private static void quote(String text, StringBuilder out) {
        JsonStrings.quote(text, out);
    }

    /** An object built in order: {@code Json.object("ok", true, "name", "f")}. */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The members of a request object, or an empty map for a missing one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> members(Object value, String what) {
        if (value == null) {
            return Collections.emptyMap();
        }
        if (!(value instanceof Map)) {
            throw new MalformedException(what + " must be an object");
        }
        return (Map<String, Object>) value;
    }
}

package dev.chainrule.serve;

import java.util.Locale;
import java.util.Map;

/**
 * What the page asks about: an expression with the variables to differentiate with respect to,
 * the derivative wanted and optional shape declarations; or a whole {@code .calc} text.
 */
record Input(Mode mode, String expression, String wrt, String declarations, Kind derivative, String file) {

    enum Mode { EXPRESSION, FILE }

    /** The derivative an expression asks for; a {@code .calc} text says its own. */
    enum Kind { GRADIENT, JACOBIAN, HESSIAN }

    /** Reads the request's members, refusing a text longer than the limit before any work. */
    static Input from(Map<String, Object> request, Limits limits) {
        Mode mode = choice(request, "mode", Mode.class, Mode.EXPRESSION);
        Kind kind = choice(request, "derivative", Kind.class, Kind.GRADIENT);
        Input input = new Input(mode, text(request, "expression"), text(request, "wrt"),
                text(request, "declarations"), kind, text(request, "file"));
        input.requireWithin(limits);
        return input;
    }

    private void requireWithin(Limits limits) {
        String[][] fields = mode == Mode.FILE ? new String[][] {{"file", file}}
                : new String[][] {{"expression", expression}, {"wrt", wrt}, {"declarations", declarations}};
        for (String[] field : fields) {
            if (field[1].length() > limits.maxInputChars()) {
                throw new Problem.InputError(new Problem(field[0], 1, 1, 1, "this text is " + field[1].length()
                        + " characters long; the page takes up to " + limits.maxInputChars()
                        + " (the command line has no such limit)"));
            }
        }
    }

    private static String text(Map<String, Object> request, String key) {
        Object value = request.get(key);
        if (value == null) {
            return "";
        }
        if (!(value instanceof String s)) {
            throw new Json.MalformedException("\"" + key + "\" must be a string");
        }
        return s;
    }

    private static <E extends Enum<E>> E choice(Map<String, Object> request, String key, Class<E> type, E otherwise) {
        String value = text(request, key);
        if (value.isEmpty()) {
            return otherwise;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Json.MalformedException("\"" + key + "\" cannot be \"" + value + "\"");
        }
    }
}

package dev.chainrule.serve;

import java.util.List;

/**
 * One thing wrong with what the page sent, at its place: the input field ({@code expression},
 * {@code wrt}, {@code declarations}, {@code file}, {@code dimension:n}, {@code value:x},
 * {@code seed}), the 1-based line and column (in code points) and the length of the marked text.
 */
record Problem(String field, int line, int column, int length, String message) {

    /** A problem that marks the whole of a one-line field. */
    static Problem whole(String field, String text, String message) {
        String first = text.lines().findFirst().orElse("");
        return new Problem(field, 1, 1, Math.max(1, (int) first.codePoints().count()), message);
    }

    Object toJson() {
        return Json.object("field", field, "line", line, "column", column, "length", length, "message", message);
    }

    /** Bad input: the problems to show, each at its place. Never a bug in chainrule. */
    static final class InputError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<Problem> problems;

        InputError(List<Problem> problems) {
            super(problems.isEmpty() ? "bad input" : problems.get(0).message(), null, false, false);
            this.problems = List.copyOf(problems);
        }

        InputError(Problem problem) {
            this(List.of(problem));
        }

        List<Problem> problems() {
            return problems;
        }
    }
}

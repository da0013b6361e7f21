package dev.chainrule.syntax;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The number type a function's generated class computes on: {@code double} unless a file declares
 * {@code precision float;} (or a tool is told so). The language's notion only; how each is spelt
 * in Java is the code generator's to decide.
 */
public enum Precision {
    DOUBLE("double"),
    FLOAT("float");

    private final String keyword;

    Precision(String keyword) {
        this.keyword = keyword;
    }

    /** The word a file or a tool's option names it by: {@code double}, {@code float}. */
    public String keyword() {
        return keyword;
    }

    /** The precision of that word, if there is one. */
    public static Optional<Precision> named(String word) {
        return Arrays.stream(values()).filter(p -> p.keyword.equals(word)).findFirst();
    }

    /** The words there are, for messages: {@code 'double' or 'float'}. */
    public static String choices() {
        return Arrays.stream(values()).map(p -> "'" + p.keyword + "'").collect(Collectors.joining(" or "));
    }

    @Override
    public String toString() {
        return keyword;
    }
}

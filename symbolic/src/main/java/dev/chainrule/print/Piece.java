package dev.chainrule.print;

/**
 * A printed subexpression and what its parent needs to know to place it: how tightly it binds (its
 * precedence level, higher binds tighter), whether it is a negation (and of what, so that a sum can
 * write {@code a − b} and a product can move the sign to the front), and, for juxtaposition, what
 * its text begins and ends with.
 *
 * @param doc        the text
 * @param level      the precedence level of its outermost operator; atoms have the highest
 * @param negated    for a negation {@code −x}, the piece {@code x}; otherwise null
 * @param first      the kind of its first symbol
 * @param last       the kind of its last symbol
 * @param superscript true when the text ends in a superscript, so that another one needs braces (LaTeX)
 * @param product    true for a juxtaposition with a matrix product in it, such as {@code xᵀy}
 */
record Piece(Doc doc, int level, Piece negated, Edge first, Edge last, boolean superscript, boolean product) {

    /** What a piece begins or ends with, which decides how two juxtaposed pieces are separated. */
    enum Edge {
        /** A one-letter name: {@code Ax} needs no space. */
        LETTER,
        /** A longer name, a function's name or a number in scientific notation: {@code W1 x}. */
        WORD,
        /** A digit: {@code 2x}, but {@code x·2}. */
        NUMBER,
        /** An opening parenthesis. */
        OPEN,
        /** A closing parenthesis of a group: {@code (A + B)x}. */
        CLOSE,
        /** The closing parenthesis of a function call: {@code tr(A) B}. */
        CALL,
        /** A norm's bar: {@code ‖x‖ ‖y‖}. */
        BAR,
        /** Anything else: an operator, a minus sign, a decorated symbol. */
        SYMBOL
    }

    static Piece atom(Doc doc, int level, Edge first, Edge last) {
        return new Piece(doc, level, null, first, last, false, false);
    }

    boolean isNegation() {
        return negated != null;
    }
}

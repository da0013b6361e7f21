package dev.chainrule.print;

import dev.chainrule.print.Piece.Edge;
import dev.chainrule.shape.Shape;

/**
 * Unicode matrix notation, as the paper and the Matrix Cookbook write it:
 * <ul>
 *   <li>products and scalings by juxtaposition: {@code Ax}, {@code xᵀA}, {@code 2x},
 *       {@code (A + Aᵀ)x}, {@code 2Aᵀ(Ax − y)}; a space where two names would merge
 *       ({@code W1 x}) and after a function ({@code det(A) tr(B)}), {@code ·} before a number
 *       ({@code x·2}, {@code b·1⃗});
 *   <li>{@code ᵀ} for the transpose, {@code A⁻¹} for the inverse, {@code A⁻ᵀ} for both;
 *   <li>{@code −} (U+2212) for minus, {@code ⊙} for the element-wise product, {@code ⊘} for
 *       element-wise division, {@code /} for division by a scalar ({@code a/b}, {@code sum(x)/N});
 *   <li>superscripts for whole powers of scalars ({@code x²}, {@code ‖Ax − y‖²}, {@code a⁻¹}),
 *       {@code a^b} for other powers of scalars, and {@code .^} for the element-wise power of a
 *       vector or a matrix, as in the language ({@code x.^2}, {@code (y − ŷ).^2}): a superscript on
 *       a vector would read as a matrix power or as {@code xᵀx}; an element-wise power is
 *       parenthesized before a product ({@code (x.^2)ᵀy});
 *   <li>{@code ‖x‖} for the Euclidean (Frobenius) norm, {@code max(0, z)} for the rectifier, the
 *       other functions by their names in the language: {@code diag(x)}, {@code tr(A)},
 *       {@code det(A)}, {@code logdet(A)}, {@code sum(x)}, {@code tanh(x)}, {@code step(z)};
 *   <li>{@code I} for the identity, a dimension's name for its size, {@code 1⃗} and {@code 0⃗}
 *       (a digit and U+20D7) for constant vectors, {@code 1⃗ᵀ} for constant row vectors, bold
 *       {@code 𝟏} and {@code 𝟎} for constant matrices, {@code c·1⃗} for other values;
 *   <li>numbers in the fewest digits that read back as the same double: {@code 2}, {@code 0.1},
 *       {@code 1e-12};
 *   <li>a variable named as a derivative, {@code ∂u1/∂w}, as its name, parenthesized before a
 *       transpose or a power: {@code (∂u1/∂w)ᵀ} ({@link DerivativeLabel}).
 * </ul>
 */
final class TextPrinter extends MathPrinter {
    private static final String COMBINING_ARROW = "\u20D7";
    private static final String SUPERSCRIPT_DIGITS = "\u2070\u00B9\u00B2\u00B3\u2074\u2075\u2076\u2077\u2078\u2079";
    private static final String SUPERSCRIPT_MINUS = "\u207B";

    TextPrinter() {
        super(new Symbols("\u2212", " + ", " \u2212 ", " ⊙ ", " ⊘ "), "NaN", "∞");
    }

    /** A derivative's label binds like a power: {@code x ∂f/∂u1}, but {@code (∂u1/∂w)ᵀ} (see {@link DerivativeLabel}). */
    @Override
    Piece name(String name) {
        if (DerivativeLabel.of(name) != null) {
            return Piece.atom(Doc.text(name), POWER, Edge.WORD, Edge.WORD);
        }
        boolean letter = name.codePointCount(0, name.length()) == 1 && Character.isLetter(name.codePointAt(0));
        Edge edge = letter ? Edge.LETTER : Edge.WORD;
        return Piece.atom(Doc.text(name), ATOM, edge, edge);
    }

    @Override
    Piece decimal(String digits) {
        return Piece.atom(Doc.text(digits), ATOM, Edge.NUMBER, digits.indexOf('e') >= 0 ? Edge.WORD : Edge.NUMBER);
    }

    @Override
    Piece digitFill(int digit, Shape shape) {
        String symbol = shape.isVector() ? digit + COMBINING_ARROW : Character.toString(0x1D7CE + digit);
        return Piece.atom(Doc.text(symbol), ATOM, Edge.NUMBER, Edge.SYMBOL);
    }

    @Override
    String juxtaposition(Piece left, Piece right) {
        boolean word = right.first() == Edge.WORD || left.last() == Edge.WORD || left.last() == Edge.CALL;
        boolean bars = left.last() == Edge.BAR && right.first() == Edge.BAR;
        return word || bars ? " " : "";
    }

    @Override
    String numberJuxtaposition() {
        return "·";
    }

    @Override
    Piece divide(Piece dividend, Piece divisor) {
        Piece l = slot(dividend, MULTIPLY, false);
        Piece r = slot(divisor, POWER, true);
        return new Piece(Doc.of(l.doc(), "/", r.doc()), MULTIPLY, null, l.first(), r.last(), r.superscript(), false);
    }

    @Override
    Piece power(Piece base, Piece exponent, Double exponentValue, boolean elementwise) {
        Piece b = slot(base, POSTFIX, false);
        if (elementwise) {
            // Looser than a product, so that (x.^2)y keeps its parentheses.
            Piece e = slot(exponent, ATOM, true);
            return new Piece(Doc.of(b.doc(), ".^", e.doc()), UNARY, null, b.first(), e.last(), false, false);
        }
        String superscript = superscript(exponentValue);
        if (superscript != null) {
            return new Piece(Doc.of(b.doc(), superscript), POWER, null, b.first(), b.last(), true, false);
        }
        Piece e = slot(exponent, ATOM, true);
        return new Piece(Doc.of(b.doc(), "^", e.doc()), POWER, null, b.first(), e.last(), false, false);
    }

    /** {@code ²}, {@code ⁻¹}, {@code ¹⁰} for a whole exponent of at most two digits, else null. */
    private static String superscript(Double value) {
        if (value == null || value != Math.rint(value) || Math.abs(value) > 99) {
            return null;
        }
        int k = (int) Math.abs(value.doubleValue());
        StringBuilder out = new StringBuilder(value < 0 ? SUPERSCRIPT_MINUS : "");
        for (char digit : Integer.toString(k).toCharArray()) {
            out.append(SUPERSCRIPT_DIGITS.charAt(digit - '0'));
        }
        return out.toString();
    }

    @Override
    Piece transpose(Piece operand) {
        return postfix(operand, "ᵀ");
    }

    @Override
    Piece inverse(Piece operand) {
        return postfix(operand, SUPERSCRIPT_MINUS + SUPERSCRIPT_DIGITS.charAt(1));
    }

    @Override
    Piece inverseTranspose(Piece operand) {
        return postfix(operand, SUPERSCRIPT_MINUS + "ᵀ");
    }

    private Piece postfix(Piece operand, String mark) {
        Piece o = slot(operand, POSTFIX, false);
        return new Piece(Doc.of(o.doc(), mark), POSTFIX, null, o.first(), o.last(), true, false);
    }

    @Override
    Piece block(java.util.List<java.util.List<Piece>> rows) {
        return bracketed(rows, ", ", "; ");
    }

    @Override
    Piece index(Piece operand, java.util.List<String> indices) {
        return subscript(operand, indices);
    }

    @Override
    Piece kronecker(Piece left, Piece right) {
        return binary(left, " ⊗ ", right, MULTIPLY);
    }

    /** K(m,n), the commutation matrix: the paper's notation has no symbol for it. */
    @Override
    Piece commutation(String m, String n) {
        return Piece.atom(Doc.text("K(" + m + "," + n + ")"), ATOM, Edge.LETTER, Edge.CLOSE);
    }

    @Override
    Piece norm(Piece operand) {
        return Piece.atom(Doc.of("‖", operand.doc(), "‖"), ATOM, Edge.BAR, Edge.BAR);
    }
}

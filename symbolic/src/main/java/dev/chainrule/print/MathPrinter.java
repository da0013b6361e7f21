package dev.chainrule.print;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Expr.Constant;
import dev.chainrule.graph.Expr.Inverse;
import dev.chainrule.graph.Expr.Negate;
import dev.chainrule.graph.Expr.Norm2;
import dev.chainrule.graph.Expr.Power;
import dev.chainrule.graph.Expr.Product;
import dev.chainrule.graph.Expr.Scale;
import dev.chainrule.graph.Expr.Transpose;
import dev.chainrule.print.Piece.Edge;
import dev.chainrule.shape.Shape;

/**
 * Mathematical notation, as the paper and the Matrix Cookbook write it; {@link TextPrinter} and
 * {@link LatexPrinter} supply the symbols. Shared conventions:
 * <ul>
 *   <li>matrix products and scalings by juxtaposition, {@code 2Aᵀ(Ax − y)}, with no parentheses
 *       for associativity (both are associative) except around a dot product used as a factor,
 *       {@code (xᵀy)z};
 *   <li>the sign of a negated factor goes in front ({@code −2x}, {@code −Ax}), and {@code a + (−b)}
 *       is {@code a − b};
 *   <li>a factor of 1 or −1 is left out ({@code x}, {@code −x});
 *   <li>scalar expansion is invisible in the element-wise operators, on one side
 *       ({@code Xw + b}, {@code x/N});
 *   <li>{@code Xᵀ} of {@code X⁻¹} (and the other way round) is {@code X⁻ᵀ}.
 * </ul>
 * Not meant to be read back: the {@link Format#ASCII} printer is.
 */
abstract class MathPrinter extends TreePrinter {
    private final String notANumber;
    private final String infinity;

    MathPrinter(Symbols symbols, String notANumber, String infinity) {
        super(symbols);
        this.notANumber = notANumber;
        this.infinity = infinity;
    }

    // ---- the notation ---------------------------------------------------------------------------

    /** A finite non-negative number, as {@link Numbers#magnitude} writes it: {@code 2}, {@code 0.1}, {@code 1e-12}. */
    abstract Piece decimal(String digits);

    /** A constant vector or matrix of a digit: {@code 1⃗}, {@code 𝟎}. */
    abstract Piece digitFill(int digit, Shape shape);

    /** What separates two juxtaposed factors; the right one does not start with a number. */
    abstract String juxtaposition(Piece left, Piece right);

    /** What separates a factor from a number after it: {@code x·2}. */
    abstract String numberJuxtaposition();

    /**
     * {@code a^b}; {@code exponentValue} is the exponent's value when it is a constant, else null.
     * {@code elementwise} for the element-wise power of a vector or a matrix.
     */
    abstract Piece power(Piece base, Piece exponent, Double exponentValue, boolean elementwise);

    abstract Piece transpose(Piece operand);

    abstract Piece inverse(Piece operand);

    /** {@code X⁻ᵀ}. */
    abstract Piece inverseTranspose(Piece operand);

    abstract Piece norm(Piece operand);

    /** NaN is a word and ∞ a symbol, whichever way the format spells them. */
    @Override
    final Piece magnitude(double value) {
        if (Double.isNaN(value)) {
            return Piece.atom(Doc.text(notANumber), ATOM, Edge.WORD, Edge.WORD);
        }
        if (Double.isInfinite(value)) {
            return Piece.atom(Doc.text(infinity), ATOM, Edge.SYMBOL, Edge.SYMBOL);
        }
        return decimal(Numbers.magnitude(value));
    }

    @Override
    final Piece identity() {
        return Piece.atom(Doc.text("I"), ATOM, Edge.LETTER, Edge.LETTER);
    }

    /**
     * A constant of a non-scalar shape, outside an element-wise operator: a digit's own symbol, the
     * transpose of a column for a row, and {@code c·1⃗} for other values.
     */
    final Piece fill(double value, Shape shape) {
        if (shape.isRow()) {
            return transpose(fill(value, shape.transpose()));
        }
        if (value == Math.rint(value) && value >= 0 && value <= 9) {
            return digitFill((int) value, shape);
        }
        return juxtapose(magnitude(value), fill(1, shape), false);
    }

    // ---- nodes ----------------------------------------------------------------------------------

    @Override
    public final Piece visitConstant(Constant c) {
        if (c.shape().isScalar()) {
            return number(c.value());
        }
        return c.value() < 0 ? negation(fill(-c.value(), c.shape())) : fill(c.value(), c.shape());
    }

    /** A negated term after another is subtracted: {@code a + (−2x)} is {@code a − 2x}. */
    @Override
    final Piece addition(Piece left, Piece right, boolean subtract) {
        if (!subtract && right.isNegation()) {
            return plusOrMinus(left, right.negated(), true);
        }
        return plusOrMinus(left, right, subtract);
    }

    @Override
    public final Piece visitScale(Scale s) {
        if (s.factor() instanceof Constant c && Math.abs(c.value()) == 1) {
            return c.value() > 0 ? piece(s.operand()) : negation(piece(s.operand()));
        }
        Piece factor = piece(s.factor());
        boolean negative = factor.isNegation();
        if (negative) {
            factor = factor.negated();
        }
        if (factor.product() && factor.level() <= JUXTAPOSITION) {
            factor = group(factor);
        }
        Piece scaled = juxtapose(factor, piece(s.operand()), false);
        return negative ? negation(scaled) : scaled;
    }

    @Override
    public final Piece visitProduct(Product p) {
        return juxtapose(piece(p.left()), piece(p.right()), true);
    }

    @Override
    public final Piece visitPower(Power p) {
        if (p.shape().isScalar()) {
            return power(piece(p.base()), piece(p.exponent()), valueOf(p.exponent()), false);
        }
        // A scalar base over a vector exponent, 2^x, is element-wise without saying so.
        Expr[] operands = Expansion.operands(p.base(), p.exponent());
        boolean elementwise = !operands[0].shape().isScalar();
        return power(piece(operands[0]), piece(operands[1]), elementwise ? valueOf(operands[1]) : null, elementwise);
    }

    @Override
    public final Piece visitTranspose(Transpose t) {
        return t.operand() instanceof Inverse i ? inverseTranspose(piece(i.operand())) : transpose(piece(t.operand()));
    }

    @Override
    public final Piece visitInverse(Inverse i) {
        return i.operand() instanceof Transpose t ? inverseTranspose(piece(t.operand())) : inverse(piece(i.operand()));
    }

    @Override
    public final Piece visitNorm2(Norm2 n) {
        return norm(piece(n.operand()));
    }

    /** The value of a constant exponent ({@code 2}, {@code −1}), or null. */
    private static Double valueOf(Expr exponent) {
        if (exponent instanceof Constant c) {
            return c.value();
        }
        if (exponent instanceof Negate n && n.operand() instanceof Constant c) {
            return -c.value();
        }
        return null;
    }

    // ---- juxtaposition --------------------------------------------------------------------------

    /**
     * Two factors side by side. A negated factor's sign goes in front of both; a factor that starts
     * with a number is set off, {@code x·2}, or parenthesized if it is a product itself, {@code A(2x)}.
     */
    final Piece juxtapose(Piece left, Piece right, boolean matrixProduct) {
        if (left.isNegation()) {
            return negation(juxtapose(slot(left.negated(), JUXTAPOSITION, false), right, matrixProduct));
        }
        if (right.isNegation()) {
            return negation(juxtapose(left, slot(right.negated(), JUXTAPOSITION, false), matrixProduct));
        }
        Piece l = slot(left, JUXTAPOSITION, false);
        Piece r = slot(right, JUXTAPOSITION, false);
        String separator;
        if (r.first() == Edge.NUMBER && r.level() <= JUXTAPOSITION) {
            r = group(r);
            separator = juxtaposition(l, r);
        } else if (r.first() == Edge.NUMBER) {
            separator = numberJuxtaposition();
        } else {
            separator = juxtaposition(l, r);
        }
        return new Piece(Doc.of(l.doc(), separator, r.doc()), JUXTAPOSITION, null, l.first(), r.last(),
                r.superscript(), matrixProduct || l.product() || r.product());
    }
}

package dev.chainrule.print;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Expr.Add;
import dev.chainrule.graph.Expr.Apply;
import dev.chainrule.graph.Expr.Constant;
import dev.chainrule.graph.Expr.Det;
import dev.chainrule.graph.Expr.Diagonal;
import dev.chainrule.graph.Expr.DiagonalMatrix;
import dev.chainrule.graph.Expr.Divide;
import dev.chainrule.graph.Expr.Hadamard;
import dev.chainrule.graph.Expr.Identity;
import dev.chainrule.graph.Expr.Inverse;
import dev.chainrule.graph.Expr.LogDet;
import dev.chainrule.graph.Expr.LogSumExp;
import dev.chainrule.graph.Expr.Max;
import dev.chainrule.graph.Expr.Negate;
import dev.chainrule.graph.Expr.Norm2;
import dev.chainrule.graph.Expr.Power;
import dev.chainrule.graph.Expr.Product;
import dev.chainrule.graph.Expr.Scale;
import dev.chainrule.graph.Expr.Size;
import dev.chainrule.graph.Expr.Sum;
import dev.chainrule.graph.Expr.Trace;
import dev.chainrule.graph.Expr.Transpose;
import dev.chainrule.graph.Expr.Variable;
import dev.chainrule.graph.Fn;
import dev.chainrule.graph.Traversal;
import dev.chainrule.print.Piece.Edge;
import dev.chainrule.shape.Shape;
import java.util.IdentityHashMap;
import java.util.Map;

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
abstract class MathPrinter {
    // Precedence levels, loosest first.
    static final int ADD = 1;
    /** ⊙, ⊘ and / */
    static final int ELEMENT = 2;
    static final int UNARY = 3;
    static final int JUXTAPOSITION = 4;
    static final int POWER = 5;
    static final int POSTFIX = 6;
    static final int ATOM = 7;

    private final Map<Expr, Piece> printed = new IdentityHashMap<>();

    final String print(Expr root) {
        for (Expr node : Traversal.postOrder(root)) {
            printed.put(node, node(node));
        }
        return printed.get(root).doc().render();
    }

    // ---- the notation ---------------------------------------------------------------------------

    /** A variable's name, or a dimension's. */
    abstract Piece name(String name);

    /** A finite non-negative number, an infinity or a NaN. */
    abstract Piece magnitude(double value);

    /** A constant of a non-scalar shape, outside an element-wise operator. */
    abstract Piece fill(double value, Shape shape);

    abstract Piece identity();

    /** The sign of a negation: {@code −} or {@code -}. */
    abstract String minus();

    abstract String plusOperator();

    abstract String minusOperator();

    abstract String hadamardOperator();

    abstract String elementDivideOperator();

    /** What separates two juxtaposed factors; the right one does not start with a number. */
    abstract String juxtaposition(Piece left, Piece right);

    /** What separates a factor from a number after it: {@code x·2}. */
    abstract String numberJuxtaposition();

    /** {@code a/b} of scalars, or of a non-scalar by an expanded scalar. */
    abstract Piece divide(Piece dividend, Piece divisor);

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

    /** A function by its name in the language: {@code sum}, {@code tr}, {@code diag}, {@code tanh}, {@code max}... */
    abstract Piece call(String function, Piece... args);

    /** Parentheses around a piece. */
    abstract Piece group(Piece p);

    // ---- nodes ----------------------------------------------------------------------------------

    private Piece piece(Expr e) {
        Piece p = printed.get(e);
        return p != null ? p : node(e);
    }

    private Piece node(Expr e) {
        if (e instanceof Variable v) {
            return name(v.name());
        }
        if (e instanceof Constant c) {
            if (c.shape().isScalar()) {
                return number(c.value());
            }
            return c.value() < 0 ? negation(fill(-c.value(), c.shape())) : fill(c.value(), c.shape());
        }
        if (e instanceof Identity) {
            return identity();
        }
        if (e instanceof Size s) {
            return name(s.dim().toString());
        }
        if (e instanceof Add a) {
            Expr right = a.right();
            boolean subtract = false;
            if (right instanceof Negate n) {
                right = n.operand();
                subtract = true;
            }
            Expr[] operands = Expansion.operands(a.left(), right);
            Piece r = piece(operands[1]);
            if (!subtract && r.isNegation()) {
                r = r.negated();
                subtract = true;
            }
            return binary(piece(operands[0]), subtract ? minusOperator() : plusOperator(), r, ADD);
        }
        if (e instanceof Negate n) {
            return negation(piece(n.operand()));
        }
        if (e instanceof Scale s) {
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
        if (e instanceof Product p) {
            return juxtapose(piece(p.left()), piece(p.right()), true);
        }
        if (e instanceof Hadamard h) {
            return binary(piece(h.left()), hadamardOperator(), piece(h.right()), ELEMENT);
        }
        if (e instanceof Divide d) {
            if (d.shape().isScalar()) {
                return divide(piece(d.left()), piece(d.right()));
            }
            Expr divisor = Expansion.scalarOf(d.right());
            if (divisor != null) {
                return divide(piece(d.left()), piece(divisor));
            }
            Expr[] operands = Expansion.operands(d.left(), d.right());
            return binary(piece(operands[0]), elementDivideOperator(), piece(operands[1]), ELEMENT);
        }
        if (e instanceof Power p) {
            if (p.shape().isScalar()) {
                return power(piece(p.base()), piece(p.exponent()), valueOf(p.exponent()), false);
            }
            // A scalar base over a vector exponent, 2^x, is element-wise without saying so.
            Expr[] operands = Expansion.operands(p.base(), p.exponent());
            boolean elementwise = !operands[0].shape().isScalar();
            return power(piece(operands[0]), piece(operands[1]), elementwise ? valueOf(operands[1]) : null, elementwise);
        }
        if (e instanceof Transpose t) {
            return t.operand() instanceof Inverse i ? inverseTranspose(piece(i.operand())) : transpose(piece(t.operand()));
        }
        if (e instanceof Inverse i) {
            return i.operand() instanceof Transpose t ? inverseTranspose(piece(t.operand())) : inverse(piece(i.operand()));
        }
        if (e instanceof Apply a) {
            return a.fn() == Fn.RELU ? call("max", magnitude(0), piece(a.operand())) : call(a.fn().symbol(), piece(a.operand()));
        }
        if (e instanceof Max m) {
            Expr[] operands = Expansion.operands(m.left(), m.right());
            return call("max", piece(operands[0]), piece(operands[1]));
        }
        if (e instanceof Sum s) {
            return call("sum", piece(s.operand()));
        }
        if (e instanceof Norm2 n) {
            return norm(piece(n.operand()));
        }
        if (e instanceof LogSumExp l) {
            return call("logsumexp", piece(l.operand()));
        }
        if (e instanceof Expr.Softmax s) {
            return call("softmax", piece(s.operand()));
        }
        if (e instanceof Trace t) {
            return call("tr", piece(t.operand()));
        }
        if (e instanceof Det d) {
            return call("det", piece(d.operand()));
        }
        if (e instanceof LogDet l) {
            return call("logdet", piece(l.operand()));
        }
        if (e instanceof DiagonalMatrix d) {
            return call("diag", piece(d.operand()));
        }
        if (e instanceof Diagonal d) {
            return call("diag", piece(d.operand()));
        }
        throw new IllegalArgumentException("cannot print a " + e.getClass().getSimpleName() + " node");
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

    // ---- shared forms ---------------------------------------------------------------------------

    final Piece number(double value) {
        return value < 0 ? negation(magnitude(-value)) : magnitude(value);
    }

    final Piece negation(Piece operand) {
        Piece placed = slot(operand, UNARY, true);
        return new Piece(Doc.of(minus(), placed.doc()), UNARY, operand, Edge.SYMBOL, placed.last(), placed.superscript(), false);
    }

    /** A left-associative operator between spaces. */
    final Piece binary(Piece left, String op, Piece right, int level) {
        Piece l = slot(left, level, false);
        Piece r = slot(right, level + 1, true);
        return new Piece(Doc.of(l.doc(), op, r.doc()), level, null, l.first(), r.last(), r.superscript(), false);
    }

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

    /** {@code p} where a piece of level {@code min} is needed; a negation after an operator is parenthesized. */
    final Piece slot(Piece p, int min, boolean right) {
        return p.level() < min || (right && p.isNegation()) ? group(p) : p;
    }
}

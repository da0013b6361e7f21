package dev.chainrule.print;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Expr.Constant;
import dev.chainrule.graph.Expr.Power;
import dev.chainrule.graph.Expr.Product;
import dev.chainrule.graph.Expr.Scale;
import dev.chainrule.graph.Expr.Transpose;
import dev.chainrule.print.Piece.Edge;

/**
 * The input syntax, which the type checker reads back to the same node: given the shapes of the
 * expression's variables and of its result, {@code TypeChecker.expression(print(e), ...)} is
 * {@code e} itself, the interned object.
 *
 * <p>How each node is written, and why it reads back the same:
 * <ul>
 *   <li>parentheses only where precedence and associativity need them ({@code a - (b - c)},
 *       {@code a - b - c}, {@code 2^a^b}, {@code (2^a)^b}, {@code (A*B)'}); a unary minus after
 *       another operator is parenthesized for legibility ({@code a*(-b)}, {@code -(-x)});
 *   <li>{@code a + (-b)} is {@code a - b}, which the builder turns back into {@code a + (-b)};
 *   <li>scalar expansion is undone on one side of an element-wise operator ({@link Expansion}):
 *       {@code X*w + b·1⃗} is {@code X*w + b}, {@code x .^ 2⃗} is {@code x .^ 2};
 *   <li>elsewhere a constant of a non-scalar shape is {@code vector(c)}, {@code vector(c)'} or
 *       {@code matrix(c)}, the identity {@code eye} and {@code s·1⃗} is {@code s*vector(1)}: these
 *       take their size from their context, or from the result shape given to the type checker;
 *   <li>a size is its dimension's name, the rectifier {@code max(0, z)}, the other functions their
 *       names in the language;
 *   <li>numbers in the fewest digits that read back as the same double ({@link Numbers}).
 * </ul>
 *
 * <p>Some graphs have no spelling in the language, and print as the nearest expression of the same
 * value: a negative constant (the language has no negative literals: {@code -2} is the negation of
 * {@code 2}), a NaN ({@code 0/0}), {@code max(a, 0)} with a zero that is not a rectifier, a size
 * whose dimension no variable has, and a constant or identity whose size nothing around it fixes,
 * as in {@code sum(vector(1))}.
 */
final class AsciiPrinter extends TreePrinter {
    AsciiPrinter() {
        super(new Symbols("-", " + ", " - ", " .* ", " ./ "));
    }

    @Override
    Piece name(String name) {
        return atom(name);
    }

    /** The language has no NaN or infinities: they print as expressions of their value, {@code 0/0}, {@code 1e999}. */
    @Override
    Piece magnitude(double value) {
        if (Double.isNaN(value)) {
            return Piece.atom(Doc.text("0/0"), MULTIPLY, Edge.SYMBOL, Edge.SYMBOL);
        }
        return atom(Double.isInfinite(value) ? "1e999" : Numbers.magnitude(value));
    }

    @Override
    Piece identity() {
        return atom("eye");
    }

    @Override
    Piece divide(Piece dividend, Piece divisor) {
        return binary(dividend, "/", divisor, MULTIPLY);
    }

    /** {@code a + (-2)} stays as it is: unlike the notation, the syntax keeps the negative number. */
    @Override
    Piece addition(Piece left, Piece right, boolean subtract) {
        return plusOrMinus(left, right, subtract);
    }

    /** {@code [a, b; c, d]}: commas within a block row, semicolons between. */
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
        return call("kron", left, right);
    }

    @Override
    Piece commutation(String m, String n) {
        return call("commutation", atom(m), atom(n));
    }

    @Override
    public Piece visitConstant(Constant c) {
        return c.shape().isScalar() ? number(c.value()) : fill(c);
    }

    @Override
    public Piece visitScale(Scale s) {
        return binary(piece(s.factor()), "*", piece(s.operand()), MULTIPLY);
    }

    @Override
    public Piece visitProduct(Product p) {
        return binary(piece(p.left()), "*", piece(p.right()), MULTIPLY);
    }

    @Override
    public Piece visitPower(Power p) {
        if (p.shape().isScalar()) {
            return power(piece(p.base()), "^", piece(p.exponent()));
        }
        Expr[] operands = Expansion.operands(p.base(), p.exponent());
        return power(piece(operands[0]), " .^ ", piece(operands[1]));
    }

    @Override
    public Piece visitTranspose(Transpose t) {
        return transpose(piece(t.operand()));
    }

    /**
     * A constant of a non-scalar shape, on its own: the constructor, sized by its context. A
     * negative value stays inside, {@code vector(-2)}.
     */
    private Piece fill(Constant c) {
        Piece value = number(c.value());
        if (c.shape().isVector()) {
            return call("vector", value);
        }
        if (c.shape().isRow()) {
            return transpose(call("vector", value));
        }
        return call("matrix", value);
    }

    private Piece transpose(Piece operand) {
        return Piece.atom(Doc.of(slot(operand, POSTFIX, false).doc(), "'"), POSTFIX, Edge.SYMBOL, Edge.SYMBOL);
    }

    /** {@code ^} and {@code .^}, right-associative: the base is a postfix expression or an atom. */
    private Piece power(Piece base, String op, Piece exponent) {
        Doc doc = Doc.of(slot(base, POSTFIX, false).doc(), op, slot(exponent, POWER, true).doc());
        return Piece.atom(doc, POWER, Edge.SYMBOL, Edge.SYMBOL);
    }

    private static Piece atom(String text) {
        return Piece.atom(Doc.text(text), ATOM, Edge.SYMBOL, Edge.SYMBOL);
    }
}

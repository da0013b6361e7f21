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
import java.util.IdentityHashMap;
import java.util.Map;

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
final class AsciiPrinter {
    // Precedence levels, loosest first, as in Calc.g4.
    static final int ADD = 1;
    static final int MUL = 2;
    static final int UNARY = 3;
    static final int POWER = 4;
    static final int POSTFIX = 5;
    static final int ATOM = 6;

    private final Map<Expr, Piece> printed = new IdentityHashMap<>();

    private AsciiPrinter() {}

    static String print(Expr root) {
        AsciiPrinter printer = new AsciiPrinter();
        for (Expr node : Traversal.postOrder(root)) {
            printer.printed.put(node, printer.node(node));
        }
        return printer.printed.get(root).doc().render();
    }

    /** A node printed before its parents, or a scalar constant made to undo an expansion. */
    private Piece piece(Expr e) {
        Piece p = printed.get(e);
        return p != null ? p : node(e);
    }

    private Piece node(Expr e) {
        if (e instanceof Variable v) {
            return atom(v.name());
        }
        if (e instanceof Constant c) {
            return c.shape().isScalar() ? number(c.value()) : fill(c);
        }
        if (e instanceof Identity) {
            return atom("eye");
        }
        if (e instanceof Size s) {
            return atom(s.dim().toString());
        }
        if (e instanceof Add a) {
            Expr right = a.right();
            String op = " + ";
            if (right instanceof Negate n) {
                right = n.operand();
                op = " - ";
            }
            Expr[] operands = Expansion.operands(a.left(), right);
            return binary(piece(operands[0]), op, piece(operands[1]), ADD);
        }
        if (e instanceof Negate n) {
            return negation(piece(n.operand()));
        }
        if (e instanceof Scale s) {
            return binary(piece(s.factor()), "*", piece(s.operand()), MUL);
        }
        if (e instanceof Hadamard h) {
            return binary(piece(h.left()), " .* ", piece(h.right()), MUL);
        }
        if (e instanceof Divide d) {
            if (d.shape().isScalar()) {
                return binary(piece(d.left()), "/", piece(d.right()), MUL);
            }
            Expr divisor = Expansion.scalarOf(d.right());
            if (divisor != null) {
                return binary(piece(d.left()), "/", piece(divisor), MUL);
            }
            Expr[] operands = Expansion.operands(d.left(), d.right());
            return binary(piece(operands[0]), " ./ ", piece(operands[1]), MUL);
        }
        if (e instanceof Power p) {
            if (p.shape().isScalar()) {
                return power(piece(p.base()), "^", piece(p.exponent()));
            }
            Expr[] operands = Expansion.operands(p.base(), p.exponent());
            return power(piece(operands[0]), " .^ ", piece(operands[1]));
        }
        if (e instanceof Product p) {
            return binary(piece(p.left()), "*", piece(p.right()), MUL);
        }
        if (e instanceof Transpose t) {
            return piece(Doc.of(slot(piece(t.operand()), POSTFIX, false).doc(), "'"), POSTFIX);
        }
        if (e instanceof Apply a) {
            return a.fn() == Fn.RELU ? call("max", atom("0"), piece(a.operand())) : call(a.fn().symbol(), piece(a.operand()));
        }
        if (e instanceof Max m) {
            Expr[] operands = Expansion.operands(m.left(), m.right());
            return call("max", piece(operands[0]), piece(operands[1]));
        }
        if (e instanceof Sum s) {
            return call("sum", piece(s.operand()));
        }
        if (e instanceof Norm2 n) {
            return call("norm2", piece(n.operand()));
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
        if (e instanceof Inverse i) {
            return call("inv", piece(i.operand()));
        }
        if (e instanceof DiagonalMatrix d) {
            return call("diag", piece(d.operand()));
        }
        if (e instanceof Diagonal d) {
            return call("diag", piece(d.operand()));
        }
        throw new IllegalArgumentException("cannot print a " + e.getClass().getSimpleName() + " node");
    }

    /** A constant of a non-scalar shape, on its own: the constructor, sized by its context. */
    private Piece fill(Constant c) {
        Piece value = number(c.value());
        if (c.shape().isVector()) {
            return call("vector", value);
        }
        if (c.shape().isRow()) {
            return piece(Doc.of(call("vector", value).doc(), "'"), POSTFIX);
        }
        return call("matrix", value);
    }

    /**
     * A scalar constant. The language has no negative literals, NaN or infinities; these print as
     * the nearest expression of the same value ({@code -2}, {@code 0/0}, {@code 1e999}).
     */
    static Piece number(double value) {
        if (Double.isNaN(value)) {
            return piece(Doc.text("0/0"), MUL);
        }
        if (value < 0) {
            return negation(number(-value));
        }
        return atom(Double.isInfinite(value) ? "1e999" : Numbers.magnitude(value));
    }

    private static Piece negation(Piece operand) {
        Doc doc = Doc.of("-", slot(operand, UNARY, true).doc());
        return new Piece(doc, UNARY, operand, Edge.SYMBOL, operand.last(), false, false);
    }

    /** A left-associative binary operator: the right operand binds tighter than the operator. */
    private static Piece binary(Piece left, String op, Piece right, int level) {
        return piece(Doc.of(slot(left, level, false).doc(), op, slot(right, level + 1, true).doc()), level);
    }

    /** {@code ^} and {@code .^}, right-associative: the base is a postfix expression or an atom. */
    private static Piece power(Piece base, String op, Piece exponent) {
        return piece(Doc.of(slot(base, POSTFIX, false).doc(), op, slot(exponent, POWER, true).doc()), POWER);
    }

    /** {@code f(a, b)}, of one or more arguments. */
    private static Piece call(String function, Piece... args) {
        Object[] parts = new Object[2 * args.length + 1];
        parts[0] = function + "(";
        for (int i = 0; i < args.length; i++) {
            parts[2 * i + 1] = args[i].doc();
            parts[2 * i + 2] = i + 1 < args.length ? ", " : ")";
        }
        return piece(Doc.of(parts), ATOM);
    }

    /**
     * {@code p} where an operand of level {@code min} is needed, parenthesized if it binds more
     * loosely; a negation after an operator ({@code right}) is parenthesized too.
     */
    private static Piece slot(Piece p, int min, boolean right) {
        if (p.level() < min || (right && p.isNegation())) {
            return piece(Doc.of("(", p.doc(), ")"), ATOM);
        }
        return p;
    }

    private static Piece atom(String text) {
        return piece(Doc.text(text), ATOM);
    }

    private static Piece piece(Doc doc, int level) {
        return Piece.atom(doc, level, Edge.SYMBOL, Edge.SYMBOL);
    }
}

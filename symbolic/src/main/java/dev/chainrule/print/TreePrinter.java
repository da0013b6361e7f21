package dev.chainrule.print;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Expr.Add;
import dev.chainrule.graph.Expr.Apply;
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
import dev.chainrule.graph.Expr.Size;
import dev.chainrule.graph.Expr.Softmax;
import dev.chainrule.graph.Expr.Sum;
import dev.chainrule.graph.Expr.Trace;
import dev.chainrule.graph.Expr.Variable;
import dev.chainrule.graph.Fn;
import dev.chainrule.graph.FunctionNames;
import dev.chainrule.graph.Traversal;
import dev.chainrule.print.Piece.Edge;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the three text formats share: the walk, the nodes they write alike, and placing a piece by
 * precedence. Each format is a visitor that prints a node from its operands' pieces, printed before
 * it; what differs between formats are the symbols ({@link Symbols}), the pieces a subclass builds
 * ({@link #name}, {@link #magnitude}, ...), and the visits it implements itself (constants,
 * scalings, products, powers and transposes, which the input syntax and the paper's notation write
 * differently).
 *
 * <p>The graph is walked in post-order without recursion, each distinct node once; a piece holds its
 * text as a {@link Doc}, which shares its operands' docs instead of copying them, so deep and shared
 * graphs print in time linear in the text.
 */
abstract class TreePrinter implements Expr.Visitor<Piece> {
    // Precedence levels, loosest first. The input syntax has no juxtaposition.
    static final int ADD = 1;
    /** {@code * .* / ./} in the input syntax; {@code ⊙ ⊘ /} in the notation, where products are juxtaposed. */
    static final int MULTIPLY = 2;
    static final int UNARY = 3;
    static final int JUXTAPOSITION = 4;
    static final int POWER = 5;
    static final int POSTFIX = 6;
    static final int ATOM = 7;

    /**
     * How a format writes its operators: the sign of a negation, the binary operators between their
     * spaces.
     */
    record Symbols(String minus, String plus, String subtract, String hadamard, String elementDivide) {}

    private final Symbols symbols;
    private final Map<Expr, Piece> printed = new IdentityHashMap<>();

    TreePrinter(Symbols symbols) {
        this.symbols = symbols;
    }

    final String print(Expr root) {
        for (Expr node : Traversal.postOrder(root)) {
            printed.put(node, node.accept(this));
        }
        return printed.get(root).doc().render();
    }

    /** A node printed before its parents, or one made only to be printed (the scalar of an expansion). */
    final Piece piece(Expr e) {
        Piece p = printed.get(e);
        return p != null ? p : e.accept(this);
    }

    // ---- what a format supplies -----------------------------------------------------------------

    /** A variable's name, or a dimension's. */
    abstract Piece name(String name);

    /** A finite non-negative number, an infinity or a NaN. */
    abstract Piece magnitude(double value);

    abstract Piece identity();

    /** {@code a/b} of scalars, or of a non-scalar by an expanded scalar. */
    abstract Piece divide(Piece dividend, Piece divisor);

    /** {@code a + b}, or {@code a − b} when {@code subtract}: {@code b} is then what is subtracted. */
    abstract Piece addition(Piece left, Piece right, boolean subtract);

    /** A block matrix, its block rows of pieces: {@code [a, b; c, d]}. */
    abstract Piece block(List<List<Piece>> rows);

    /**
     * Entries of a value: {@code x[3]}, {@code A[2, 3]}, {@code x[2:5]}. Each index is 1-based
     * text, a position or a range {@code first:last}.
     */
    abstract Piece index(Piece operand, List<String> indices);

    /** A ⊗ B. */
    abstract Piece kronecker(Piece left, Piece right);

    /** The commutation matrix of an m × n matrix. */
    abstract Piece commutation(String m, String n);

    // ---- the nodes every format writes alike ----------------------------------------------------

    @Override
    public final Piece visitVariable(Variable v) {
        return name(v.name());
    }

    @Override
    public final Piece visitIdentity(Identity node) {
        return identity();
    }

    @Override
    public final Piece visitSize(Size s) {
        return name(s.dim().toString());
    }

    /** {@code a + (−b)} is {@code a − b}; an expanded scalar is written as the scalar, on one side. */
    @Override
    public final Piece visitAdd(Add a) {
        Expr right = a.right();
        boolean subtract = false;
        if (right instanceof Negate n) {
            right = n.operand();
            subtract = true;
        }
        Expr[] operands = Expansion.operands(a.left(), right);
        return addition(piece(operands[0]), piece(operands[1]), subtract);
    }

    @Override
    public final Piece visitNegate(Negate n) {
        return negation(piece(n.operand()));
    }

    @Override
    public final Piece visitHadamard(Hadamard h) {
        return binary(piece(h.left()), symbols.hadamard(), piece(h.right()), MULTIPLY);
    }

    /** Division by a scalar, expanded or not, is {@code a/b}; anything else is element-wise. */
    @Override
    public final Piece visitDivide(Divide d) {
        if (d.shape().isScalar()) {
            return divide(piece(d.left()), piece(d.right()));
        }
        Expr divisor = Expansion.scalarOf(d.right());
        if (divisor != null) {
            return divide(piece(d.left()), piece(divisor));
        }
        Expr[] operands = Expansion.operands(d.left(), d.right());
        return binary(piece(operands[0]), symbols.elementDivide(), piece(operands[1]), MULTIPLY);
    }

    /** The rectifier is {@code max(0, z)}, as the paper writes it; other functions go by name. */
    @Override
    public final Piece visitApply(Apply a) {
        return a.fn() == Fn.RELU ? call("max", number(0), piece(a.operand())) : functionCall(a);
    }

    @Override
    public final Piece visitMax(Max m) {
        Expr[] operands = Expansion.operands(m.left(), m.right());
        return call("max", piece(operands[0]), piece(operands[1]));
    }

    // Reductions and matrix functions, by the language's names: sum(x), tr(A), diag(x).
    @Override public final Piece visitSum(Sum node) { return functionCall(node); }
    @Override public final Piece visitLogSumExp(LogSumExp node) { return functionCall(node); }
    @Override public final Piece visitSoftmax(Softmax node) { return functionCall(node); }
    @Override public final Piece visitTrace(Trace node) { return functionCall(node); }
    @Override public final Piece visitDet(Det node) { return functionCall(node); }
    @Override public final Piece visitLogDet(LogDet node) { return functionCall(node); }
    @Override public final Piece visitDiagonalMatrix(DiagonalMatrix node) { return functionCall(node); }
    @Override public final Piece visitDiagonal(Diagonal node) { return functionCall(node); }

    @Override
    public final Piece visitBlock(Expr.Block b) {
        List<List<Piece>> rows = new java.util.ArrayList<>();
        for (int r = 0; r < b.rows(); r++) {
            List<Piece> row = new java.util.ArrayList<>();
            for (int c = 0; c < b.columns(); c++) {
                row.add(piece(b.part(r, c)));
            }
            rows.add(row);
        }
        return block(rows);
    }

    /** 1-based, as the paper's subscripts: a vector's or a row's one index, a matrix's two. */
    @Override
    public final Piece visitSlice(Expr.Slice s) {
        Shape whole = s.operand().shape();
        List<String> indices = new java.util.ArrayList<>();
        if (!whole.isRow()) {
            indices.add(range(s.row(), s.shape().rows()));
        }
        if (!whole.isVector()) {
            indices.add(range(s.column(), s.shape().cols()));
        }
        return index(piece(s.operand()), indices);
    }

    private static String range(Dim offset, Dim size) {
        String first = Dim.sum(offset, Dim.ONE).toString();
        return size.equals(Dim.ONE) ? first : first + ":" + Dim.sum(offset, size);
    }

    @Override
    public final Piece visitKronecker(Expr.Kronecker k) {
        return kronecker(piece(k.left()), piece(k.right()));
    }

    /** {@code vec(X)}; another reshape names its shape, {@code reshape(v, m, n)}. */
    @Override
    public final Piece visitReshape(Expr.Reshape r) {
        if (r.shape().isVector()) {
            return functionCall(r);
        }
        Shape to = r.shape();
        return call("reshape", piece(r.operand()), dim(to.rows()), dim(to.cols()));
    }

    @Override
    public final Piece visitCommutation(Expr.Commutation k) {
        return commutation(k.m().toString(), k.n().toString());
    }

    /** A dimension as an argument: a name, a number or a compound in parentheses. */
    private Piece dim(Dim d) {
        if (d instanceof Dim.Fixed f) {
            return magnitude(f.size());
        }
        return d instanceof Dim.Symbol s ? name(s.name()) : group(name(d.toString()));
    }

    /** {@code norm2(x)}, unless the format has a sign for it. */
    @Override
    public Piece visitNorm2(Norm2 node) {
        return functionCall(node);
    }

    /** {@code inv(A)}, unless the format has a sign for it. */
    @Override
    public Piece visitInverse(Inverse node) {
        return functionCall(node);
    }

    /** A node of one operand that the language writes as a call, {@code sum(x)}, by the language's name. */
    private Piece functionCall(Expr node) {
        return call(FunctionNames.of(node), piece(node.children().get(0)));
    }

    // ---- placing pieces -------------------------------------------------------------------------

    /** A scalar constant: a magnitude, negated if it is negative. */
    final Piece number(double value) {
        return value < 0 ? negation(magnitude(-value)) : magnitude(value);
    }

    final Piece negation(Piece operand) {
        Piece placed = slot(operand, UNARY, true);
        return new Piece(Doc.of(symbols.minus(), placed.doc()), UNARY, operand, Edge.SYMBOL, placed.last(),
                placed.superscript(), false);
    }

    /** {@code a + b} or {@code a − b} as the operators of {@link Symbols} write them. */
    final Piece plusOrMinus(Piece left, Piece right, boolean subtract) {
        return binary(left, subtract ? symbols.subtract() : symbols.plus(), right, ADD);
    }

    /** A left-associative operator: the right operand binds tighter than the operator. */
    final Piece binary(Piece left, String op, Piece right, int level) {
        Piece l = slot(left, level, false);
        Piece r = slot(right, level + 1, true);
        return new Piece(Doc.of(l.doc(), op, r.doc()), level, null, l.first(), r.last(), r.superscript(), false);
    }

    /**
     * {@code p} where an operand of level {@code min} is needed, parenthesized if it binds more
     * loosely; a negation after an operator ({@code right}) is parenthesized too, {@code a*(-b)}.
     */
    final Piece slot(Piece p, int min, boolean right) {
        return p.level() < min || (right && p.isNegation()) ? group(p) : p;
    }

    /** {@code f(a, b)}, of one or more arguments. */
    Piece call(String function, Piece... args) {
        Object[] parts = new Object[2 * args.length + 1];
        parts[0] = function + "(";
        for (int i = 0; i < args.length; i++) {
            parts[2 * i + 1] = args[i].doc();
            parts[2 * i + 2] = i + 1 < args.length ? ", " : ")";
        }
        return Piece.atom(Doc.of(parts), ATOM, Edge.WORD, Edge.CALL);
    }

    /** {@code [a, b; c, d]} with the given separators, as the input syntax and the text notation write it. */
    final Piece bracketed(List<List<Piece>> rows, String withinRow, String betweenRows) {
        List<Object> parts = new java.util.ArrayList<>();
        parts.add("[");
        for (int r = 0; r < rows.size(); r++) {
            if (r > 0) {
                parts.add(betweenRows);
            }
            for (int c = 0; c < rows.get(r).size(); c++) {
                if (c > 0) {
                    parts.add(withinRow);
                }
                parts.add(rows.get(r).get(c).doc());
            }
        }
        parts.add("]");
        return Piece.atom(Doc.of(parts.toArray()), ATOM, Edge.OPEN, Edge.CLOSE);
    }

    /** {@code x[3]}, {@code A[2, 3]}: the operand, then its indices in brackets. */
    final Piece subscript(Piece operand, List<String> indices) {
        Piece o = slot(operand, POSTFIX, false);
        return Piece.atom(Doc.of(o.doc(), "[" + String.join(", ", indices) + "]"), POSTFIX, o.first(), Edge.CLOSE);
    }

    /** Parentheses around a piece. */
    Piece group(Piece p) {
        return Piece.atom(Doc.of("(", p.doc(), ")"), ATOM, Edge.OPEN, Edge.CLOSE);
    }
}

package dev.chainrule.typing;

import static dev.chainrule.graph.Expr.*;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.Ast;
import java.util.List;
import java.util.function.Function;

/**
 * Pass two of type checking: builds the expression graph from an AST whose shapes are known.
 * Decides what each operator means from its operands' shapes ({@code *} is a scaling when a side
 * is a scalar, a matrix product otherwise) and makes scalar expansion explicit ({@code x + b} is
 * {@code x + b·1⃗}). The rewrite engine uses it too, to instantiate a rule's right-hand side.
 */
public final class ExprBuilder {
    private final Function<Ast.Name, Expr> names;
    private final Function<Ast, Shape> contextShapes;
    /** The values of the names a {@code where} defines, which the names stand for in what follows. */
    private final java.util.Map<String, Expr> defined = new java.util.HashMap<>();
    /** Every definition of a {@code where} built so far, in order. */
    private final java.util.Map<String, Expr> definitions = new java.util.LinkedHashMap<>();

    /**
     * @param names         the node a name stands for
     * @param contextShapes the inferred shape of a node, for constructors that take their size from
     *                      where they are used ({@code vector(c)}, {@code matrix(c)}, {@code eye})
     */
    public ExprBuilder(Function<Ast.Name, Expr> names, Function<Ast, Shape> contextShapes) {
        this.names = names;
        this.contextShapes = contextShapes;
    }

    public Expr build(Ast ast) {
        return ast.accept(nodes);
    }

    /** The names that the {@code where} clauses built so far define, and their values, in order. */
    public java.util.Map<String, Expr> definitions() {
        return java.util.Collections.unmodifiableMap(definitions);
    }

    /** One node, after its operands (built recursively: the AST is only as deep as the text's nesting). */
    private final Ast.Visitor<Expr> nodes = new Ast.Visitor<>() {
        @Override
        public Expr visitNumber(Ast.Number number) {
            return scalar(number.value());
        }

        @Override
        public Expr visitName(Ast.Name name) {
            Expr value = defined.get(name.id());
            return value != null ? value : names.apply(name);
        }

        /** The body, each name standing for the node its definition builds: the same graph as written out. */
        @Override
        public Expr visitWhere(Ast.Where where) {
            for (Ast.Definition definition : where.definitions()) {
                Expr value = build(definition.value());
                defined.put(definition.name(), value);
                definitions.put(definition.name(), value);
            }
            Expr body = build(where.body());
            where.definitions().forEach(definition -> defined.remove(definition.name()));
            return body;
        }

        @Override
        public Expr visitUnary(Ast.Unary unary) {
            if (unary.op() == Ast.UnaryOp.NEGATE && unary.operand() instanceof Ast.Number number) {
                // -2 is the number −2, as the simplifier writes it, so that printed results parse back.
                return scalar(-number.value());
            }
            Expr operand = build(unary.operand());
            return unary.op() == Ast.UnaryOp.TRANSPOSE ? transpose(operand) : negate(operand);
        }

        @Override
        public Expr visitBinary(Ast.Binary binary) {
            return binary(binary.op(), build(binary.left()), build(binary.right()));
        }

        @Override
        public Expr visitCall(Ast.Call call) {
            return call(call);
        }

        /** A stack of scalars and vectors, or block rows (see ShapeInference#visitLiteral). */
        @Override
        public Expr visitLiteral(Ast.Literal literal) {
            List<Expr> parts = new java.util.ArrayList<>();
            literal.rows().forEach(row -> row.forEach(entry -> parts.add(build(entry))));
            boolean stack = ShapeInference.stacksVertically(literal.rows().size(),
                    parts.stream().map(Expr::shape).toList());
            return block(parts, stack ? 1 : literal.rows().get(0).size());
        }

        /** 1-based indices and inclusive ranges, as offsets from 0 and sizes. */
        @Override
        public Expr visitEntries(Ast.Entries entries) {
            Expr whole = build(entries.operand());
            List<Dim> offsets = new java.util.ArrayList<>();
            List<Dim> sizes = new java.util.ArrayList<>();
            for (Ast.Index index : entries.indices()) {
                Dim first = dimension(index.first());
                Dim last = dimension(index.last());
                offsets.add(Dim.difference(first, Dim.ONE));
                sizes.add(Dim.sum(Dim.difference(last, first), Dim.ONE));
            }
            Shape shape = ShapeInference.entriesShape(whole.shape(), entries.indices(), sizes);
            Shape w = whole.shape();
            Dim row = w.isRow() ? Dim.ZERO : offsets.get(0);
            Dim column = w.isMatrix() ? offsets.get(1) : w.isRow() ? offsets.get(0) : Dim.ZERO;
            return slice(whole, row, column, shape);
        }
    };

    /** A dimension expression the type checker has checked. */
    private static Dim dimension(Ast ast) {
        return DimensionExpressions.of(ast, null, (node, message) -> new IllegalStateException(message));
    }

    private static Expr binary(Ast.BinaryOp op, Expr a, Expr b) {
        return switch (op) {
            case ADD -> elementwise(a, b, Expr::add);
            case SUBTRACT -> elementwise(a, b, Expr::subtract);
            case MULTIPLY -> multiply(a, b);
            case HADAMARD -> times(a, b);
            case DIVIDE, ELEMENT_DIVIDE -> elementwise(a, b, Expr::divide);
            case POWER, ELEMENT_POWER -> elementwise(a, b, Expr::power);
            case DOT -> dot(a, b);
        };
    }

    /** Spreads a scalar operand over the other's shape, the paper's scalar expansion. */
    private static Expr elementwise(Expr a, Expr b, java.util.function.BinaryOperator<Expr> op) {
        return op.apply(expand(a, b.shape()), expand(b, a.shape()));
    }

    /** {@code w · x} is {@code wᵀx} for vectors and {@code sum(A ⊙ B)} for matrices. */
    private static Expr dot(Expr a, Expr b) {
        if (a.shape().isScalar()) {
            return scale(a, b);
        }
        return a.shape().isVector() ? product(transpose(a), b) : sum(hadamard(a, b));
    }

    private Expr call(Ast.Call call) {
        List<Ast> args = call.args();
        Fn fn = Fn.bySymbol(call.function()).orElse(null);
        if (fn != null) {
            return apply(fn, build(args.get(0)));
        }
        Builtin builtin = Builtin.bySymbol(call.function()).orElseThrow();
        if (builtin == Builtin.EYE) {
            return identity(contextShapes.apply(call).rows());
        }
        if (builtin == Builtin.COMMUTATION) {
            return commutation(dimension(args.get(0)), dimension(args.get(1)));
        }
        if (builtin == Builtin.RESHAPE) {
            return reshape(build(args.get(0)), Shape.matrix(dimension(args.get(1)), dimension(args.get(2))));
        }
        Expr a = build(args.get(0));
        return switch (builtin) {
            case SUM -> sum(a);
            case LOGSUMEXP -> logSumExp(a);
            // Of a vector, the node; rules may ask for the softmax of a scalar or a matrix (the gradient
            // of logsumexp), which is over every entry: exp(x − logsumexp(x)).
            case SOFTMAX -> a.shape().isVector() || a.shape().isRow() ? softmax(a)
                    : apply(Fn.EXP, subtract(a, expand(logSumExp(a), a.shape())));
            // log softmax(x) = x − logsumexp(x): no exponential of x itself, so nothing overflows.
            case LOGSOFTMAX -> subtract(a, expand(logSumExp(a), a.shape()));
            case NORM1 -> sum(apply(Fn.ABS, a));
            case NORM2 -> norm2(a);
            case TR -> trace(a);
            case DET -> det(a);
            case LOGDET -> logdet(a);
            case INV -> inverse(a);
            case DIAG -> a.shape().isVector() ? diagonalMatrix(a) : diagonal(a);
            case DOT -> dot(a, build(args.get(1)));
            case MAX -> maximum(a, build(args.get(1)));
            case VECTOR, MATRIX -> expand(a, contextShapes.apply(call));
            case VEC -> vec(a);
            case KRON -> kronecker(a, build(args.get(1)));
            case EYE, COMMUTATION, RESHAPE -> throw new IllegalStateException("handled above");
        };
    }

    /** {@code max(0, z)} is the paper's rectifier, whose derivative at 0 is 0. */
    private static Expr maximum(Expr a, Expr b) {
        if (isZero(a)) {
            return apply(Fn.RELU, expand(b, a.shape()));
        }
        if (isZero(b)) {
            return apply(Fn.RELU, expand(a, b.shape()));
        }
        return elementwise(a, b, Expr::max);
    }

    private static boolean isZero(Expr e) {
        return e instanceof Constant c && c.value() == 0;
    }
}

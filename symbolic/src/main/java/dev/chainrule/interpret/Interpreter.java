package dev.chainrule.interpret;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.NormPower;
import dev.chainrule.graph.Traversal;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.simplify.StableForms;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The reference interpreter: evaluates an expression graph on numbers, straightforwardly, so that
 * generated code and rewrites can be checked against it.
 *
 * <p>Symbolic dimensions take their values from the inputs: a variable {@code x: vector[n]} given
 * five numbers binds {@code n = 5}. Dimensions no input carries (say, the {@code n} of
 * {@code sum(ones(n))}) are given explicitly. Every input must match its variable's declared shape
 * and every other input, or evaluation stops with an {@link EvaluationException} before any
 * arithmetic is done. Inputs the expression does not use are ignored, since simplification may
 * remove a variable from a graph.
 *
 * <p>Shapes are matched by kind with one allowance: vectors and row vectors print alike in JSON, so
 * a variable of either kind accepts a value of either kind (with the right length). A scalar
 * variable needs a scalar and a matrix variable a matrix, even of size 1×1.
 *
 * <p>Arithmetic is IEEE 754 double arithmetic: division by zero, {@code log(-1)} or an overflow give
 * infinities and NaN rather than errors, and {@code max} is {@link Math#max(double, double)} (NaN if
 * either side is). Values are computed as generated code computes them, so that the reference is as
 * robust as the product and both agree on hard input (docs/codegen.md, "Numerics"):
 * <ul>
 *   <li>The {@link StableForms} are rewritten before evaluation: {@code log(sum(exp(x)))} is
 *       evaluated as {@code logsumexp(x)}, {@code log(1 + exp(x))} as {@code softplus(x)},
 *       {@code log(sigmoid(x))} as {@code -softplus(-x)}, and so on, so that none overflows where
 *       the result does not. ({@link #evaluateEveryNode} evaluates every node as it is written.)</li>
 *   <li>{@code logsumexp} and {@code softmax} subtract the largest entry before exponentiating;
 *       {@code logsumexp} takes the limits where that shift would give ∞ − ∞: +∞ if an entry is
 *       +∞, −∞ if every entry is −∞. {@code sigmoid} and {@code softplus} never exponentiate a
 *       positive number.</li>
 *   <li>{@code norm2} scales by a power of two near the largest entry, which is exact, so it
 *       overflows only where the norm itself does; NaN if an entry is NaN.</li>
 *   <li>{@code det}, {@code logdet} and {@code inv} factor the matrix, PA = LU with partial
 *       pivoting. A matrix is singular when a pivot is exactly zero, as LAPACK decides: then
 *       {@code det} is 0, {@code logdet} is −∞ and every entry of {@code inv} is NaN; nothing is
 *       thrown. (A matrix singular in exact arithmetic may have only a tiny pivot after rounding,
 *       as the 3×3 matrix of 1…9 does: its inverse is then dominated by rounding error.)
 *       A matrix with a NaN or infinite entry has NaN for all three.</li>
 * </ul>
 *
 * <p>The graph is evaluated without recursion, in the post-order of {@link Traversal#postOrder}
 * (an explicit stack), each shared node once; a node's value is dropped as soon as its last parent
 * has used it, so deep graphs fit in both stack and heap. Before anything is evaluated, every
 * value is checked to fit ({@link Capacity}).
 */
public final class Interpreter {
    private Interpreter() {}

    /**
     * The value of {@code expr} with its variables set to {@code inputs}, by name, and its symbolic
     * dimensions bound from the inputs' sizes.
     *
     * @throws EvaluationException if a variable has no input, an input does not fit its variable's
     *     shape or contradicts another input, a dimension is carried by no input, or a value would
     *     not fit ({@link Capacity})
     */
    public static Value evaluate(Expr expr, Map<String, Value> inputs) {
        return evaluate(expr, inputs, Map.of());
    }

    /**
     * As {@link #evaluate(Expr, Map)}, with some symbolic dimensions bound by name in
     * {@code dimensions}: those no input carries, or any other, which the inputs must then agree with.
     *
     * @throws EvaluationException as {@link #evaluate(Expr, Map)} does, and also if an explicit
     *     dimension is below 1 or an input contradicts it
     */
    public static Value evaluate(Expr expr, Map<String, Value> inputs, Map<String, Integer> dimensions) {
        Expr stable = StableForms.apply(Objects.requireNonNull(expr, "expr"));
        return run(stable, inputs, dimensions, false).get(stable);
    }

    /**
     * The value of every node of {@code expr}, by node (identity): what checks of intermediate
     * steps need, such as a derivation's or the rounding error a sum of large terms may carry.
     * Keeps every value, so it takes memory in proportion to the whole graph's values.
     *
     * @throws EvaluationException as {@link #evaluate(Expr, Map, Map)} does
     */
    public static Map<Expr, Value> evaluateEveryNode(Expr expr, Map<String, Value> inputs,
                                                     Map<String, Integer> dimensions) {
        return java.util.Collections.unmodifiableMap(run(expr, inputs, dimensions, true));
    }

    /**
     * The symbolic dimensions {@code inputs} give these variables, each input checked against its
     * variable's shape and against every other, before any evaluation: what a caller passes as the
     * explicit dimensions when it evaluates several formulas over the same variables (a value and
     * its derivatives, some of which may no longer read every variable).
     *
     * @throws EvaluationException if a variable has no input, or an input does not fit its variable
     *     or contradicts another
     */
    public static Map<String, Integer> dimensions(java.util.Collection<Expr.Variable> variables,
                                                  Map<String, Value> inputs) {
        Bindings b = new Bindings();
        for (Expr.Variable v : variables) {
            b.bindVariable(v, inputs.get(v.name()));
        }
        b.checkCompound();
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.sizes));
    }

    private static Map<Expr, Value> run(Expr expr, Map<String, Value> inputs, Map<String, Integer> dimensions,
                                        boolean keepAll) {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(dimensions, "dimensions");
        List<Expr> order = Traversal.postOrder(expr);
        Bindings bindings = Bindings.of(order, inputs, dimensions);
        Capacity.requireFits(List.of(expr), bindings.sizes, Capacity.interpreterEntries(), "the interpreter");

        // How many parents still need each node's value, so it can be released after the last.
        Map<Expr, Integer> pendingUses = new IdentityHashMap<>();
        for (Expr node : order) {
            for (Expr child : operands(node)) {
                pendingUses.merge(child, 1, Integer::sum);
            }
        }
        Map<Expr, Value> values = new IdentityHashMap<>();
        NodeValue nodeValue = new NodeValue(values, bindings, inputs);
        for (Expr node : order) {
            values.put(node, node.accept(nodeValue));
            for (Expr child : operands(node)) {
                if (pendingUses.merge(child, -1, Integer::sum) == 0 && !keepAll) {
                    values.remove(child);
                }
            }
        }
        return values;
    }

    /** The nodes whose values a node's is computed from: its children, and x for a power of ‖x‖. */
    private static List<Expr> operands(Expr node) {
        return NormPower.of(node)
                .map(p -> List.of(p.norm(), p.power().exponent(), p.norm().operand()))
                .orElseGet(node::children);
    }

    // ---- one node -------------------------------------------------------------------------------

    /**
     * The value of one node from its operands' values, which are computed already. A result's kind
     * and size follow from those values by the rules of ShapeRules; only leaves read their shape.
     */
    private record NodeValue(Map<Expr, Value> values, Bindings dims, Map<String, Value> inputs)
            implements Expr.Visitor<Value> {

        private Value valueOf(Expr operand) {
            return values.get(operand);
        }

        @Override
        public Value visitVariable(Expr.Variable v) {
            // Checked by Bindings.of; only the kind may differ (a vector given for a row vector).
            Value input = inputs.get(v.name());
            return v.shape().isVector() || v.shape().isRow() ? input.asOneDimensional(v.shape().kind()) : input;
        }

        @Override
        public Value visitConstant(Expr.Constant c) {
            Shape shape = c.shape();
            int rows = dims.size(shape.rows());
            int cols = dims.size(shape.cols());
            double[] data = new double[Math.multiplyExact(rows, cols)];
            Arrays.fill(data, c.value());
            return new Value(shape.kind(), rows, cols, data);
        }

        @Override
        public Value visitIdentity(Expr.Identity id) {
            int n = dims.size(id.size());
            double[] data = new double[Math.multiplyExact(n, n)];
            for (int i = 0; i < n; i++) {
                data[i * n + i] = 1;
            }
            return Value.matrix(n, n, data);
        }

        @Override
        public Value visitSize(Expr.Size s) {
            return Value.scalar(dims.size(s.dim()));
        }

        @Override
        public Value visitAdd(Expr.Add a) {
            return zip(a, valueOf(a.left()), valueOf(a.right()), (x, y) -> x + y);
        }

        @Override
        public Value visitNegate(Expr.Negate n) {
            return map(valueOf(n.operand()), x -> -x);
        }

        @Override
        public Value visitScale(Expr.Scale s) {
            double factor = valueOf(s.factor()).asScalar();
            return map(valueOf(s.operand()), x -> factor * x);
        }

        @Override
        public Value visitHadamard(Expr.Hadamard h) {
            return zip(h, valueOf(h.left()), valueOf(h.right()), (x, y) -> x * y);
        }

        @Override
        public Value visitDivide(Expr.Divide d) {
            return zip(d, valueOf(d.left()), valueOf(d.right()), (x, y) -> x / y);
        }

        @Override
        public Value visitPower(Expr.Power p) {
            Optional<NormPower> normPower = NormPower.of(p);
            if (normPower.isPresent()) {
                // ‖x‖ᵏ from the sum of squares, one rounding each, as generated code computes it.
                return Value.scalar(Linear.normPower(valueOf(normPower.get().norm().operand()).raw(),
                        normPower.get().exponent()));
            }
            return zip(p, valueOf(p.base()), valueOf(p.exponent()), Math::pow);
        }

        @Override
        public Value visitMax(Expr.Max m) {
            // Math.max: NaN if either side is NaN, and max(-0.0, 0.0) = 0.0.
            return zip(m, valueOf(m.left()), valueOf(m.right()), Math::max);
        }

        @Override
        public Value visitApply(Expr.Apply a) {
            return map(valueOf(a.operand()), a.fn()::apply);
        }

        @Override
        public Value visitProduct(Expr.Product p) {
            return product(valueOf(p.left()), valueOf(p.right()));
        }

        @Override
        public Value visitTranspose(Expr.Transpose t) {
            return transpose(valueOf(t.operand()));
        }

        @Override
        public Value visitSum(Expr.Sum s) {
            double sum = 0;
            for (double x : valueOf(s.operand()).raw()) {
                sum += x;
            }
            return Value.scalar(sum);
        }

        @Override
        public Value visitNorm2(Expr.Norm2 n) {
            return Value.scalar(Linear.norm2(valueOf(n.operand()).raw()));
        }

        @Override
        public Value visitLogSumExp(Expr.LogSumExp l) {
            return Value.scalar(Linear.logSumExp(valueOf(l.operand()).raw()));
        }

        @Override
        public Value visitSoftmax(Expr.Softmax s) {
            Value x = valueOf(s.operand());
            return new Value(x.kind(), x.rows(), x.cols(), Linear.softmax(x.raw()));
        }

        @Override
        public Value visitTrace(Expr.Trace t) {
            Value a = square(t, valueOf(t.operand()));
            double trace = 0;
            for (int i = 0; i < a.rows(); i++) {
                trace += a.get(i, i);
            }
            return Value.scalar(trace);
        }

        @Override
        public Value visitDet(Expr.Det d) {
            Value a = square(d, valueOf(d.operand()));
            return Value.scalar(Linear.det(a.raw(), a.rows()));
        }

        @Override
        public Value visitLogDet(Expr.LogDet d) {
            Value a = square(d, valueOf(d.operand()));
            return Value.scalar(Linear.logAbsDet(a.raw(), a.rows()));
        }

        @Override
        public Value visitInverse(Expr.Inverse inv) {
            Value a = square(inv, valueOf(inv.operand()));
            return Value.matrix(a.rows(), a.rows(), Linear.inverse(a.raw(), a.rows()));
        }

        @Override
        public Value visitDiagonalMatrix(Expr.DiagonalMatrix d) {
            double[] x = valueOf(d.operand()).raw();
            int n = x.length;
            double[] out = new double[Math.multiplyExact(n, n)];
            for (int i = 0; i < n; i++) {
                out[i * n + i] = x[i];
            }
            return Value.matrix(n, n, out);
        }

        @Override
        public Value visitDiagonal(Expr.Diagonal d) {
            Value a = square(d, valueOf(d.operand()));
            double[] out = new double[a.rows()];
            for (int i = 0; i < out.length; i++) {
                out[i] = a.get(i, i);
            }
            return Value.vector(out);
        }

        /** Block rows one under the other, the parts of each side by side (a scalar 1 × 1, a vector n × 1). */
        @Override
        public Value visitBlock(Expr.Block b) {
            int[] heights = new int[b.rows()];
            int[] widths = new int[b.columns()];
            for (int r = 0; r < b.rows(); r++) {
                for (int c = 0; c < b.columns(); c++) {
                    Value part = valueOf(b.part(r, c));
                    heights[r] = part.rows();
                    widths[c] = part.cols();
                }
            }
            int rows = Arrays.stream(heights).reduce(0, Math::addExact);
            int cols = Arrays.stream(widths).reduce(0, Math::addExact);
            double[] out = new double[Math.multiplyExact(rows, cols)];
            int top = 0;
            for (int r = 0; r < b.rows(); r++) {
                int left = 0;
                for (int c = 0; c < b.columns(); c++) {
                    Value part = valueOf(b.part(r, c));
                    for (int i = 0; i < part.rows(); i++) {
                        for (int j = 0; j < part.cols(); j++) {
                            out[(top + i) * cols + left + j] = part.get(i, j);
                        }
                    }
                    left += widths[c];
                }
                top += heights[r];
            }
            return new Value(b.shape().kind(), rows, cols, out);
        }

        @Override
        public Value visitSlice(Expr.Slice s) {
            Value whole = valueOf(s.operand());
            int row = dims.size(s.row());
            int col = dims.size(s.column());
            int rows = dims.size(s.shape().rows());
            int cols = dims.size(s.shape().cols());
            if (row + rows > whole.rows() || col + cols > whole.cols()) {
                throw new EvaluationException("cannot take entries " + (row + 1) + "–" + (row + rows)
                        + (whole.cols() > 1 ? ", " + (col + 1) + "–" + (col + cols) : "")
                        + " of " + whole.describe() + ": out of range");
            }
            double[] out = new double[Math.multiplyExact(rows, cols)];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    out[i * cols + j] = whole.get(row + i, col + j);
                }
            }
            return new Value(s.shape().kind(), rows, cols, out);
        }

        /** Block (i, j) of A ⊗ B is aᵢⱼB: entry (i·p + k, j·q + l) is aᵢⱼ bₖₗ for a p × q B. */
        @Override
        public Value visitKronecker(Expr.Kronecker k) {
            Value a = valueOf(k.left());
            Value b = valueOf(k.right());
            int rows = Math.multiplyExact(a.rows(), b.rows());
            int cols = Math.multiplyExact(a.cols(), b.cols());
            double[] out = new double[Math.multiplyExact(rows, cols)];
            for (int i = 0; i < a.rows(); i++) {
                for (int j = 0; j < a.cols(); j++) {
                    double aij = a.get(i, j);
                    for (int p = 0; p < b.rows(); p++) {
                        for (int q = 0; q < b.cols(); q++) {
                            out[(i * b.rows() + p) * cols + j * b.cols() + q] = aij * b.get(p, q);
                        }
                    }
                }
            }
            return new Value(k.shape().kind(), rows, cols, out);
        }

        /** The same entries in the same (row-major) order, in another shape. */
        @Override
        public Value visitReshape(Expr.Reshape r) {
            Value a = valueOf(r.operand());
            int rows = dims.size(r.shape().rows());
            return new Value(r.shape().kind(), rows, a.size() / rows, a.raw());
        }

        /** K with K vec(X) = vec(Xᵀ) for an m × n X: row j·m + i holds a 1 in column i·n + j. */
        @Override
        public Value visitCommutation(Expr.Commutation k) {
            int m = dims.size(k.m());
            int n = dims.size(k.n());
            int size = Math.multiplyExact(m, n);
            double[] out = new double[Math.multiplyExact(size, size)];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    out[(j * m + i) * size + i * n + j] = 1;
                }
            }
            return Value.matrix(size, size, out);
        }
    }

    private static Value map(Value a, DoubleUnaryOperator f) {
        double[] in = a.raw();
        double[] out = new double[in.length];
        for (int k = 0; k < in.length; k++) {
            out[k] = f.applyAsDouble(in[k]);
        }
        return new Value(a.kind(), a.rows(), a.cols(), out);
    }

    /**
     * An element-wise operation. The graph's factories made both operands one shape and the inputs
     * were checked against it, so a mismatch here is a bug, not bad input.
     */
    private static Value zip(Expr node, Value a, Value b, DoubleBinaryOperator f) {
        if (a.kind() != b.kind() || a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalStateException("operands of " + node.getClass().getSimpleName() + " differ: "
                    + a.describe() + " and " + b.describe());
        }
        double[] x = a.raw();
        double[] y = b.raw();
        double[] out = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            out[k] = f.applyAsDouble(x[k], y[k]);
        }
        return new Value(a.kind(), a.rows(), a.cols(), out);
    }

    private static Value square(Expr node, Value a) {
        if (a.kind() != Shape.Kind.MATRIX || a.rows() != a.cols()) {
            throw new IllegalStateException(node.getClass().getSimpleName() + " of " + a.describe());
        }
        return a;
    }

    /**
     * The matrix product; a vector is an n×1 matrix and a row vector 1×n, so one loop serves all
     * cases, and the result's kind is ShapeRules.product's: row·vector is a scalar, row·matrix a
     * row, anything·vector a vector, anything else a matrix.
     */
    private static Value product(Value a, Value b) {
        if (a.kind() == Shape.Kind.SCALAR || b.kind() == Shape.Kind.SCALAR || a.cols() != b.rows()) {
            throw new IllegalStateException("cannot multiply " + a.describe() + " by " + b.describe());
        }
        int m = a.rows();
        int inner = a.cols();
        int n = b.cols();
        double[] x = a.raw();
        double[] y = b.raw();
        double[] out = new double[Math.multiplyExact(m, n)];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < inner; p++) {
                    sum += x[i * inner + p] * y[p * n + j];
                }
                out[i * n + j] = sum;
            }
        }
        Shape.Kind kind;
        if (a.kind() == Shape.Kind.ROW && b.kind() == Shape.Kind.VECTOR) {
            kind = Shape.Kind.SCALAR;
        } else if (a.kind() == Shape.Kind.ROW) {
            kind = Shape.Kind.ROW;
        } else if (b.kind() == Shape.Kind.VECTOR) {
            kind = Shape.Kind.VECTOR;
        } else {
            kind = Shape.Kind.MATRIX;
        }
        return new Value(kind, m, n, out);
    }

    private static Value transpose(Value a) {
        double[] in = a.raw();
        double[] out = new double[in.length];
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.cols(); j++) {
                out[j * a.rows() + i] = in[i * a.cols() + j];
            }
        }
        Shape.Kind kind = switch (a.kind()) {
            case SCALAR -> Shape.Kind.SCALAR;
            case VECTOR -> Shape.Kind.ROW;
            case ROW -> Shape.Kind.VECTOR;
            case MATRIX -> Shape.Kind.MATRIX;
        };
        return new Value(kind, a.cols(), a.rows(), out);
    }

    // ---- dimensions -----------------------------------------------------------------------------

    /** The value of every symbolic dimension of a graph, each remembered with where it came from. */
    private static final class Bindings {
        private final Map<String, Integer> sizes = new LinkedHashMap<>();
        private final Map<String, String> sources = new LinkedHashMap<>();
        /**
         * Sizes of a variable that are products or sums of dimensions (D's columns are n·m when
         * D ⊙ kron(x, A) is checked): checked once every other input has bound the dimensions.
         */
        private final List<Runnable> compound = new ArrayList<>();

        /** Binds and checks everything before evaluating, so that no error surfaces halfway through. */
        static Bindings of(List<Expr> order, Map<String, Value> inputs, Map<String, Integer> explicit) {
            Bindings b = new Bindings();
            for (Map.Entry<String, Integer> e : explicit.entrySet()) {
                Integer size = e.getValue();
                if (size == null || size < 1) {
                    throw new EvaluationException("dimension " + e.getKey() + " must be at least 1, not " + size);
                }
                b.sizes.put(e.getKey(), size);
                b.sources.put(e.getKey(), "the explicit dimensions");
            }
            // Every Variable node, not one per name: two nodes of one name but different shapes
            // must both fit the one input.
            for (Expr node : order) {
                if (node instanceof Expr.Variable v) {
                    b.bindVariable(v, inputs.get(v.name()));
                }
            }
            b.checkCompound();
            // Only leaves introduce dimensions; every other shape is built from its operands', but
            // for the ones a reshape or a slice states, and the offsets of slices.
            for (Expr node : order) {
                if (node instanceof Expr.Constant || node instanceof Expr.Identity || node instanceof Expr.Reshape
                        || node instanceof Expr.Commutation) {
                    b.requireBound(node.shape().rows());
                    b.requireBound(node.shape().cols());
                } else if (node instanceof Expr.Size s) {
                    b.requireBound(s.dim());
                } else if (node instanceof Expr.Slice s) {
                    b.requireInside(s);
                }
            }
            return b;
        }

        /** A slice's entries lie inside its operand at these sizes (x[5] of a vector of length n needs n ≥ 5). */
        private void requireInside(Expr.Slice s) {
            for (Dim d : List.of(s.row(), s.column(), s.shape().rows(), s.shape().cols())) {
                requireBound(d);
            }
            Shape whole = s.operand().shape();
            requireBound(whole.rows());
            requireBound(whole.cols());
            int lastRow = size(Dim.sum(s.row(), s.shape().rows()));
            int lastCol = size(Dim.sum(s.column(), s.shape().cols()));
            int rows = size(whole.rows());
            int cols = size(whole.cols());
            if (lastRow > rows || lastCol > cols) {
                String at = whole.isVector() ? "entry " + lastRow + " of a vector of length " + rows
                        : whole.isRow() ? "entry " + lastCol + " of a vector of length " + cols
                        : "entry (" + lastRow + ", " + lastCol + ") of a " + rows + " × " + cols + " matrix";
                throw new EvaluationException("index out of range at these sizes: " + at + " (" + whole + ")");
            }
        }

        private void bindVariable(Expr.Variable v, Value value) {
            Shape shape = v.shape();
            String declared = "variable " + v.name() + ": " + shape;
            if (value == null) {
                throw new EvaluationException("no value for " + declared);
            }
            String given = declared + " was given " + value.describe();
            switch (shape.kind()) {
                case SCALAR -> {
                    if (value.kind() != Shape.Kind.SCALAR) {
                        throw new EvaluationException(given + ", not a scalar");
                    }
                }
                case VECTOR, ROW -> {
                    if (value.kind() != Shape.Kind.VECTOR && value.kind() != Shape.Kind.ROW) {
                        throw new EvaluationException(given + ", not a vector");
                    }
                    bind(shape.length(), value.size(), given, "the length of " + v.name(), "length");
                }
                case MATRIX -> {
                    if (value.kind() != Shape.Kind.MATRIX) {
                        throw new EvaluationException(given + ", not a matrix");
                    }
                    bind(shape.rows(), value.rows(), given, "the rows of " + v.name(), "row");
                    bind(shape.cols(), value.cols(), given, "the columns of " + v.name(), "column");
                }
            }
        }

        private void bind(Dim dim, int actual, String given, String source, String what) {
            if (actual < 1) {
                throw new EvaluationException(given + ", but every dimension is at least 1");
            }
            if (dim instanceof Dim.Fixed fixed) {
                if (fixed.size() != actual) {
                    String requirement = what.equals("length") ? "its length must be " + fixed.size()
                            : "it must have " + fixed.size() + " " + what + (fixed.size() == 1 ? "" : "s");
                    throw new EvaluationException(given + ", but " + requirement);
                }
                return;
            }
            if (!(dim instanceof Dim.Symbol symbol)) {
                compound.add(() -> {
                    for (String unknown : dim.symbols()) {
                        if (!sizes.containsKey(unknown)) {
                            throw new EvaluationException(given + ", which is " + dim + ": that does not tell the"
                                    + " dimension " + unknown + ", which must be given explicitly");
                        }
                    }
                    if (size(dim) != actual) {
                        throw new EvaluationException(given + ", but " + dim + " = " + size(dim) + " at these sizes");
                    }
                });
                return;
            }
            String name = symbol.name();
            Integer bound = sizes.get(name);
            if (bound == null) {
                sizes.put(name, actual);
                sources.put(name, source);
            } else if (bound != actual) {
                throw new EvaluationException(given + ", but " + name + " = " + bound + " from " + sources.get(name));
            }
        }

        private void checkCompound() {
            compound.forEach(Runnable::run);
        }

        private void requireBound(Dim dim) {
            for (String symbol : dim.symbols()) {
                if (!sizes.containsKey(symbol)) {
                    throw new EvaluationException("dimension " + symbol
                            + " has no value: no input variable carries it, so it must be given explicitly");
                }
            }
        }

        /** A dimension's size, once every symbol is bound (an offset may be 0). */
        int size(Dim dim) {
            try {
                return dim.value(sizes::get);
            } catch (ArithmeticException tooLarge) {
                throw new EvaluationException("dimension " + dim + " is too large at these sizes");
            }
        }
    }
}

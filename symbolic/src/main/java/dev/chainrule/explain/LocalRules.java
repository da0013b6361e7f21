package dev.chainrule.explain;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Expr.*;
import dev.chainrule.graph.Fn;
import java.util.List;

/**
 * The names of the rules that give each operator's local derivative, and where Parr and Howard
 * state them: one table, read by operator, so that a new operator cannot be left without a name
 * (the compiler asks for its visit). The derivatives themselves come from chainrule's derivative
 * rules (derive/); these are the names a reader of the paper knows them by. Sections are those of
 * arXiv 1802.01528v3: 2 scalar rules, 4.1 the Jacobian, 4.2 element-wise binary operators, 4.3
 * scalar expansion, 4.4 vector sum reduction, 4.5.3 the vector chain rule and its element-wise
 * case, 5 the neuron's activation.
 *
 * <p>A rule may depend on which operands vary (a product of two varying scalars is the product
 * rule, of a constant and a varying one a constant multiple) and on the shapes (a sum of scalars is
 * the sum rule, of vectors an element-wise sum).
 */
final class LocalRules implements Expr.Visitor<LocalRules.Rule> {

    /** A rule's name, and the section of the paper that states it (null where the paper has none). */
    record Rule(String name, String section) {}

    static final Rule IDENTITY = new Rule("identity", "4.1");
    static final Rule SUM_RULE = new Rule("sum rule", "2");
    static final Rule DIFFERENCE_RULE = new Rule("difference rule", "2");
    static final Rule ELEMENTWISE_SUM = new Rule("element-wise sum: identity Jacobians", "4.2");
    static final Rule ELEMENTWISE_DIFFERENCE = new Rule("element-wise difference: identity Jacobians", "4.2");
    static final Rule CONSTANT_MULTIPLE = new Rule("constant multiple", "2");
    static final Rule PRODUCT_RULE = new Rule("product rule", "2");
    static final Rule SCALAR_EXPANSION = new Rule("scalar expansion", "4.3");
    static final Rule SCALAR_TIMES = new Rule("scalar times a vector or matrix", "4.3");
    static final Rule ELEMENTWISE_PRODUCT = new Rule("element-wise product: diagonal Jacobians", "4.2");
    static final Rule QUOTIENT_RULE = new Rule("quotient rule", "2");
    static final Rule ELEMENTWISE_QUOTIENT = new Rule("element-wise division: diagonal Jacobians", "4.2");
    static final Rule POWER_RULE = new Rule("power rule", "2");
    static final Rule ELEMENTWISE_POWER = new Rule("element-wise power: diagonal Jacobians", "4.2");
    static final Rule DOT_PRODUCT = new Rule("dot product", "4.4");
    static final Rule MATRIX_PRODUCT = new Rule("matrix product", null);
    static final Rule TRANSPOSE = new Rule("transpose", null);
    static final Rule RECTIFIER = new Rule("max(0, z): step", "5");
    /** Named with the function: "derivative of tanh". */
    static final Rule SCALAR_FUNCTION = new Rule("derivative of f", "2");
    /** Named with the function: "element-wise tanh: diagonal Jacobian". */
    static final Rule ELEMENTWISE_FUNCTION = new Rule("element-wise f: diagonal Jacobian", "4.5.3");
    static final Rule MAXIMUM = new Rule("maximum: step of the difference", "4.2");
    static final Rule SUM_REDUCTION = new Rule("sum reduction", "4.4");
    static final Rule NORM = new Rule("Euclidean norm", null);
    static final Rule LOG_SUM_EXP = new Rule("log-sum-exp: softmax", null);
    static final Rule SOFTMAX = new Rule("softmax", null);
    static final Rule TRACE = new Rule("trace", null);
    static final Rule DETERMINANT = new Rule("determinant: Jacobi's formula", null);
    static final Rule LOG_DETERMINANT = new Rule("log-determinant", null);
    static final Rule INVERSE = new Rule("matrix inverse", null);
    static final Rule DIAGONAL_MATRIX = new Rule("diagonal matrix of a vector", null);
    static final Rule DIAGONAL = new Rule("diagonal of a matrix", null);
    static final Rule VECTOR_OF_FUNCTIONS = new Rule("vector of functions: stacked Jacobians", "4.1");
    static final Rule BLOCK_MATRIX = new Rule("block matrix", null);
    static final Rule SLICE = new Rule("entries of a value", null);
    static final Rule KRONECKER = new Rule("Kronecker product", null);
    static final Rule RESHAPE = new Rule("reshape (vec)", null);
    /** Never a step: leaves that do not depend on a variable are constants, inlined. */
    static final Rule CONSTANT = new Rule("constant", null);

    /** Every name this table gives, for the documentation's list (docs/explain.md). */
    static final List<Rule> ALL = List.of(IDENTITY, SUM_RULE, DIFFERENCE_RULE, ELEMENTWISE_SUM, ELEMENTWISE_DIFFERENCE,
            CONSTANT_MULTIPLE, PRODUCT_RULE, SCALAR_EXPANSION, SCALAR_TIMES, ELEMENTWISE_PRODUCT, QUOTIENT_RULE,
            ELEMENTWISE_QUOTIENT, POWER_RULE, ELEMENTWISE_POWER, DOT_PRODUCT, MATRIX_PRODUCT, TRANSPOSE, RECTIFIER,
            SCALAR_FUNCTION, ELEMENTWISE_FUNCTION, MAXIMUM, SUM_REDUCTION, NORM, LOG_SUM_EXP, SOFTMAX, TRACE,
            DETERMINANT, LOG_DETERMINANT, INVERSE, DIAGONAL_MATRIX, DIAGONAL, VECTOR_OF_FUNCTIONS, BLOCK_MATRIX, SLICE,
            KRONECKER, RESHAPE);

    private final java.util.Set<Expr.Variable> operands;

    private LocalRules(java.util.Set<Expr.Variable> operands) {
        this.operands = operands;
    }

    /**
     * The rule for the local derivatives of {@code step}, one operator over its {@code operands}
     * (the variables that vary: earlier intermediates, the variables differentiated by); an
     * element-wise function's rule is named with the function, as "derivative of tanh".
     */
    static Rule of(Expr step, java.util.Set<Expr.Variable> operands) {
        return step.accept(new LocalRules(operands));
    }

    /** A rule about "f" about a function: "derivative of f" of tanh is "derivative of tanh". */
    private static Rule named(Rule rule, Fn fn) {
        return new Rule(rule.name().replaceFirst("\\bf\\b", fn.symbol()), rule.section());
    }

    // ---- leaves: only a function that is one of its variables is a step -------------------------

    @Override public Rule visitVariable(Variable node) { return IDENTITY; }
    @Override public Rule visitConstant(Constant node) { return CONSTANT; }
    @Override public Rule visitIdentity(Identity node) { return CONSTANT; }
    @Override public Rule visitSize(Size node) { return CONSTANT; }
    @Override public Rule visitCommutation(Commutation node) { return CONSTANT; }

    // ---- element-wise -----------------------------------------------------------------------------

    @Override
    public Rule visitAdd(Add node) {
        boolean difference = node.right() instanceof Negate;
        if (node.shape().isScalar()) {
            return difference ? DIFFERENCE_RULE : SUM_RULE;
        }
        return difference ? ELEMENTWISE_DIFFERENCE : ELEMENTWISE_SUM;
    }

    @Override
    public Rule visitNegate(Negate node) {
        return CONSTANT_MULTIPLE;
    }

    /** {@code s·1⃗} is the paper's scalar expansion; {@code x·z} with x a vector its other case. */
    @Override
    public Rule visitScale(Scale node) {
        if (node.shape().isScalar()) {
            boolean bothVary = varies(node.factor()) && varies(node.operand());
            return bothVary ? PRODUCT_RULE : CONSTANT_MULTIPLE;
        }
        if (node.operand() instanceof Constant) {
            return SCALAR_EXPANSION;
        }
        return varies(node.factor()) ? SCALAR_TIMES : CONSTANT_MULTIPLE;
    }

    @Override
    public Rule visitHadamard(Hadamard node) {
        return ELEMENTWISE_PRODUCT;
    }

    @Override
    public Rule visitDivide(Divide node) {
        if (!node.shape().isScalar()) {
            return ELEMENTWISE_QUOTIENT;
        }
        return varies(node.right()) ? QUOTIENT_RULE : CONSTANT_MULTIPLE;
    }

    @Override
    public Rule visitPower(Power node) {
        return node.shape().isScalar() ? POWER_RULE : ELEMENTWISE_POWER;
    }

    @Override
    public Rule visitApply(Apply node) {
        if (node.fn() == Fn.RELU) {
            return RECTIFIER;
        }
        return named(node.shape().isScalar() ? SCALAR_FUNCTION : ELEMENTWISE_FUNCTION, node.fn());
    }

    @Override
    public Rule visitMax(Max node) {
        return MAXIMUM;
    }

    // ---- products ---------------------------------------------------------------------------------

    /** {@code wᵀx} of two vectors is the dot product w · x; any other product is a matrix product. */
    @Override
    public Rule visitProduct(Product node) {
        boolean dot = node.shape().isScalar() && node.left().shape().isRow() && node.right().shape().isVector();
        return dot ? DOT_PRODUCT : MATRIX_PRODUCT;
    }

    @Override
    public Rule visitTranspose(Transpose node) {
        return TRANSPOSE;
    }

    @Override
    public Rule visitKronecker(Kronecker node) {
        return KRONECKER;
    }

    // ---- reductions and matrix functions ----------------------------------------------------------

    @Override public Rule visitSum(Sum node) { return SUM_REDUCTION; }
    @Override public Rule visitNorm2(Norm2 node) { return NORM; }
    @Override public Rule visitLogSumExp(LogSumExp node) { return LOG_SUM_EXP; }
    @Override public Rule visitSoftmax(Softmax node) { return SOFTMAX; }
    @Override public Rule visitTrace(Trace node) { return TRACE; }
    @Override public Rule visitDet(Det node) { return DETERMINANT; }
    @Override public Rule visitLogDet(LogDet node) { return LOG_DETERMINANT; }
    @Override public Rule visitInverse(Inverse node) { return INVERSE; }
    @Override public Rule visitDiagonalMatrix(DiagonalMatrix node) { return DIAGONAL_MATRIX; }
    @Override public Rule visitDiagonal(Diagonal node) { return DIAGONAL; }

    // ---- blocks and rearrangements ----------------------------------------------------------------

    /** A stack of scalars and vectors (or a row of scalars and rows) is the paper's vector of functions. */
    @Override
    public Rule visitBlock(Block node) {
        boolean vector = node.columns() == 1 && node.shape().isVector() || node.rows() == 1 && node.shape().isRow();
        return vector ? VECTOR_OF_FUNCTIONS : BLOCK_MATRIX;
    }

    @Override public Rule visitSlice(Slice node) { return SLICE; }
    @Override public Rule visitReshape(Reshape node) { return RESHAPE; }

    private boolean varies(Expr e) {
        return dev.chainrule.graph.Traversal.variables(e).values().stream().anyMatch(operands::contains);
    }
}

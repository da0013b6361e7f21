package dev.chainrule.simplify;

import java.util.List;

/**
 * Every simplification chainrule applies, in one place, one rule per line: a name after the
 * identity, the left-hand side and the right-hand side in chainrule's own syntax. Pattern names
 * {@code a}–{@code g} match scalars only; other names match anything (see {@link Pattern}).
 * Each rule keeps the value and never makes the expression larger; {@code docs/rules.md} lists
 * them with the identities they apply.
 */
public final class Rules {
    private Rules() {}

    private static PatternRule rule(String name, String lhs, String rhs) {
        return PatternRule.of(name, lhs, rhs);
    }

    /**
     * The rules that simplify: none makes a term longer, except by at most one node to reach a
     * canonical form (scalar-factors, collect-like-terms) that it then leaves alone. The greedy
     * rewriter runs these, tried in this order at every node; the search runs them with the {@link #MOVES}.
     * The {@link StableForms} are among them, so generated code computes those forms.
     */
    public static final List<Rule> CANONICAL = concatenate(List.of(
            // Identities of 0 and 1.
            rule("add-zero-right",                "x + 0",          "x"),
            rule("add-zero-left",                 "0 + x",          "x"),
            rule("scale-by-one",                  "1*x",            "x"),
            rule("scale-by-minus-one",            "-1*x",           "-x"),
            rule("scalar-times-one",              "a*1",            "a"),
            rule("scale-by-zero",                 "0*x",            "0"),
            rule("scale-of-zero",                 "a*0",            "0"),
            rule("product-with-zero-right",       "A*Z",            "0").where(Conditions::rightIsZero),
            rule("product-with-zero-left",        "Z*A",            "0").where(Conditions::leftIsZero),
            rule("hadamard-one-right",            "x .* 1",         "x"),
            rule("hadamard-one-left",             "1 .* x",         "x"),
            rule("hadamard-zero-right",           "x .* 0",         "0"),
            rule("hadamard-zero-left",            "0 .* x",         "0"),
            rule("divide-by-one",                 "x ./ 1",         "x"),
            rule("zero-divided",                  "0 ./ x",         "0"),
            rule("power-one",                     "x .^ 1",         "x"),
            rule("power-zero",                    "x .^ 0",         "1"),
            rule("double-negation",               "-(-x)",          "x"),
            rule("identity-right",                "A*eye",          "A"),
            rule("identity-left",                 "eye*A",          "A"),
            // Transposes: (Aᵀ)ᵀ = A, and (AB)ᵀ = BᵀAᵀ where that removes a transpose.
            rule("double-transpose",              "(A')'",          "A"),
            rule("transpose-of-product-left",     "(A'*B)'",        "B'*A"),
            rule("transpose-of-product-right",    "(A*B')'",        "B*A'"),
            rule("transpose-of-product-both",     "(A'*B')'",       "B*A"),
            rule("transpose-of-scaling",          "(a*A)'",         "a*A'"),
            rule("transpose-of-negation",         "(-A)'",          "-A'"),
            rule("transpose-of-diag",             "diag(x)'",       "diag(x)"),
            // Scalars and negations move out of products, so results read 2Aᵀ(Ax − y).
            rule("scaling-out-of-product-right",  "A*(a*B)",        "a*(A*B)"),
            rule("scaling-out-of-product-left",   "(a*A)*B",        "a*(A*B)"),
            rule("scaling-out-of-hadamard-left",  "(a*x) .* y",     "a*(x .* y)"),
            rule("scaling-out-of-hadamard-right", "x .* (a*y)",     "a*(x .* y)"),
            rule("hadamard-by-expanded-scalar",   "x .* a",         "a*x"),
            rule("hadamard-by-expanded-scalar-l", "a .* x",         "a*x"),
            rule("negation-out-of-product-right", "A*(-B)",         "-(A*B)"),
            rule("negation-out-of-product-left",  "(-A)*B",         "-(A*B)"),
            rule("negation-out-of-hadamard-left", "(-x) .* y",      "-(x .* y)"),
            rule("negation-out-of-hadamard-right","x .* (-y)",      "-(x .* y)"),
            rule("negation-out-of-scaling",       "a*(-x)",         "-(a*x)"),
            rule("negated-scaling-factor",        "(-a)*x",         "-(a*x)"),
            rule("negation-out-of-division",      "(-x) ./ y",      "-(x ./ y)"),
            rule("scaling-out-of-division",       "(a*x) ./ y",     "a*(x ./ y)"),
            rule("division-of-division",          "(x ./ y) ./ z",  "x ./ (y .* z)"),
            rule("quotient-of-powers",            "x ./ x .^ a",    "1 ./ x .^ (a - 1)"),
            rule("quotient-by-self",              "x ./ x",         "1"),
            // Common factors, where that shortens: Ax + Aᵀx = (A + Aᵀ)x.
            rule("common-factor-right",           "A*x + B*x",      "(A + B)*x"),
            rule("common-factor-left",            "x*A + x*B",      "x*(A + B)"),
            rule("common-factor-right-difference","A*x - B*x",      "(A - B)*x"),
            rule("common-factor-left-difference", "x*A - x*B",      "x*(A - B)"),
            // Sums (the paper's reductions): ∑ of a scaled or negated vector, and xᵀ1⃗ = ∑x.
            rule("sum-of-scalar",                 "sum(a)",         "a"),
            rule("scaling-out-of-sum",            "sum(a*x)",       "a*sum(x)"),
            rule("sum-of-negation",               "sum(-x)",        "-sum(x)"),
            rule("dot-with-ones-right",           "x'*vector(1)",   "sum(x)").where(Conditions::isScalarNode),
            rule("dot-product",                   "sum(x .* y)",    "x'*y"),
            rule("dot-with-ones-left",            "vector(1)'*x",   "sum(x)").where(Conditions::isScalarNode),
            rule("constant-factor-outermost-left", "(A*B)*C",       "A*(B*C)").where(Conditions::innerLeftIsConstant),
            rule("constant-factor-outermost-right","A*(B*C)",       "(A*B)*C").where(Conditions::innerRightIsConstant),
            rule("product-of-diagonals",          "diag(x)*diag(y)", "diag(x .* y)"),
            rule("variable-first-in-hadamard",    "x .* y",         "y .* x").where(Conditions::variableOnTheRightOnly),
            rule("diag-times-ones",               "diag(x)*vector(1)", "x"),
            rule("diag-times-vector",             "diag(x)*y",      "x .* y").where(Conditions::rightIsVector),
            // Norms and powers.
            rule("squared-norm",                  "norm2(x)^2",     "sum(x .^ 2)"),
            rule("log-of-exp",                    "log(exp(x))",    "x")),
            StableForms.ALL,
            List.of(
            rule("product-of-powers",             "x .^ a .* x",    "x .^ (a + 1)"),
            rule("square-of-same",                "x .* x",         "x .^ 2"),
            rule("sum-of-softmax",                "sum(softmax(x))", "1"),
            // Inverses, determinants and traces.
            rule("log-of-det",                    "log(det(A))",    "logdet(A)"),
            rule("logdet-of-inverse",             "logdet(inv(A))", "-logdet(A)"),
            // The matrix determinant lemma, det(I + xyᵀ) = 1 + yᵀx: no n × n matrix, no inverse in
            // the derivative, and none of the cancellation its Hessian otherwise suffers.
            rule("det-of-rank-one-update",           "det(eye + x*y')",          "1 + y'*x").where(Conditions::vectors),
            rule("det-of-rank-one-update-commuted",  "det(x*y' + eye)",          "y'*x + 1").where(Conditions::vectors),
            rule("det-of-scaled-rank-one-update",    "det(eye + a*(x*y'))",      "1 + a*(y'*x)").where(Conditions::vectors),
            rule("det-of-scaled-rank-one-update-commuted", "det(a*(x*y') + eye)", "a*(y'*x) + 1")
                    .where(Conditions::vectors),
            // logdet is log|det|: without a sign for 1 + yᵀx, only an update by xxᵀ, where 1 + xᵀx > 0.
            rule("logdet-of-rank-one-square",          "logdet(eye + x*x')",       "log(1 + x'*x)").where(Conditions::vector),
            rule("logdet-of-rank-one-square-commuted", "logdet(x*x' + eye)",       "log(x'*x + 1)").where(Conditions::vector),
            rule("inverse-of-inverse",            "inv(inv(A))",    "A"),
            rule("inverse-times-self",            "inv(A)*A",       "eye"),
            rule("self-times-inverse",            "A*inv(A)",       "eye"),
            rule("det-of-transpose",              "det(A')",        "det(A)"),
            rule("logdet-of-transpose",           "logdet(A')",     "logdet(A)"),
            rule("trace-of-transpose",            "tr(A')",         "tr(A)"),
            rule("transpose-of-symmetric",        "A'",             "A").where(Conditions::symmetric),
            rule("quotient-times-divisor",        "x .* (y ./ x)",  "y"),
            rule("divisor-times-quotient",        "(y ./ x) .* x",  "y"),
            // Rules that no single pattern can say.
            ComputedRules.CONSTANT_FOLDING,
            ComputedRules.SCALAR_FACTORS,
            ComputedRules.SUM_OF_CONSTANT,
            ComputedRules.SUM_OF_PRODUCT_WITH_CONSTANT,
            ComputedRules.TRACE_OF_IDENTITY,
            ComputedRules.SUM_OF_IDENTITY,
            ComputedRules.DIAGONAL_OF_IDENTITY,
            ComputedRules.COLLECT_LIKE_TERMS,
            ComputedRules.COMMON_DENOMINATOR,
            ComputedRules.ABSORB_NEGATION,
            // Blocks, slices and Kronecker products.
            BlockRules.SLICE_OF_BLOCK,
            BlockRules.SLICE_OF_SLICE,
            BlockRules.SLICE_INWARDS,
            BlockRules.SLICE_OF_CONSTANT,
            BlockRules.UNIT_TIMES,
            BlockRules.BLOCK_OF_CONSTANTS,
            BlockRules.SCALING_INTO_BLOCK,
            BlockRules.SUM_OF_BLOCKS,
            BlockRules.FLATTEN_BLOCK,
            BlockRules.KRONECKER_TRANSPOSE,
            BlockRules.SCALING_OUT_OF_KRONECKER,
            BlockRules.KRONECKER_MIXED_PRODUCT,
            BlockRules.KRONECKER_OF_IDENTITIES));

    /**
     * The search's own moves: rewrites that do not simplify by themselves, several of them each
     * other's inverse, which let the search reach a shorter form through a longer one (pushing a
     * transpose into a product or out of it, reassociating a chain of products, splitting an
     * inverse). A greedy rewriter would cycle on them; in an e-graph both sides stay, and extraction
     * chooses. Associativity is two whole-chain rewrites rather than one step each way: every
     * bracketing of every chain would grow the graph without bound in practice.
     */
    public static final List<Rule> MOVES = List.of(
            rule("transpose-of-sum",              "(A + B)'",       "A' + B'"),
            rule("transpose-of-inverse",          "inv(A)'",        "inv(A')"),
            rule("inverse-of-transpose",          "inv(A')",        "inv(A)'"),
            rule("inverse-of-product",            "inv(A*B)",       "inv(B)*inv(A)"),
            rule("product-of-inverses",           "inv(B)*inv(A)",  "inv(A*B)"),
            rule("det-of-inverse",                "det(inv(A))",    "1/det(A)"),
            ComputedRules.LIKE_TERMS,
            ComputedRules.COMMON_SCALAR_FACTOR,
            ComputedRules.ASSOCIATE_LEFT,
            ComputedRules.ASSOCIATE_RIGHT,
            ComputedRules.CANCEL_INVERSES,
            ComputedRules.TRANSPOSE_TO_LEAVES);

    /** Every rule: the search's. */
    public static final List<Rule> ALL = java.util.stream.Stream.concat(CANONICAL.stream(), MOVES.stream()).toList();

    @SafeVarargs
    private static List<Rule> concatenate(List<? extends Rule>... parts) {
        List<Rule> all = new java.util.ArrayList<>();
        for (List<? extends Rule> part : parts) {
            all.addAll(part);
        }
        return List.copyOf(all);
    }
}

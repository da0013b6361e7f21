package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import java.util.List;

/**
 * The numerically stable forms, one rule per line: formulas a person writes that overflow or lose
 * everything to rounding for large arguments ({@code log(1 + exp(x))} is ∞ at x = 1000), turned
 * into operators computed with care ({@code softplus(x)} is 1000). They are part of
 * {@link Rules#ALL}, so generated code computes them; and the reference interpreter rewrites a
 * graph with these rules, and only these, before it evaluates it, so that both engines compute the
 * same forms. {@code docs/codegen.md} lists them with how each operator is computed.
 */
public final class StableForms {
    private StableForms() {}

    private static PatternRule rule(String name, String lhs, String rhs) {
        return PatternRule.of(name, lhs, rhs);
    }

    /** The rules, tried in this order. */
    public static final List<Rule> ALL = List.of(
            rule("softplus",              "log(1 + exp(x))",        "softplus(x)"),
            rule("softplus-commuted",     "log(exp(x) + 1)",        "softplus(x)"),
            rule("sigmoid-quotient",      "1 ./ (1 + exp(-x))",     "sigmoid(x)"),
            rule("log-sigmoid",           "log(sigmoid(x))",        "-softplus(-x)"),
            rule("log-one-minus-sigmoid", "log(1 - sigmoid(x))",    "-softplus(x)"),
            rule("log-sum-exp",           "log(sum(exp(x)))",       "logsumexp(x)"),
            rule("softmax",               "exp(x - logsumexp(x))",  "softmax(x)"),
            rule("softmax-quotient",      "exp(x) ./ sum(exp(x))",  "softmax(x)"),
            rule("softmax-scaled",        "(1/sum(exp(x)))*exp(x)", "softmax(x)"),
            rule("log-of-softmax",        "log(softmax(x))",        "x - logsumexp(x)"));

    /** The rules applied at every node until none applies: no search, since no rule here undoes another. */
    private static final GreedyRewriter STABLE = new GreedyRewriter(ALL);

    /** {@code e} with every stable form rewritten, and nothing else: what the interpreter evaluates. */
    public static Expr apply(Expr e) {
        return STABLE.run(e);
    }
}

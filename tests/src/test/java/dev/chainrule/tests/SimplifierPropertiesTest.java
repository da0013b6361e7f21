package dev.chainrule.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.interpret.EvaluationException;
import dev.chainrule.simplify.Explanation;
import dev.chainrule.simplify.Rule;
import dev.chainrule.simplify.Rules;
import dev.chainrule.simplify.Simplifier;
import dev.chainrule.testing.property.Gen;
import dev.chainrule.testing.property.Property;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The rewrite engine keeps values: the whole simplifier, and every single rule wherever it
 * applies; and it reaches a fixpoint.
 *
 * <p>Values are compared at a random point where the original is finite (rewriting may extend a
 * domain, as {@code x ./ x → 1} does at 0, but must not shrink it) and every kink of abs, sign,
 * relu, step and max is at least 1e-6 away (rounding could otherwise flip a step), to within
 * {@code 1e-9 · max(1, |largest entry|)}: rewriting reorders floating-point arithmetic.
 */
class SimplifierPropertiesTest {
    static final int TRIES = 1000;

    private static final ExprGen.Options ANY = new ExprGen.Options(ExprGen.Output.ANY, false, true);

    @Test
    void simplificationKeepsTheValue() {
        Property.forAll("simplify keeps the value", ExprGen.cases(ANY))
                .tries(TRIES)
                .show(Case::show)
                .check(c -> {
                    Expr e = c.expr();
                    Expr s = Simplifier.simplify(e);
                    if (!s.shape().equals(e.shape())) {
                        throw new AssertionError("simplified to " + s.shape() + " from " + e.shape() + ": " + Exprs.show(s));
                    }
                    assertSameValue(c, e, s, "simplified to " + Exprs.show(s));
                });
    }

    @Test
    void everyRuleKeepsTheValueWhereItApplies() {
        Map<String, Integer> applied = new ConcurrentHashMap<>();
        Gen<Case> cases = Gen.frequency(Gen.weighted(1, ExprGen.cases(ANY)), Gen.weighted(3, RuleInstances.cases()));
        Property.forAll("every rule keeps the value where it applies", cases)
                .tries(TRIES)
                .show(Case::show)
                .check(c -> checkEveryRule(c, applied));
        // A rule the random instances happened to miss gets instances of its own left-hand side.
        for (Rule rule : Rules.ALL) {
            String lhs = RuleInstances.leftHandSide(rule);
            List<String> sides = lhs != null ? List.of(lhs) : RuleInstances.TEMPLATES.getOrDefault(rule.name(), List.of());
            if (!applied.containsKey(rule.name()) && !sides.isEmpty() && RuleInstances.reachable(rule)) {
                Property.forAll("rule " + rule.name() + " keeps the value where it applies", RuleInstances.cases(sides))
                        .tries(1000)
                        .show(Case::show)
                        .check(c -> checkEveryRule(c, applied));
            }
        }
        Map<String, Integer> counts = new TreeMap<>(applied);
        System.out.println("rule applications: " + counts);
        List<String> unreachable = Rules.ALL.stream().filter(r -> !RuleInstances.reachable(r)).map(Rule::name)
                .collect(Collectors.toList());
        if (!unreachable.isEmpty()) {
            System.out.println("rules that can never apply (their left-hand side does not build as the pattern): "
                    + unreachable);
        }
        List<String> never = Rules.ALL.stream().map(Rule::name)
                .filter(name -> !counts.containsKey(name) && !unreachable.contains(name))
                .collect(Collectors.toList());
        assertTrue(never.isEmpty(), "rules never applied, so never checked: " + never
                + " (a rule written as code needs templates in RuleInstances.TEMPLATES)");
    }

    /** Applies every rule at every node of the case, checking shape and value where one applies. */
    private static void checkEveryRule(Case c, Map<String, Integer> applied) {
        for (Expr node : Traversal.postOrder(c.expr())) {
            for (Rule rule : Rules.ALL) {
                Expr result;
                try {
                    result = rule.apply(node);
                } catch (RuntimeException e) {
                    throw new AssertionError("rule " + rule.name() + " threw on " + Exprs.show(node), e);
                }
                if (result == null || result == node) {
                    continue;
                }
                applied.merge(rule.name(), 1, Integer::sum);
                if (!result.shape().equals(node.shape())) {
                    throw new AssertionError("rule " + rule.name() + " rewrote " + Exprs.show(node) + " ("
                            + node.shape() + ") to " + Exprs.show(result) + " (" + result.shape() + ")");
                }
                assertSameValue(c, node, result, "rule " + rule.name() + " (" + rule.identity()
                        + ") rewrote " + Exprs.show(node) + " to " + Exprs.show(result));
            }
        }
    }

    @Test
    void simplifyingTwiceChangesNothing() {
        Property.forAll("simplify is idempotent", ExprGen.cases(ANY))
                .tries(TRIES)
                .show(Case::show)
                .check(c -> {
                    Expr once = Simplifier.simplify(c.expr());
                    Expr twice = Simplifier.simplify(once);
                    if (twice != once) {
                        throw new AssertionError("once: " + Exprs.show(once) + " ; twice: " + Exprs.show(twice));
                    }
                });
    }

    @Test
    void simplifyingNeverLengthensATerm() {
        Property.forAll("simplify never lengthens", ExprGen.cases(ANY))
                .tries(TRIES)
                .show(Case::show)
                .check(c -> {
                    Expr e = c.expr();
                    Expr s = Simplifier.simplify(e);
                    if (Simplifier.length(s) > Simplifier.length(e)) {
                        throw new AssertionError("lengthened from " + Simplifier.length(e) + " to " + Simplifier.length(s)
                                + ": " + Exprs.show(s));
                    }
                });
    }

    @Test
    void theResultDoesNotDependOnTheOrderOfTheRules() {
        List<Rule> reversed = new java.util.ArrayList<>(Rules.ALL);
        java.util.Collections.reverse(reversed);
        List<Rule> shuffled = new java.util.ArrayList<>(Rules.ALL);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));
        Simplifier backwards = Simplifier.withRules(reversed);
        Simplifier mixed = Simplifier.withRules(shuffled);
        Property.forAll("simplify does not depend on the order of the rules", ExprGen.cases(ANY))
                .tries(TRIES / 4)
                .show(Case::show)
                .check(c -> {
                    Expr expected = Simplifier.simplify(c.expr());
                    for (Simplifier other : List.of(backwards, mixed)) {
                        Expr s = other.run(c.expr());
                        if (s != expected) {
                            throw new AssertionError("in one order " + Exprs.show(expected) + ", in another " + Exprs.show(s));
                        }
                    }
                });
    }

    @Test
    void anExplanationReplaysToTheResultAndEveryStepKeepsTheValue() {
        java.util.concurrent.atomic.AtomicInteger steps = new java.util.concurrent.atomic.AtomicInteger();
        Property.forAll("explanations replay to the result, every step keeping the value", ExprGen.cases(ANY))
                .tries(TRIES / 2)
                .show(Case::show)
                .check(c -> {
                    Expr e = c.expr();
                    Explanation explanation = Simplifier.explain(e);
                    if (explanation.result() != Simplifier.simplify(e)) {
                        throw new AssertionError("explained " + Exprs.show(explanation.result()) + ", simplified to "
                                + Exprs.show(Simplifier.simplify(e)));
                    }
                    Expr current = e;
                    for (Explanation.Step step : explanation.steps()) {
                        if (step.before() != current) {
                            throw new AssertionError("step " + step.rule() + " starts at " + Exprs.show(step.before())
                                    + ", not where the last ended: " + Exprs.show(current));
                        }
                        Expr replayed = step.applyTo(current);
                        if (replayed != step.after()) {
                            throw new AssertionError("step " + step.rule() + " at " + step.position() + " replays to "
                                    + Exprs.show(replayed) + ", not " + Exprs.show(step.after()));
                        }
                        assertSameValue(c.withExpr(e), step.before(), step.after(), "step " + step.rule() + " rewrote "
                                + Exprs.show(step.subterm()) + " to " + Exprs.show(step.replacement()));
                        current = step.after();
                        steps.incrementAndGet();
                    }
                    if (current != explanation.result()) {
                        throw new AssertionError("the steps end in " + Exprs.show(current) + ", not the result");
                    }
                });
        System.out.println("explanation steps checked: " + steps.get());
    }

    /**
     * Fails if {@code rewritten} evaluates differently from {@code original} at the first of ten
     * points where the original is finite and away from kinks; discards the case if there is none.
     */
    static void assertSameValue(Case c, Expr original, Expr rewritten, String what) {
        for (int attempt = 0; attempt < Numeric.POINTS; attempt++) {
            Numeric.Point p = new Numeric.Point(c, c.point(attempt));
            double[] before;
            try {
                before = p.data(original);
            } catch (EvaluationException singular) {
                continue;
            }
            if (!allFinite(before) || Numeric.kinkDistance(p, List.of(original, rewritten)) < 1e-6) {
                continue;
            }
            double[] after;
            try {
                after = p.data(rewritten);
            } catch (EvaluationException e) {
                throw new AssertionError(what + ": the original evaluates, the rewritten throws " + e.getMessage()
                        + " at " + p.show());
            }
            double scale = Math.max(1, Math.max(Numeric.maxAbs(before), Numeric.maxAbs(after)));
            for (int i = 0; i < before.length; i++) {
                if (!Numeric.close(before[i], after[i], 1e-9, scale)) {
                    throw new AssertionError(what + ": entry " + i + " was " + Numeric.num(before[i]) + ", is "
                            + Numeric.num(after[i]) + " at " + p.show());
                }
            }
            return;
        }
        Property.discard("the original is not finite at any point");
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}

package dev.chainrule.tests;

import dev.chainrule.derive.Derivatives;
import dev.chainrule.explain.Derivation;
import dev.chainrule.explain.Explainer;
import dev.chainrule.explain.Step;
import dev.chainrule.explain.Subject;
import dev.chainrule.explain.Substitution;
import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.testing.property.Property;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every step of a derivation is checked, not just printed: over random expressions, each
 * intermediate variable's definition is the node it names; each local derivative ∂u/∂c matches
 * central differences of u's step as a function of c (at the values the intermediates take); each
 * total derivative, its labels substituted, matches central differences of the function with the
 * intermediate replaced by a variable (the function as a function of that intermediate); every
 * simplification step keeps the value; and the result is {@code grad}'s (forwards, for Jacobians,
 * likewise with du/dx against differences of u). Steps and tolerances as in {@link Numeric}, but
 * intermediates, which can be large where the function is steep in them, are stepped by an absolute
 * 10⁻³ rather than one relative to their value.
 */
class ExplainPropertiesTest {
    static final int TRIES = 1000;

    private static final ExprGen.Options GRADIENT = new ExprGen.Options(ExprGen.Output.SCALAR, false, true);
    private static final ExprGen.Options JACOBIAN = new ExprGen.Options(ExprGen.Output.VECTOR, true, true);

    @Test
    void everyStepOfAGradientsDerivationIsRight() {
        Property.forAll("explained gradient: every step = central differences", ExprGen.cases(GRADIENT))
                .tries(TRIES)
                .show(Case::show)
                .check(c -> {
                    List<Expr.Variable> wrt = new ArrayList<>(c.variables().values());
                    Property.assume(!wrt.isEmpty(), "no variables");
                    Derivation d = Explainer.standard().gradient(new Subject("f", c.expr(), Map.of()), wrt);
                    Map<Expr.Variable, Expr> gradients = Derivatives.gradients(c.expr(), wrt);
                    checkDerivation(c, d, new ArrayList<>(gradients.values()), (p, s, step) -> {
                        // df/dc against f with c's node replaced by a variable, differenced in it.
                        Expr.Variable target = target(d, step, wrt);
                        Expr node = d.intermediates().getOrDefault(target, target);
                        Expr.Variable probe = (Expr.Variable) Expr.variable("probe", node.shape());
                        Expr f = replace(c.expr(), node, probe);
                        p.values().put("probe", p.data(node).clone());
                        double[] analytic = evaluate(p, s.apply(step.value()));
                        for (Numeric.Direction dir : directions(c, p, "probe", target)) {
                            Numeric.Difference diff = Numeric.difference(p, "probe", dir, Numeric.STEP, q -> evaluate(q, f));
                            double along = Numeric.along(analytic, 0, analytic.length, dir.values());
                            at(p, () -> Numeric.assertMatches(step.label().name() + " along " + dir.name(), along, diff, 0));
                        }
                        p.values().remove("probe");
                    });
                    for (Step result : d.results()) {
                        Expr.Variable v = wrt.stream().filter(x -> result.label().name().endsWith("/∂" + x.name()))
                                .findFirst().orElseThrow();
                        if (result.value() != gradients.get(v)) {
                            throw new AssertionError(result.label().name() + " is not what grad prints");
                        }
                    }
                });
    }

    @Test
    void everyStepOfAJacobiansDerivationIsRight() {
        Property.forAll("explained Jacobian: every step = central differences", ExprGen.cases(JACOBIAN))
                .tries(TRIES)
                .show(Case::show)
                .check(c -> {
                    Expr.Variable x = c.wrtVariable();
                    Property.assume(x != null, "the expression does not read the variable");
                    Derivation d = Explainer.standard().jacobian(new Subject("f", c.expr(), Map.of()), x);
                    Expr jacobian = Derivatives.jacobian(c.expr(), x);
                    if (d.results().get(0).value() != jacobian) {
                        throw new AssertionError("the result is not what jacobian prints");
                    }
                    checkDerivation(c, d, List.of(jacobian), (p, s, step) -> {
                        // du/dx against differences of u's node in x.
                        String u = step.label().name().substring(1, step.label().name().lastIndexOf("/d"));
                        Expr node = d.intermediates().entrySet().stream().filter(e -> e.getKey().name().equals(u))
                                .findFirst().orElseThrow().getValue();
                        double[] analytic = evaluate(p, s.apply(step.value()));
                        int columns = c.entries(x.shape());
                        for (Numeric.Direction dir : directions(c, p, x.name(), x)) {
                            Numeric.Difference diff = Numeric.difference(p, x.name(), dir, q -> q.data(node));
                            for (int i = 0; i < diff.value().length; i++) {
                                int row = i;
                                double along = Numeric.along(analytic, row, columns, dir.values());
                                at(p, () -> Numeric.assertMatches(step.label().name() + "[" + row + "] along "
                                        + dir.name(), along, diff, row));
                            }
                        }
                    });
                });
    }

    /** The check of a total derivative's step at a point, given a substitution of the derivation. */
    private interface TotalCheck {
        void check(Numeric.Point p, Substitution s, Step step);
    }

    /**
     * The checks both directions share: definitions, local derivatives, simplification steps; and
     * {@code totals} for each chain step; at one smooth point of the function and the results.
     */
    private static void checkDerivation(Case c, Derivation d, List<Expr> results, TotalCheck totals) {
        Substitution s = d.substitution();
        List<Expr> exprs = Numeric.list(c.expr());
        exprs.addAll(results);
        Numeric.atSmoothPoint(c, exprs, p -> {
            // The intermediates take the values of the nodes they name.
            d.intermediates().forEach((label, node) -> p.values().put(label.name(), p.data(node).clone()));
            // The substituted total derivative, by the variable: df/dw for w.
            Map<String, Expr> substituted = new LinkedHashMap<>();
            for (Step step : d.steps()) {
                String by = step.label().name().substring(step.label().name().lastIndexOf('/') + 2);
                switch (step.kind()) {
                    case DEFINE -> {
                        if (s.apply(step.value()) != d.intermediates().get(step.label())) {
                            throw new AssertionError(step.label().name() + "'s definition is not the node it names");
                        }
                    }
                    case LOCAL -> checkLocal(c, d, p, step);
                    case CHAIN -> totals.check(p, s, step);
                    case SUBSTITUTE -> substituted.put(by, step.value());
                    case SIMPLIFY -> assertSameValue(p, substituted.get(by), step.value(), step.rule());
                    case RESULT -> {
                        Expr.Variable v = c.variables().get(by);
                        if (substituted.containsKey(by) && v != null && v.symmetric()) {
                            // By a symmetric S the result is read along symmetric directions only
                            // (the convention of docs/language.md), where the two forms agree.
                            assertSameAlongSymmetricDirections(p, v, substituted.get(by), step.value());
                        } else if (substituted.containsKey(by)) {
                            assertSameValue(p, substituted.get(by), step.value(), "the result");
                        }
                    }
                }
            }
            d.intermediates().keySet().forEach(label -> p.values().remove(label.name()));
        });
    }

    /** ∂u/∂c against central differences of u's step in c, the other operands at their values. */
    private static void checkLocal(Case c, Derivation d, Numeric.Point p, Step step) {
        String name = step.label().name();
        String u = name.substring(1, name.indexOf("/∂"));
        String operand = name.substring(name.indexOf("/∂") + 2);
        Expr uStep = d.values().entrySet().stream().filter(e -> e.getKey().name().equals(u)
                && d.intermediates().containsKey(e.getKey())).findFirst().orElseThrow().getValue();
        double[] local = evaluate(p, step.value());
        int columns = p.values().get(operand).length;
        for (Numeric.Direction dir : directions(c, p, operand, c.variables().get(operand))) {
            Numeric.Difference diff = Numeric.difference(p, operand, dir, Numeric.STEP, q -> evaluate(q, uStep));
            for (int i = 0; i < diff.value().length; i++) {
                int row = i;
                double along = Numeric.along(local, row, columns, dir.values());
                at(p, () -> Numeric.assertMatches(name + "[" + row + "] along " + dir.name(), along, diff, row));
            }
        }
    }

    /**
     * The directions to difference the value named {@code name} along: its entries one by one, or,
     * where it stands for a symmetric variable, the symmetric directions E_ii and E_ij + E_ji, the
     * only ones along which a function of it is defined (its derivative is read along them too).
     */
    private static List<Numeric.Direction> directions(Case c, Numeric.Point p, String name, Expr.Variable standsFor) {
        if (standsFor != null && standsFor.symmetric()) {
            return Numeric.directions(standsFor, c);
        }
        int entries = p.values().get(name).length;
        List<Numeric.Direction> directions = new ArrayList<>();
        for (int k = 0; k < entries; k++) {
            double[] d = new double[entries];
            d[k] = 1;
            directions.add(new Numeric.Direction(name + "[" + k + "]", d));
        }
        return directions;
    }

    /** The variable or intermediate a backward chain step is the total derivative by: c of df/dc. */
    private static Expr.Variable target(Derivation d, Step step, List<Expr.Variable> wrt) {
        String c = step.label().name().substring(step.label().name().indexOf("/d") + 2);
        for (Expr.Variable label : d.intermediates().keySet()) {
            if (label.name().equals(c)) {
                return label;
            }
        }
        return wrt.stream().filter(v -> v.name().equals(c)).findFirst().orElseThrow();
    }

    private static void assertSameValue(Numeric.Point p, Expr expected, Expr actual, String what) {
        double[] a = evaluate(p, expected);
        double[] b = evaluate(p, actual);
        double scale = Math.max(1, Math.max(Numeric.maxAbs(a), Numeric.termScale(p, expected)));
        for (int i = 0; i < a.length; i++) {
            if (!Numeric.close(a[i], b[i], 1e-9, scale)) {
                String message = what + " changed entry " + i + " from " + Numeric.num(a[i]) + " to " + Numeric.num(b[i]);
                at(p, () -> {
                    throw new AssertionError(message);
                });
            }
        }
    }

    /** J·vec(D) of both derivatives by a symmetric variable agree for every symmetric direction D. */
    private static void assertSameAlongSymmetricDirections(Numeric.Point p, Expr.Variable v, Expr expected, Expr actual) {
        double[] a = evaluate(p, expected);
        double[] b = evaluate(p, actual);
        int columns = p.c().entries(v.shape());
        double scale = Math.max(1, Math.max(Numeric.maxAbs(a), Numeric.termScale(p, expected)));
        for (Numeric.Direction dir : Numeric.directions(v, p.c())) {
            for (int row = 0; row < a.length / columns; row++) {
                double x = Numeric.along(a, row, columns, dir.values());
                double y = Numeric.along(b, row, columns, dir.values());
                if (!Numeric.close(x, y, 1e-9, scale)) {
                    String message = "the result changed row " + row + " along " + dir.name() + " from "
                            + Numeric.num(x) + " to " + Numeric.num(y);
                    at(p, () -> {
                        throw new AssertionError(message);
                    });
                }
            }
        }
    }

    /** Runs a check, naming the point (the case's variables, not the intermediates) in its failure. */
    private static void at(Numeric.Point p, Runnable check) {
        Map<String, double[]> own = new LinkedHashMap<>(p.values());
        own.keySet().retainAll(p.c().variables().keySet());
        DerivativePropertiesTest.at(new Numeric.Point(p.c(), own), check);
    }

    /** An expression over the case's variables, the intermediates and the probe, at the point. */
    private static double[] evaluate(Numeric.Point p, Expr e) {
        Map<String, Value> inputs = new LinkedHashMap<>();
        for (Expr.Variable v : Traversal.variables(e).values()) {
            inputs.put(v.name(), p.c().value(v.shape(), p.values().get(v.name())));
        }
        return Interpreter.evaluate(e, inputs, p.c().sizes()).data();
    }

    /** {@code f} with every occurrence of {@code node} replaced by {@code by}. */
    private static Expr replace(Expr f, Expr node, Expr by) {
        Map<Expr, Expr> done = new IdentityHashMap<>();
        Set<Expr> above = Traversal.dependents(f, node);
        for (Expr n : Traversal.postOrder(f)) {
            if (n == node) {
                done.put(n, by);
            } else if (!above.contains(n) || n.children().isEmpty()) {
                done.put(n, n);
            } else {
                done.put(n, n.withChildren(n.children().stream().map(done::get).toList()));
            }
        }
        return done.get(f);
    }
}

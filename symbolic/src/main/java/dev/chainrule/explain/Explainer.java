package dev.chainrule.explain;

import dev.chainrule.derive.DerivativeException;
import dev.chainrule.derive.Derivatives;
import dev.chainrule.derive.Layout;
import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.print.Format;
import dev.chainrule.print.Printer;
import dev.chainrule.simplify.Simplifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The explain stage: a derivative derived the way Parr and Howard derive one, every step shown
 * and named. For a gradient of a scalar function f:
 * <ol>
 *   <li><b>Intermediate variables</b>: f cut into steps ({@link Decomposition}), named by the
 *       user's names or {@code u1, u2, …};
 *   <li><b>Local derivatives</b>: each step's derivative by each of its operands, ∂u/∂c, in
 *       numerator layout, by the rule the paper names ({@link LocalRules});
 *   <li><b>Chain rule</b>: backwards from f, the total derivative df/dc of each intermediate and
 *       variable, from the steps that use it ({@link ChainRules});
 *   <li><b>Substitution</b> of every label by its value, the simplifier's steps
 *       ({@link SimplificationSteps}), and the <b>result</b>: what {@code chainrule grad} prints.
 * </ol>
 * A Jacobian goes forwards instead, from the variable to f; a Hessian is the gradient's derivation
 * followed by the Jacobian derivation of the gradient.
 *
 * <p>Every product is written over labels of earlier steps, never by expanding them, so a
 * derivation is linear in the size of f: a network a hundred layers deep explains in a few hundred
 * steps. Each step is checkable: the labels' values ({@link Derivation#values}) turn any form back
 * into an expression in f's variables.
 */
public final class Explainer {
    private final SimplificationSteps simplification;

    /** An explainer whose simplification steps come from {@code simplification}. */
    public Explainer(SimplificationSteps simplification) {
        this.simplification = simplification;
    }

    /** An explainer that shows the simplifier's rewrites, each by its rule ({@link SimplificationSteps#BY_RULE}). */
    public static Explainer standard() {
        return new Explainer(SimplificationSteps.BY_RULE);
    }

    /**
     * The gradient of a scalar function with respect to each of {@code wrt}, from one backward
     * chain, ending in what {@code chainrule grad} prints.
     *
     * @throws DerivativeException if the function is not a scalar
     */
    public Derivation gradient(Subject subject, List<Expr.Variable> wrt) {
        requireScalar(subject.f(), "gradient", ": use the Jacobian for a vector function");
        Run run = new Run(subject);
        Map<Expr.Variable, Expr> results = Derivatives.gradients(subject.f(), wrt);
        Derivation.Part part = run.gradient(null, run.root, subject.f(), wrt, results, "grad");
        String layout = wrt.size() == 1 ? "Gradient in the shape of " + wrt.get(0).name()
                : "Gradients, each in the shape of its variable";
        return run.derivation(Derivation.Kind.GRADIENT, wrt, layout, List.of(part));
    }

    /** The Jacobian in numerator layout, by one forward chain, ending in what {@code chainrule jacobian} prints. */
    public Derivation jacobian(Subject subject, Expr.Variable wrt) {
        Run run = new Run(subject);
        Expr result = Derivatives.jacobian(subject.f(), wrt);
        Derivation.Part part = run.jacobian(null, run.root, subject.f(), wrt,
                resultLabel(run.root, wrt, result), result, "jacobian");
        return run.derivation(Derivation.Kind.JACOBIAN, List.of(wrt), Layout.jacobian(subject.f(), wrt, result),
                List.of(part));
    }

    /**
     * The Hessian block ∂²f/∂x∂y (the Hessian itself where y is x): the gradient by x, then the
     * Jacobian of the gradient by y; ending in what {@code chainrule hessian} prints.
     *
     * @throws DerivativeException if the function is not a scalar
     */
    public Derivation hessian(Subject subject, Expr.Variable x, Expr.Variable y) {
        requireScalar(subject.f(), "Hessian", "");
        Run run = new Run(subject);
        Map<Expr.Variable, Expr> gradient = Derivatives.gradients(subject.f(), List.of(x));
        Expr g = gradient.get(x);
        String gName = run.names.reserve("g");
        Derivation.Part first = run.gradient("The gradient " + gName + " = ∂" + run.root + "/∂" + x.name(), run.root,
                subject.f(), List.of(x), gradient, "grad");
        Expr hessian = x == y ? Derivatives.hessian(subject.f(), x) : Derivatives.jacobian(g, y);
        String label = x == y ? "∂²" + run.root + "/∂" + x.name() + "²" : "∂²" + run.root + "/∂" + x.name() + "∂" + y.name();
        Derivation.Part second = run.jacobian("Its Jacobian by " + y.name() + ": the Hessian", gName, g, y,
                (Expr.Variable) Expr.variable(label, hessian.shape()), hessian, "hessian");
        List<Expr.Variable> wrt = x == y ? List.of(x) : List.of(x, y);
        return run.derivation(Derivation.Kind.HESSIAN, wrt, Layout.hessian(x, y, hessian), List.of(first, second));
    }

    private static void requireScalar(Expr f, String what, String hint) {
        if (!f.shape().isScalar()) {
            throw new DerivativeException("the " + what + " needs a scalar function, not " + f.shape() + hint);
        }
    }

    /** ∂f/∂x, as the commands label a first derivative. */
    private static Expr.Variable resultLabel(String f, Expr.Variable x, Expr value) {
        return Names.partial(f, x.name(), value.shape());
    }

    /** One derivation in the making: the names, and every label's value so far. */
    private final class Run {
        final Subject subject;
        final Names names;
        final String root;
        final Map<Expr.Variable, Expr> values = new LinkedHashMap<>();
        final Map<Expr.Variable, Expr> intermediates = new LinkedHashMap<>();

        Run(Subject subject) {
            this.subject = subject;
            Map<Expr, String> given = new IdentityHashMap<>();
            subject.definitions().forEach((name, node) -> given.putIfAbsent(node, name));
            this.names = new Names(subject.f(), given);
            this.root = names.reserve(subject.name());
        }

        Derivation derivation(Derivation.Kind kind, List<Expr.Variable> wrt, String layout, List<Derivation.Part> parts) {
            return new Derivation(kind, subject.name(), subject.f(), wrt, layout, parts, intermediates, values,
                    names.given());
        }

        /** Defines the intermediates and their local derivatives; returns the local derivatives' labels. */
        Map<Decomposition.Intermediate, Map<Expr.Variable, Expr.Variable>> intermediatesAndLocals(
                Decomposition d, List<Step> steps) {
            for (Decomposition.Intermediate u : d.intermediates()) {
                steps.add(new Step(Step.Kind.DEFINE, null, null, u.label(), List.of(u.step())));
                values.put(u.label(), u.step());
                intermediates.putIfAbsent(u.label(), u.node());
            }
            Map<Decomposition.Intermediate, Map<Expr.Variable, Expr.Variable>> locals = new IdentityHashMap<>();
            for (Decomposition.Intermediate u : d.intermediates()) {
                LocalRules.Rule rule = LocalRules.of(u.step(), new LinkedHashSet<>(u.operands()));
                Map<Expr.Variable, Expr.Variable> labels = new LinkedHashMap<>();
                for (Expr.Variable c : u.operands()) {
                    Expr derivative = named(u, Derivatives.jacobian(u.step(), c));
                    Expr.Variable label = Names.partial(u.name(), c.name(), derivative.shape());
                    steps.add(new Step(Step.Kind.LOCAL, rule.name(), rule.section(), label, List.of(derivative)));
                    values.putIfAbsent(label, derivative);
                    labels.put(c, label);
                }
                locals.put(u, labels);
            }
            return locals;
        }

        /**
         * The gradient of {@code f} by reverse accumulation, its chain written backwards from f.
         *
         * @param results the gradients as the command prints them, by variable
         */
        Derivation.Part gradient(String title, String fName, Expr f, List<Expr.Variable> wrt,
                                 Map<Expr.Variable, Expr> results, String command) {
            List<Step> steps = new ArrayList<>();
            List<Expr.Variable> read = wrt.stream().filter(v -> Traversal.dependents(f, v).contains(f)).toList();
            Map<Expr.Variable, Expr.Variable> totals = new LinkedHashMap<>();
            if (!read.isEmpty()) {
                Decomposition d = Decomposition.of(f, fName, read, names);
                var locals = intermediatesAndLocals(d, steps);
                Map<Expr.Variable, List<Decomposition.Intermediate>> users = new IdentityHashMap<>();
                for (Decomposition.Intermediate u : d.intermediates()) {
                    u.operands().forEach(c -> users.computeIfAbsent(c, k -> new ArrayList<>()).add(u));
                }
                List<Expr.Variable> targets = new ArrayList<>();
                for (Decomposition.Intermediate u : d.intermediates()) {
                    if (u != d.root()) {
                        targets.add(u.label());
                    }
                }
                Collections.reverse(targets);
                targets.addAll(read);
                for (Expr.Variable c : targets) {
                    Expr.Variable total = Names.total(fName, c.name(), c.shape());
                    List<Expr> contributions = new ArrayList<>();
                    List<Expr> chained = new ArrayList<>();
                    boolean scalars = c.shape().isScalar();
                    for (Decomposition.Intermediate u : users.get(c)) {
                        Expr adjoint = u == d.root() ? Expr.scalar(1) : totals.get(u.label());
                        contributions.add(named(u, Derivatives.adjointContribution(u.step(), c, adjoint)));
                        chained.add(ChainRules.backward(locals.get(u).get(c), u == d.root() ? null : adjoint,
                                u.label().shape(), c.shape()));
                        scalars &= u.label().shape().isScalar();
                    }
                    LocalRules.Rule rule = ChainRules.rule(contributions.size(), scalars);
                    Expr value = Simplifier.simplify(sum(contributions));
                    String name = rule.name();
                    if (c.symmetric()) {
                        value = Simplifier.simplify(Expr.scale(Expr.scalar(0.5), Expr.add(value, Expr.transpose(value))));
                        name += ChainRules.SYMMETRIC;
                    }
                    steps.add(new Step(Step.Kind.CHAIN, name, rule.section(), total, forms(chained, value)));
                    values.put(total, value);
                    totals.put(c, total);
                }
            }
            Substitution substitution = new Substitution(values);
            List<Step> ends = new ArrayList<>();
            for (Expr.Variable v : wrt) {
                Expr result = results.get(v);
                Expr.Variable label = resultLabel(fName, v, result);
                Expr.Variable total = totals.get(v);
                if (total == null) {
                    ends.add(new Step(Step.Kind.RESULT, fName + " does not depend on " + v.name(), null, label,
                            List.of(result)));
                    continue;
                }
                ends.addAll(finish(total, label, substitution.apply(total), result, command, steps));
            }
            steps.addAll(ends);
            return new Derivation.Part(Derivation.Kind.GRADIENT, title, fName, wrt.size() == 1 ? wrt.get(0) : null,
                    steps);
        }

        /** The Jacobian of {@code f} by {@code x}, its chain written forwards from x. */
        Derivation.Part jacobian(String title, String fName, Expr f, Expr.Variable x, Expr.Variable resultLabel,
                                 Expr result, String command) {
            List<Step> steps = new ArrayList<>();
            if (!Traversal.dependents(f, x).contains(f)) {
                steps.add(new Step(Step.Kind.RESULT, fName + " does not depend on " + x.name(), null, resultLabel,
                        List.of(result)));
                return new Derivation.Part(Derivation.Kind.JACOBIAN, title, fName, x, steps);
            }
            Decomposition d = Decomposition.of(f, fName, List.of(x), names);
            var locals = intermediatesAndLocals(d, steps);
            Map<Expr.Variable, Expr.Variable> totals = new IdentityHashMap<>();
            for (Decomposition.Intermediate u : d.intermediates()) {
                List<Expr> chained = new ArrayList<>();
                List<Expr> terms = new ArrayList<>();
                boolean scalars = u.label().shape().isScalar() && x.shape().isScalar();
                for (Expr.Variable c : u.operands()) {
                    Expr.Variable local = locals.get(u).get(c);
                    if (c == x) {
                        chained.add(local);
                        terms.add(values.get(local));
                    } else {
                        Expr.Variable total = totals.get(c);
                        chained.add(ChainRules.forward(local, total, u.label().shape(), c.shape(), x.shape()));
                        terms.add(ChainRules.forward(values.get(local), total, u.label().shape(), c.shape(),
                                x.shape()));
                    }
                    scalars &= c.shape().isScalar();
                }
                Expr value = Simplifier.simplify(sum(terms));
                Expr.Variable total = Names.total(u.name(), x.name(), value.shape());
                LocalRules.Rule rule = ChainRules.rule(terms.size(), scalars);
                steps.add(new Step(Step.Kind.CHAIN, rule.name(), rule.section(), total, forms(chained, value)));
                values.put(total, value);
                totals.put(u.label(), total);
            }
            Expr.Variable total = totals.get(d.root().label());
            steps.addAll(finish(total, resultLabel, new Substitution(values).apply(total), result, command, steps));
            return new Derivation.Part(Derivation.Kind.JACOBIAN, title, fName, x, steps);
        }

        /**
         * The substitution, the simplifier's steps and the result; the substitution and the
         * simplification join the steps at once, the result is returned, so that results come last.
         */
        private List<Step> finish(Expr.Variable total, Expr.Variable resultLabel, Expr substituted, Expr result,
                                  String command, List<Step> steps) {
            steps.add(new Step(Step.Kind.SUBSTITUTE, "every label replaced by its value", null, total,
                    List.of(substituted)));
            Expr simplified = substituted;
            String shown = null;
            for (SimplificationSteps.Rewrite rewrite : simplification.explain(substituted)) {
                // A rewrite the notation does not show (a scaling moved inside a transpose's
                // parentheses, say) joins the line before it, so that no two lines read alike.
                String text = Printer.printCompact(rewrite.after(), Format.TEXT, Printer.READABLE_TREE_NODES);
                Step last = steps.get(steps.size() - 1);
                if (text.equals(shown) && last.kind() == Step.Kind.SIMPLIFY) {
                    steps.set(steps.size() - 1, new Step(Step.Kind.SIMPLIFY, last.rule() + ", " + rewrite.rule(), null,
                            total, List.of(rewrite.after())));
                } else {
                    steps.add(new Step(Step.Kind.SIMPLIFY, rewrite.rule(), null, total, List.of(rewrite.after())));
                }
                shown = text;
                simplified = rewrite.after();
            }
            String rule = simplified == result ? "as chainrule " + command + " prints it"
                    : "equal to the result of chainrule " + command + ", as it prints it";
            return List.of(new Step(Step.Kind.RESULT, rule, null, resultLabel, List.of(result)));
        }
    }

    /** The chain rule's product (when it can be written) and the value it simplifies to. */
    private static List<Expr> forms(List<Expr> chained, Expr value) {
        if (chained.contains(null)) {
            return List.of(value);
        }
        Expr product = sum(chained);
        return product == value ? List.of(value) : List.of(product, value);
    }

    private static Expr sum(List<Expr> terms) {
        Expr total = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            total = Expr.add(total, terms.get(i));
        }
        return total;
    }

    /** A derivative of u's step with u's own value written as u: {@code 1 − u2.^2}, not {@code 1 − tanh(u1).^2}. */
    private static Expr named(Decomposition.Intermediate u, Expr derivative) {
        if (u.step() instanceof Expr.Variable) {
            return derivative;
        }
        Map<Expr, Expr> replacements = new IdentityHashMap<>();
        replacements.put(u.step(), u.label());
        replacements.put(Simplifier.simplify(u.step()), u.label());
        return replace(derivative, replacements);
    }

    /** {@code e} with some of its nodes replaced, rebuilt without recursion. */
    static Expr replace(Expr e, Map<Expr, Expr> replacements) {
        Map<Expr, Expr> done = new IdentityHashMap<>();
        for (Expr node : Traversal.postOrder(e)) {
            Expr replacement = replacements.get(node);
            if (replacement != null) {
                done.put(node, replacement);
                continue;
            }
            List<Expr> children = node.children();
            List<Expr> rebuilt = new ArrayList<>(children.size());
            boolean changed = false;
            for (Expr child : children) {
                Expr r = done.get(child);
                rebuilt.add(r);
                changed |= r != child;
            }
            done.put(node, changed ? node.withChildren(rebuilt) : node);
        }
        return done.get(e);
    }
}

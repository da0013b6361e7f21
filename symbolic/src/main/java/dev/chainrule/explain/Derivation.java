package dev.chainrule.explain;

import dev.chainrule.graph.Expr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A derivative with its work shown, as Parr and Howard derive one: the function cut into
 * intermediate variables, the local derivative of each by a named rule, the chain rule putting
 * them together, and the result substituted and simplified into what chainrule's
 * {@code grad}, {@code jacobian} or {@code hessian} prints. Made by {@link Explainer}; printed by
 * {@link DerivationPrinter}.
 *
 * <p>A gradient or a Jacobian is one part; a Hessian two: the gradient, then the Jacobian of the
 * gradient.
 *
 * @param function      the function's name ({@code f} for an expression)
 * @param f             the function, as the user wrote it
 * @param wrt           the variables differentiated by: for a Hessian block ∂²f/∂x∂y, x then y
 * @param layout        the sentence that says how the derivatives' entries are laid out
 * @param intermediates each intermediate variable's label and the node of the function it names
 * @param values        each label's value, in terms of the variables and earlier labels: what
 *                      {@link #substitution()} replaces it by
 * @param names         the names the user gave parts of the function, by node, for printing
 */
public record Derivation(Kind kind, String function, Expr f, List<Expr.Variable> wrt, String layout, List<Part> parts,
                         Map<Expr.Variable, Expr> intermediates, Map<Expr.Variable, Expr> values,
                         Map<Expr, String> names) {

    /** Which derivative is explained. */
    public enum Kind {
        GRADIENT, JACOBIAN, HESSIAN;

        /** Its name in JSON and on the command line: {@code gradient}, …. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One derivation from a function to a derivative: the gradient of {@code of} (by reverse
     * accumulation, from the function back to the variables) or its Jacobian (forward, from the
     * variable to the function).
     *
     * @param title a heading where there is more than one part, as "The gradient g = ∂f/∂x"
     * @param of    the name of what is differentiated in this part
     */
    public record Part(Kind kind, String title, String of, Expr.Variable by, List<Step> steps) {
        public Part {
            if (kind == Kind.HESSIAN) {
                throw new IllegalArgumentException("a part is a gradient or a Jacobian");
            }
            steps = List.copyOf(steps);
        }
    }

    public Derivation {
        wrt = List.copyOf(wrt);
        parts = List.copyOf(parts);
        intermediates = Collections.unmodifiableMap(new LinkedHashMap<>(intermediates));
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        Map<Expr, String> byNode = new IdentityHashMap<>(names);
        names = Collections.unmodifiableMap(byNode);
    }

    /** Every step, part after part. */
    public List<Step> steps() {
        List<Step> all = new ArrayList<>();
        parts.forEach(part -> all.addAll(part.steps()));
        return all;
    }

    /** The result steps: the derivatives as the commands print them, one per variable (of the last part). */
    public List<Step> results() {
        return steps().stream().filter(s -> s.kind() == Step.Kind.RESULT).toList();
    }

    /**
     * A substitution that replaces every label by its value, recursively, so that a form becomes an
     * expression in the function's variables alone. One instance remembers what it has done: use
     * one for many forms of a derivation.
     */
    public Substitution substitution() {
        return new Substitution(values);
    }
}

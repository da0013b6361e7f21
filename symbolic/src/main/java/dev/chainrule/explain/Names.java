package dev.chainrule.explain;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names of a derivation's intermediate variables: the user's where the user named a part
 * (a local definition, a {@code where}), else {@code u1, u2, …} in order, skipping every name in
 * use (variables, dimensions, the user's names, names {@link #reserve reserved}: the function's). A node keeps its name for the
 * whole derivation, so the Jacobian of a gradient calls the parts it shares with the function what
 * the gradient did. The labels of derivatives are made here too, in one notation: {@code ∂u/∂c}
 * for a local (partial) derivative, {@code du/dx} for a total one, as the paper writes them in
 * §4.5.1 and §4.5.2.
 */
final class Names {
    private final Map<Expr, String> given;
    private final Map<Expr, String> assigned = new IdentityHashMap<>();
    private final Set<String> taken = new HashSet<>();
    private final String prefix;
    private int next = 1;

    /**
     * @param f     the function, whose variables' and dimensions' names are in use
     * @param given the user's names for parts of it, by node
     */
    Names(Expr f, Map<Expr, String> given) {
        this.given = new IdentityHashMap<>(given);
        taken.addAll(given.values());
        for (Expr node : Traversal.postOrder(f)) {
            if (node instanceof Expr.Variable v) {
                taken.add(v.name());
            } else if (node instanceof Expr.Size s) {
                taken.add(s.dim().toString());
            }
        }
        this.prefix = List.of("u", "v", "q").stream().filter(this::unused).findFirst().orElse("u_");
    }

    /** Whether no name in use is {@code p} or {@code p} and digits, so that p1, p2, … read as new. */
    private boolean unused(String p) {
        Pattern numbered = Pattern.compile(Pattern.quote(p) + "\\d*");
        return taken.stream().noneMatch(name -> numbered.matcher(name).matches());
    }

    /** Takes a name for some other part of the derivation (the Hessian's gradient), as given or with a suffix. */
    String reserve(String wanted) {
        String name = wanted;
        for (int k = 1; taken.contains(name); k++) {
            name = wanted + "_" + k;
        }
        taken.add(name);
        return name;
    }

    /** The name of an intermediate variable: the one it had, the user's, or the next free one. */
    String of(Expr node) {
        String name = assigned.get(node);
        if (name == null) {
            name = given.get(node);
            if (name == null) {
                do {
                    name = prefix + next++;
                } while (taken.contains(name));
                taken.add(name);
            }
            assigned.put(node, name);
        }
        return name;
    }

    /** The names given and assigned so far, by node: the user's and the u's, for printing. */
    Map<Expr, String> given() {
        return given;
    }

    /** The label of the partial derivative ∂u/∂c, a variable of the derivative's shape. */
    static Expr.Variable partial(String u, String c, dev.chainrule.shape.Shape shape) {
        return (Expr.Variable) Expr.variable("∂" + u + "/∂" + c, shape);
    }

    /** The label of the total derivative du/dx. */
    static Expr.Variable total(String u, String x, dev.chainrule.shape.Shape shape) {
        return (Expr.Variable) Expr.variable("d" + u + "/d" + x, shape);
    }
}

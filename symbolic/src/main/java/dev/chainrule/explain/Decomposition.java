package dev.chainrule.explain;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A function cut into intermediate variables, as the paper cuts the neuron into {@code u = w·x + b}
 * and {@code y = max(0, u)}: each node that depends on a variable differentiated by, written as one
 * operator over its operands, the operands being earlier intermediates (by name), those variables,
 * and constants (written out: a part that does not vary is not a step). Transposes and negations
 * are notation, not steps: {@code wᵀx} is one step, the dot product, and {@code y − u} another; a
 * part the user named is a step whatever it is. The last intermediate is the function.
 *
 * @param intermediates in the order they are computed (post-order), the function last
 */
record Decomposition(List<Intermediate> intermediates) {

    /**
     * One intermediate variable: the node of the function it stands for, its label (a variable
     * named u1, or by the user's name), its step (the node's operator over its operands' labels)
     * and those operands, each once, in the order they occur.
     */
    record Intermediate(Expr node, Expr.Variable label, Expr step, List<Expr.Variable> operands) {
        String name() {
            return label.name();
        }
    }

    Decomposition {
        intermediates = List.copyOf(intermediates);
    }

    /** The function itself, the last intermediate. */
    Intermediate root() {
        return intermediates.get(intermediates.size() - 1);
    }

    /**
     * Cuts {@code f}, which depends on at least one of {@code wrt}; the function's own label is
     * {@code rootName}, the others' come from {@code names}.
     */
    static Decomposition of(Expr f, String rootName, Collection<Expr.Variable> wrt, Names names) {
        Set<Expr> dependent = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Expr.Variable v : wrt) {
            dependent.addAll(Traversal.dependents(f, v));
        }
        if (!dependent.contains(f)) {
            throw new IllegalArgumentException("the function does not depend on " + wrt);
        }
        Set<Expr> varying = Collections.newSetFromMap(new IdentityHashMap<>());
        varying.addAll(wrt);
        // How each dependent node appears in its parents' steps: an intermediate as its label, a
        // variable as itself, a transpose or a negation written out over its operands' forms.
        Map<Expr, Expr> form = new IdentityHashMap<>();
        List<Intermediate> intermediates = new ArrayList<>();
        for (Expr node : Traversal.postOrder(f)) {
            if (!dependent.contains(node)) {
                continue;
            }
            boolean isRoot = node == f;
            if (node instanceof Expr.Variable && !isRoot) {
                form.put(node, node);
                continue;
            }
            List<Expr> children = node.children();
            List<Expr> operands = new ArrayList<>(children.size());
            for (Expr child : children) {
                operands.add(form.getOrDefault(child, child));
            }
            Expr written = children.isEmpty() ? node : node.withChildren(operands);
            boolean notation = node instanceof Expr.Transpose || node instanceof Expr.Negate;
            if (notation && !isRoot && !names.given().containsKey(node)) {
                form.put(node, written);
                continue;
            }
            String name = isRoot ? rootName : names.of(node);
            Expr.Variable label = (Expr.Variable) Expr.variable(name, node.shape());
            intermediates.add(new Intermediate(node, label, written, operandsOf(written, varying)));
            varying.add(label);
            form.put(node, label);
        }
        return new Decomposition(intermediates);
    }

    /** The varying variables a step reads, each once, in the order they occur. */
    private static List<Expr.Variable> operandsOf(Expr step, Set<Expr> varying) {
        Set<Expr.Variable> operands = new LinkedHashSet<>();
        for (Expr node : Traversal.postOrder(step)) {
            if (node instanceof Expr.Variable v && varying.contains(v)) {
                operands.add(v);
            }
        }
        return List.copyOf(operands);
    }
}

package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import dev.chainrule.simplify.egraph.EClass;
import dev.chainrule.simplify.egraph.EGraph;
import dev.chainrule.simplify.egraph.ENode;
import dev.chainrule.simplify.egraph.Operators;
import dev.chainrule.simplify.egraph.Rewrite;
import dev.chainrule.syntax.Ast;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A {@link Rule} as a rewrite of the search. A pattern rule's candidates are the witnesses of its
 * left-hand side in the classes where its top operator occurs ({@link EMatcher}); a computed
 * rule's is the representative of each class, its cheapest term (the rule rewrites an extracted
 * term: one candidate per class, however many forms the class holds). Each candidate the rule
 * rewrites gives the equation candidate = rewrite.
 * A candidate is tried once, unless the rule's answer depended on facts that may still grow.
 */
final class RuleRewrite implements Rewrite {
    private final Rule rule;
    private final SearchState state;
    private final Ast pattern;
    private final String rootKey;
    private final Set<Object> tried = new HashSet<>();
    /** How far below its top the rule looks: 0 for a rule of the representative, the pattern's depth otherwise. */
    private final int reach;

    RuleRewrite(Rule rule, SearchState state) {
        this.rule = rule;
        this.state = state;
        this.pattern = rule instanceof PatternRule p ? p.pattern().ast() : null;
        this.rootKey = pattern == null ? null : rootKey(pattern);
        this.reach = pattern == null ? 0 : depth(rule);
    }

    @Override
    public String name() {
        return rule.name();
    }

    @Override
    public void search(EGraph graph, Consumer<Equation> out) {
        if (pattern != null) {
            EMatcher matcher = new EMatcher(graph, state::representative);
            for (int id : rootKey == null ? allClasses(graph) : state.classesWith(rootKey)) {
                if (!state.mayMatchAnew(id, reach)) {
                    continue;
                }
                for (EMatcher.Plan plan : matcher.witnesses(pattern, id)) {
                    if (!tried.contains(plan)) {
                        tryOn(plan, plan.build(), out);
                    }
                }
            }
            return;
        }
        // A representative changes, and its class is among the changed ones, whenever anything under it does.
        for (int id : state.changedClasses()) {
            Expr candidate = state.representative(id);
            if (!tried.contains(candidate)) {
                tryOn(candidate, candidate, out);
            }
        }
    }

    /** Applies the rule to a candidate; remembers it as tried unless the answer rested on facts that may grow. */
    private void tryOn(Object key, Expr candidate, Consumer<Equation> out) {
        GraphFacts facts = state.facts();
        facts.resetConsulted();
        Expr rewritten = rule.apply(candidate, facts);
        if (!facts.consulted()) {
            tried.add(key);
        }
        if (rewritten != null && rewritten != candidate) {
            out.accept(new Equation(candidate, rewritten));
        }
    }

    private static List<Integer> allClasses(EGraph graph) {
        List<Integer> ids = new ArrayList<>();
        for (EClass c : graph.classes()) {
            ids.add(c.id());
        }
        return ids;
    }

    /** How deep a pattern reaches below its top. */
    static int depth(Rule rule) {
        if (!(rule instanceof PatternRule p)) {
            return 1;
        }
        int deepest = 0;
        java.util.ArrayDeque<Ast> nodes = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Integer> depths = new java.util.ArrayDeque<>();
        nodes.push(p.pattern().ast());
        depths.push(0);
        while (!nodes.isEmpty()) {
            Ast node = nodes.pop();
            int d = depths.pop();
            deepest = Math.max(deepest, d);
            for (Ast child : node.children()) {
                nodes.push(child);
                depths.push(d + 1);
            }
        }
        return deepest;
    }

    /** The key ({@link SearchState#key}) of the operator at the pattern's top, or null if any class may match. */
    private static String rootKey(Ast pattern) {
        if (pattern instanceof Ast.Unary u) {
            return u.op() == Ast.UnaryOp.NEGATE ? "Negate" : null;
        }
        if (pattern instanceof Ast.Binary b) {
            return switch (b.op()) {
                case ADD, SUBTRACT -> "Add";
                case MULTIPLY -> Pattern.isScalarPattern(b.left()) ? "Scale" : "Product";
                case HADAMARD -> "Hadamard";
                case DIVIDE, ELEMENT_DIVIDE -> "Divide";
                case POWER, ELEMENT_POWER -> "Power";
                case DOT -> null;
            };
        }
        if (pattern instanceof Ast.Call c) {
            return c.function().equals("vector") || c.function().equals("matrix") ? "Constant" : c.function();
        }
        if (pattern instanceof Ast.Number) {
            return "Constant";
        }
        return null;
    }
}

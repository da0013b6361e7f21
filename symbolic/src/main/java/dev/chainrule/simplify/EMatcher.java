package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.FunctionNames;
import dev.chainrule.simplify.egraph.EClass;
import dev.chainrule.simplify.egraph.EGraph;
import dev.chainrule.simplify.egraph.ENode;
import dev.chainrule.simplify.egraph.Operators;
import dev.chainrule.syntax.Ast;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * E-matching for the left-hand sides of {@link PatternRule}s: every term of a class that the
 * pattern could match, read off the e-graph with the pattern's own meaning ({@link Pattern}: names
 * a–g match scalars, and as operands of element-wise operators also a spread scalar {@code s·1⃗};
 * numbers match constants; {@code A'} matches a transposed constant; {@code x - y} an
 * {@code x + (-y)}; {@code eye} the identity; calls their operators).
 *
 * <p>The result is a set of <em>witnesses</em>: terms, one per way the pattern matches, built from
 * the matched e-nodes with each pattern name standing for a representative term of its class (the
 * same term wherever the name repeats). The rule itself then applies to the witness as to any node,
 * so its conditions and right-hand side read exactly as in the greedy rewriter, and the witness
 * and its rewrite are the two sides of the equation the search adds.
 */
final class EMatcher {
    /** At most this many witnesses for one pattern in one class: a guard against blow-up, not a limit met in practice. */
    private static final int MAX_WITNESSES = 64;

    private final EGraph graph;
    private final IntFunction<Expr> representative;

    EMatcher(EGraph graph, IntFunction<Expr> representative) {
        this.graph = graph;
        this.representative = representative;
    }

    /** What a name stands for: a class (or −1, for a scalar that no class holds) and the term used for it. */
    private record Bound(int classId, Expr value) {}

    /**
     * How to build a witness: a term, or an operator over the witnesses of its operands. Plans are
     * values (equal plans build the same term), so that a rewrite can skip a match it has tried
     * without building its witness.
     */
    sealed interface Plan {
        Expr build();
    }

    record Term(Expr term) implements Plan {
        @Override
        public Expr build() {
            return term;
        }
    }

    record Node(Expr operator, List<Plan> operands) implements Plan {
        @Override
        public Expr build() {
            List<Expr> built = new ArrayList<>(operands.size());
            for (Plan p : operands) {
                built.add(p.build());
            }
            return Operators.apply(operator, built);
        }
    }

    private record Partial(Plan witness, Map<String, Bound> bindings) {}

    /** The plans of the witnesses of the pattern in a class. */
    List<Plan> witnesses(Ast pattern, int classId) {
        List<Partial> matches = match(pattern, classId, false, Map.of());
        LinkedHashSet<Plan> distinct = new LinkedHashSet<>();
        for (Partial p : matches) {
            distinct.add(p.witness);
        }
        return new ArrayList<>(distinct);
    }

    private static Plan node(Expr operator, Plan... operands) {
        return new Node(operator, List.of(operands));
    }

    private static Plan term(Expr term) {
        return new Term(term);
    }

    private List<Partial> match(Ast pattern, int classId, boolean elementwise, Map<String, Bound> bindings) {
        return pattern.accept(new Matcher(graph.find(classId), elementwise, bindings));
    }

    private final class Matcher implements Ast.Visitor<List<Partial>> {
        private final int classId;
        private final EClass eclass;
        private final boolean elementwise;
        private final Map<String, Bound> bindings;

        Matcher(int classId, boolean elementwise, Map<String, Bound> bindings) {
            this.classId = classId;
            this.eclass = graph.eclass(classId);
            this.elementwise = elementwise;
            this.bindings = bindings;
        }

        @Override
        public List<Partial> visitNumber(Ast.Number number) {
            Expr.Constant c = eclass.constant();
            if (c != null && c.value() == number.value() && (elementwise || c.shape().isScalar())) {
                return List.of(new Partial(term(c), bindings));
            }
            return List.of();
        }

        @Override
        public List<Partial> visitName(Ast.Name name) {
            String id = name.id();
            if (id.equals("eye")) {
                for (ENode n : eclass.nodes()) {
                    if (n.operator() instanceof Expr.Identity) {
                        return List.of(new Partial(term(n.operator()), bindings));
                    }
                }
                return List.of();
            }
            if (Pattern.isScalarVariable(id) && !eclass.shape().isScalar()) {
                if (!elementwise) {
                    return List.of();
                }
                List<Partial> out = new ArrayList<>();
                // s·1⃗, binding s.
                for (ENode n : eclass.nodes()) {
                    Expr.Constant one = n.operator() instanceof Expr.Scale && n.arity() == 2
                            ? graph.eclass(n.child(1)).constant() : null;
                    if (one != null && one.value() == 1) {
                        Map<String, Bound> b = bind(id, graph.find(n.child(0)), bindings);
                        if (b != null) {
                            out.add(new Partial(node(n.operator(), term(b.get(id).value), term(one)), b));
                        }
                    }
                }
                // A constant array c⃗, binding the scalar c.
                Expr.Constant c = eclass.constant();
                if (c != null) {
                    Map<String, Bound> b = bindValue(id, Expr.scalar(c.value()), bindings);
                    if (b != null) {
                        out.add(new Partial(term(c), b));
                    }
                }
                return out;
            }
            Map<String, Bound> b = bind(id, classId, bindings);
            return b == null ? List.of() : List.of(new Partial(term(b.get(id).value), b));
        }

        @Override
        public List<Partial> visitUnary(Ast.Unary unary) {
            List<Partial> out = new ArrayList<>();
            boolean negate = unary.op() == Ast.UnaryOp.NEGATE;
            if (negate && unary.operand() instanceof Ast.Number number) {
                Expr.Constant c = eclass.constant();
                return c != null && c.value() == -number.value() && (elementwise || c.shape().isScalar())
                        ? List.of(new Partial(term(c), bindings)) : List.of();
            }
            for (ENode n : eclass.nodes()) {
                if (negate ? n.operator() instanceof Expr.Negate : n.operator() instanceof Expr.Transpose) {
                    for (Partial p : match(unary.operand(), n.child(0), elementwise, bindings)) {
                        out.add(new Partial(node(n.operator(), p.witness), p.bindings));
                    }
                }
            }
            Expr.Constant c = eclass.constant();
            if (!negate && c != null && !c.shape().isScalar()) {
                // The factories store a transposed constant as a constant of the transposed shape.
                Expr inner = Expr.constant(c.value(), c.shape().transpose());
                Map<String, Bound> b = matchTerm(unary.operand(), inner, bindings);
                if (b != null) {
                    out.add(new Partial(term(c), b));
                }
            }
            return cap(out);
        }

        @Override
        public List<Partial> visitBinary(Ast.Binary binary) {
            Ast p = binary.left();
            Ast q = binary.right();
            return switch (binary.op()) {
                case ADD -> both(Expr.Add.class, p, q, true);
                case SUBTRACT -> difference(p, q);
                case MULTIPLY -> Pattern.isScalarPattern(p) ? both(Expr.Scale.class, p, q, false)
                        : both(Expr.Product.class, p, q, false);
                case HADAMARD -> both(Expr.Hadamard.class, p, q, true);
                case DIVIDE, ELEMENT_DIVIDE -> both(Expr.Divide.class, p, q, true);
                case POWER, ELEMENT_POWER -> both(Expr.Power.class, p, q, true);
                case DOT -> List.of();
            };
        }

        private List<Partial> both(Class<? extends Expr> operator, Ast p, Ast q, boolean elementwiseOperands) {
            List<Partial> out = new ArrayList<>();
            for (ENode n : eclass.nodes()) {
                if (operator.isInstance(n.operator())) {
                    for (Partial l : match(p, n.child(0), elementwiseOperands, bindings)) {
                        for (Partial r : match(q, n.child(1), elementwiseOperands, l.bindings)) {
                            out.add(new Partial(node(n.operator(), l.witness, r.witness), r.bindings));
                        }
                    }
                }
            }
            return cap(out);
        }

        /** {@code p - q}: a sum whose right operand is a negation. */
        private List<Partial> difference(Ast p, Ast q) {
            List<Partial> out = new ArrayList<>();
            for (ENode n : eclass.nodes()) {
                if (!(n.operator() instanceof Expr.Add)) {
                    continue;
                }
                for (ENode neg : graph.eclass(n.child(1)).nodes()) {
                    if (!(neg.operator() instanceof Expr.Negate)) {
                        continue;
                    }
                    for (Partial l : match(p, n.child(0), true, bindings)) {
                        for (Partial r : match(q, neg.child(0), true, l.bindings)) {
                            Plan negated = node(neg.operator(), r.witness);
                            out.add(new Partial(node(n.operator(), l.witness, negated), r.bindings));
                        }
                    }
                }
            }
            return cap(out);
        }

        /** Patterns are written without literals, entries or where clauses: these never match. */
        @Override
        public List<Partial> visitLiteral(Ast.Literal literal) {
            return List.of();
        }

        @Override
        public List<Partial> visitEntries(Ast.Entries entries) {
            return List.of();
        }

        @Override
        public List<Partial> visitWhere(Ast.Where where) {
            return List.of();
        }

        @Override
        public List<Partial> visitCall(Ast.Call call) {
            List<Partial> out = new ArrayList<>();
            if (elementwise) {
                // A scalar function spread over a shape, logsumexp(x)·1⃗, as an operand of an element-wise operator.
                for (ENode n : eclass.nodes()) {
                    Expr.Constant one = n.operator() instanceof Expr.Scale && n.arity() == 2
                            ? graph.eclass(n.child(1)).constant() : null;
                    if (one != null && one.value() == 1) {
                        for (Partial p : matchCall(call, n.child(0), bindings)) {
                            out.add(new Partial(node(n.operator(), p.witness, term(one)), p.bindings));
                        }
                    }
                }
            }
            out.addAll(matchCall(call, classId, bindings));
            return cap(out);
        }
    }

    private List<Partial> matchCall(Ast.Call call, int classId, Map<String, Bound> bindings) {
        String f = call.function();
        EClass eclass = graph.eclass(classId);
        if (f.equals("vector") || f.equals("matrix")) {
            boolean kind = f.equals("vector") ? eclass.shape().isVector() : eclass.shape().isMatrix();
            Expr.Constant c = eclass.constant();
            if (!kind || c == null) {
                return List.of();
            }
            Map<String, Bound> b = matchTerm(call.args().get(0), Expr.scalar(c.value()), bindings);
            return b == null ? List.of() : List.of(new Partial(term(c), b));
        }
        if (call.args().size() != 1) {
            return List.of();
        }
        List<Partial> out = new ArrayList<>();
        for (ENode n : eclass.nodes()) {
            if (n.arity() == 1 && f.equals(FunctionNames.of(n.operator()))) {
                for (Partial p : match(call.args().get(0), n.child(0), false, bindings)) {
                    out.add(new Partial(node(n.operator(), p.witness), p.bindings));
                }
            }
        }
        return out;
    }

    /** Matches a name or a number against a term the graph need not hold (a constant's scalar). */
    private Map<String, Bound> matchTerm(Ast pattern, Expr term, Map<String, Bound> bindings) {
        if (pattern instanceof Ast.Number number) {
            return term instanceof Expr.Constant c && c.value() == number.value() ? bindings : null;
        }
        if (pattern instanceof Ast.Name name && !name.id().equals("eye")) {
            if (Pattern.isScalarVariable(name.id()) && !term.shape().isScalar()) {
                return null;
            }
            return bindValue(name.id(), term, bindings);
        }
        return null;
    }

    /** Binds a name to a class, its representative standing for it; null if the name is bound to another class. */
    private Map<String, Bound> bind(String name, int classId, Map<String, Bound> bindings) {
        int root = graph.find(classId);
        Bound bound = bindings.get(name);
        if (bound != null) {
            return bound.classId == root ? bindings : null;
        }
        Map<String, Bound> b = new HashMap<>(bindings);
        b.put(name, new Bound(root, representative.apply(root)));
        return b;
    }

    /** Binds a name to a term; if it is bound already, only to that very term. */
    private Map<String, Bound> bindValue(String name, Expr value, Map<String, Bound> bindings) {
        Integer id = graph.idOf(value);
        int root = id == null ? -1 : graph.find(id);
        Bound bound = bindings.get(name);
        if (bound != null) {
            return bound.value == value || root >= 0 && bound.classId == root ? bindings : null;
        }
        Map<String, Bound> b = new HashMap<>(bindings);
        b.put(name, new Bound(root, root >= 0 ? representative.apply(root) : value));
        return b;
    }

    private static List<Partial> cap(List<Partial> partials) {
        return partials.size() > MAX_WITNESSES ? partials.subList(0, MAX_WITNESSES) : partials;
    }
}

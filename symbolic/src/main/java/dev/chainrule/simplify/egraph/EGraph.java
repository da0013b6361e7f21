package dev.chainrule.simplify.egraph;

import dev.chainrule.graph.Expr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An e-graph over {@link Expr}, as the egg library builds one: e-classes of e-nodes known equal,
 * e-nodes hash-consed so that each is in one class, unions recorded with their reasons and
 * congruence restored by a deferred {@link #rebuild}.
 *
 * <p>Every distinct term ever added has an id of its own, and ids stand for classes through a
 * union-find: {@link #find} gives the class. Terms are graph nodes, interned, so a term is added
 * once and its id is found by identity; because each id keeps its term, and each union its reason
 * ({@link ProofForest}), the graph can tell how two terms came to be equal ({@link Explainer}).
 *
 * <p>E-nodes are generic: an operator ({@link Operators#of}) over class ids; a node is rebuilt
 * from one with {@link Expr#withChildren}, so a new operator needs no code here. Every class knows
 * its shape (all members share it; a union of two shapes is a bug and throws), the constant it
 * equals if one is a member, and the fact of an {@link Analysis}.
 */
public final class EGraph {
    private final Analysis<Object> analysis;

    private final List<Expr> terms = new ArrayList<>();
    private final Map<Expr, Integer> ids = new IdentityHashMap<>();
    private int[] unionFind = new int[64];
    private final List<EClass> classes = new ArrayList<>();
    private final Map<ENode, Integer> memo = new HashMap<>();
    private final ProofForest proofs = new ProofForest();

    private final Deque<ENode> pendingNodes = new ArrayDeque<>();
    private final Deque<Integer> pendingIds = new ArrayDeque<>();
    private boolean analysisStale;
    /** Classes that gained members, were made or whose fact changed, since {@link #takeTouched}. */
    private Set<Integer> touched = new LinkedHashSet<>();

    private int classCount;
    private int nodeCount;
    private long version;

    @SuppressWarnings("unchecked")
    public EGraph(Analysis<?> analysis) {
        this.analysis = (Analysis<Object>) analysis;
    }

    public EGraph() {
        this(null);
    }

    // ---- terms ----------------------------------------------------------------------------------

    /** Adds a term and everything under it; its id (a term already present keeps its id). */
    public int add(Expr root) {
        Integer known = ids.get(root);
        if (known != null) {
            return known;
        }
        Deque<Expr> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Expr node = stack.peek();
            if (ids.containsKey(node)) {
                stack.pop();
                continue;
            }
            boolean ready = true;
            for (Expr child : node.children()) {
                if (!ids.containsKey(child)) {
                    stack.push(child);
                    ready = false;
                }
            }
            if (ready) {
                stack.pop();
                addNode(node);
            }
        }
        return ids.get(root);
    }

    private void addNode(Expr node) {
        List<Expr> children = node.children();
        int[] operands = new int[children.size()];
        for (int i = 0; i < operands.length; i++) {
            operands[i] = find(ids.get(children.get(i)));
        }
        ENode enode = new ENode(Operators.of(node), operands);
        int id = newId(node);
        Integer existing = memo.get(enode);
        if (existing != null) {
            unionFind[id] = find(existing);
            proofs.union(id, existing, Justification.CONGRUENCE);
            return;
        }
        EClass c = new EClass(id, node.shape());
        c.nodes.add(enode);
        if (node instanceof Expr.Constant constant) {
            c.constant = constant;
        }
        classes.set(id, c);
        Set<Integer> distinct = new LinkedHashSet<>();
        for (int operand : operands) {
            if (distinct.add(operand)) {
                EClass child = classes.get(operand);
                child.parentNodes.add(enode);
                child.parentIds.add(id);
            }
        }
        memo.put(enode, id);
        touched.add(id);
        classCount++;
        nodeCount++;
        version++;
        analysisStale = true;
    }

    private int newId(Expr term) {
        int id = terms.size();
        terms.add(term);
        ids.put(term, id);
        classes.add(null);
        if (id >= unionFind.length) {
            unionFind = Arrays.copyOf(unionFind, unionFind.length * 2);
        }
        unionFind[id] = id;
        proofs.add(id);
        return id;
    }

    /** The term an id stands for. */
    public Expr term(int id) {
        return terms.get(id);
    }

    /** The id of a term, or null if it was never added. */
    public Integer idOf(Expr term) {
        return ids.get(term);
    }

    /** The number of ids (of terms added) so far. */
    public int termCount() {
        return terms.size();
    }

    // ---- classes --------------------------------------------------------------------------------

    /** The canonical id of the class of {@code id}. */
    public int find(int id) {
        int root = id;
        while (unionFind[root] != root) {
            root = unionFind[root];
        }
        while (unionFind[id] != root) {
            int next = unionFind[id];
            unionFind[id] = root;
            id = next;
        }
        return root;
    }

    public EClass eclass(int id) {
        return classes.get(find(id));
    }

    /** The classes, in the order they were made. */
    public List<EClass> classes() {
        List<EClass> live = new ArrayList<>(classCount);
        for (EClass c : classes) {
            if (c != null) {
                live.add(c);
            }
        }
        return live;
    }

    public int classCount() {
        return classCount;
    }

    /** The number of distinct e-nodes (as of the last rebuild). */
    public int nodeCount() {
        return nodeCount;
    }

    /** Grows with every new class and every union: unchanged means nothing was learnt. */
    public long version() {
        return version;
    }

    /**
     * The classes (canonical ids) made, grown, merged or whose fact changed since the last call:
     * where new matches can be, with their ancestors.
     */
    public Set<Integer> takeTouched() {
        Set<Integer> taken = new LinkedHashSet<>();
        for (int id : touched) {
            taken.add(find(id));
        }
        touched = new LinkedHashSet<>();
        return taken;
    }

    /** The classes with an e-node that has an operand in the class of {@code id}. */
    public Set<Integer> parents(int id) {
        Set<Integer> parents = new LinkedHashSet<>();
        for (int p : classes.get(find(id)).parentIds) {
            parents.add(find(p));
        }
        return parents;
    }

    /** The class of an e-node of this operator over these classes, or null if there is none. */
    public Integer lookup(Expr operator, int... operands) {
        int[] canonical = new int[operands.length];
        for (int i = 0; i < operands.length; i++) {
            canonical[i] = find(operands[i]);
        }
        Integer id = memo.get(new ENode(operator, canonical));
        return id == null ? null : find(id);
    }

    /** The id of a term of the graph whose e-node is this one (up to its operands' classes), or null. */
    public Integer memberWith(ENode node) {
        return memo.get(canonical(node));
    }

    /** The analysis' fact of the class of {@code id} (as of the last rebuild). */
    public Object data(int id) {
        return classes.get(find(id)).data;
    }

    // ---- union and rebuild ----------------------------------------------------------------------

    /**
     * Makes the classes of two terms one, for the reason given: the term {@code a} became {@code b}.
     * Congruence is restored by {@link #rebuild}, not here. Returns whether they were apart.
     */
    public boolean union(int a, int b, Justification why) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) {
            return false;
        }
        EClass ca = classes.get(ra);
        EClass cb = classes.get(rb);
        if (!ca.shape.equals(cb.shape)) {
            throw new IllegalStateException("a rewrite equated a " + ca.shape + " (" + term(a) + ") with a "
                    + cb.shape + " (" + term(b) + ")");
        }
        proofs.union(a, b, why);
        EClass root = ca;
        EClass other = cb;
        int sizeA = ca.nodes.size() + ca.parentNodes.size();
        int sizeB = cb.nodes.size() + cb.parentNodes.size();
        if (sizeB > sizeA || sizeB == sizeA && rb < ra) {
            root = cb;
            other = ca;
        }
        unionFind[other.id] = root.id;
        root.nodes.addAll(other.nodes);
        root.parentNodes.addAll(other.parentNodes);
        root.parentIds.addAll(other.parentIds);
        pendingNodes.addAll(other.parentNodes);
        pendingIds.addAll(other.parentIds);
        if (root.constant == null) {
            root.constant = other.constant;
        }
        classes.set(other.id, null);
        touched.add(root.id);
        classCount--;
        version++;
        analysisStale = true;
        return true;
    }

    /** Restores the invariants after unions: congruent e-nodes in one class, operands canonical, facts current. */
    public void rebuild() {
        while (!pendingIds.isEmpty()) {
            ENode node = pendingNodes.poll();
            int id = pendingIds.poll();
            memo.remove(node);
            ENode canonical = canonical(node);
            Integer existing = memo.put(canonical, id);
            if (existing != null && find(existing) != find(id)) {
                union(existing, id, Justification.CONGRUENCE);
            }
        }
        int nodes = 0;
        for (EClass c : classes) {
            if (c == null) {
                continue;
            }
            c.nodes = dedup(c.nodes);
            if (c.nodes.size() > 1 && hasConstantLeaf(c)) {
                c.nodes = prune(c.nodes);
            }
            nodes += c.nodes.size();
            if (c.parentNodes.size() > 8) {
                compactParents(c);
            }
        }
        nodeCount = nodes;
        if (analysisStale && analysis != null) {
            analyse();
        }
        analysisStale = false;
    }

    private List<ENode> dedup(List<ENode> nodes) {
        Set<ENode> unique = new LinkedHashSet<>(nodes.size());
        for (ENode n : nodes) {
            unique.add(canonical(n));
        }
        return new ArrayList<>(unique);
    }

    /** Whether the class holds a constant or the identity: a value with no simpler or more useful form. */
    private static boolean hasConstantLeaf(EClass c) {
        if (c.constant != null) {
            return true;
        }
        for (ENode n : c.nodes) {
            if (n.arity() == 0 && n.operator() instanceof Expr.Identity) {
                return true;
            }
        }
        return false;
    }

    /**
     * A class known to be a constant keeps only its leaves, as egg's constant folding prunes it: no
     * term is simpler than the constant, and matching through its other forms ({@code 1 = v/v},
     * so {@code 1/w = (v/v)/w = v/(vw)} ...) only grows the graph without end.
     */
    private static List<ENode> prune(List<ENode> nodes) {
        List<ENode> leaves = new ArrayList<>();
        for (ENode n : nodes) {
            if (n.arity() == 0) {
                leaves.add(n);
            }
        }
        return leaves;
    }

    private void compactParents(EClass c) {
        Map<ENode, Integer> unique = new java.util.LinkedHashMap<>();
        for (int i = 0; i < c.parentNodes.size(); i++) {
            unique.putIfAbsent(canonical(c.parentNodes.get(i)), c.parentIds.get(i));
        }
        c.parentNodes = new ArrayList<>(unique.keySet());
        c.parentIds = new ArrayList<>(unique.values());
    }

    private ENode canonical(ENode node) {
        int[] operands = node.children();
        int[] canonical = null;
        for (int i = 0; i < operands.length; i++) {
            int root = find(operands[i]);
            if (root != operands[i]) {
                if (canonical == null) {
                    canonical = operands.clone();
                }
                canonical[i] = root;
            }
        }
        return canonical == null ? node : new ENode(node.operator(), canonical);
    }

    /** The analysis to its least fixpoint: every class from bottom, joined over its nodes until nothing changes. */
    private void analyse() {
        List<EClass> live = classes();
        Map<Integer, Object> before = new HashMap<>();
        for (EClass c : live) {
            before.put(c.id, c.data);
            c.data = analysis.bottom();
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (EClass c : live) {
                Object data = c.data;
                for (ENode n : c.nodes) {
                    data = analysis.join(data, analysis.make(this, n));
                }
                if (!data.equals(c.data)) {
                    c.data = data;
                    changed = true;
                }
            }
        }
        for (EClass c : live) {
            if (!c.data.equals(before.get(c.id))) {
                touched.add(c.id);
            }
        }
    }

    // ---- explanations ---------------------------------------------------------------------------

    ProofForest proofs() {
        return proofs;
    }

    /**
     * The rewrites, in order, that turn term {@code from} into term {@code to} (equal in this graph),
     * each at one place of the whole term; at most {@code maxSteps} of them, or this throws.
     */
    public List<RewriteStep> explain(int from, int to, int maxSteps) {
        if (find(from) != find(to)) {
            throw new IllegalArgumentException(term(from) + " and " + term(to) + " are not known equal");
        }
        return new Explainer(this, maxSteps).explain(from, to);
    }
}

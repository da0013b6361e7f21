package dev.chainrule.simplify.egraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Why the terms of the e-graph are equal, as egg records it: a spanning forest over the term ids,
 * one tree per e-class, each edge one union and its {@link Justification}. A union makes its
 * first term the root of its tree and hangs it under the second, so the edge reads "the first
 * term became the second"; {@code forward} says whether that is the rule's own direction.
 */
final class ProofForest {
    /** An edge of a path: {@code from} became {@code to}, for {@code why}, in the rule's direction or not. */
    record Edge(int from, int to, Justification why, boolean forward) {}

    private int[] next = new int[64];
    private Justification[] why = new Justification[64];
    private boolean[] forward = new boolean[64];

    void add(int id) {
        if (id >= next.length) {
            int size = Math.max(id + 1, next.length * 2);
            next = Arrays.copyOf(next, size);
            why = Arrays.copyOf(why, size);
            forward = Arrays.copyOf(forward, size);
        }
        next[id] = id;
    }

    /** Records that term {@code a} became term {@code b} for the reason given; they were in different trees. */
    void union(int a, int b, Justification reason) {
        reroot(a);
        next[a] = b;
        why[a] = reason;
        forward[a] = true;
    }

    /** Makes {@code x} the root of its tree, turning the edges on its way to the old root around. */
    private void reroot(int x) {
        List<Integer> path = new ArrayList<>();
        for (int node = x; ; node = next[node]) {
            path.add(node);
            if (next[node] == node) {
                break;
            }
        }
        for (int i = path.size() - 2; i >= 0; i--) {
            int child = path.get(i);
            int parent = path.get(i + 1);
            next[parent] = child;
            why[parent] = why[child];
            forward[parent] = !forward[child];
        }
        next[x] = x;
        why[x] = null;
    }

    /** The edges from {@code a} to {@code b}, in order; they must be in one tree. */
    List<Edge> path(int a, int b) {
        int depthA = depth(a);
        int depthB = depth(b);
        List<Edge> up = new ArrayList<>();
        List<Edge> down = new ArrayList<>();
        int x = a;
        int y = b;
        while (depthA > depthB) {
            up.add(new Edge(x, next[x], why[x], forward[x]));
            x = next[x];
            depthA--;
        }
        while (depthB > depthA) {
            down.add(new Edge(next[y], y, why[y], !forward[y]));
            y = next[y];
            depthB--;
        }
        while (x != y) {
            up.add(new Edge(x, next[x], why[x], forward[x]));
            x = next[x];
            down.add(new Edge(next[y], y, why[y], !forward[y]));
            y = next[y];
            if (x == next[x] && y == next[y] && x != y) {
                throw new IllegalStateException("terms " + a + " and " + b + " were never made equal");
            }
        }
        for (int i = down.size() - 1; i >= 0; i--) {
            up.add(down.get(i));
        }
        return up;
    }

    private int depth(int id) {
        int depth = 0;
        for (int node = id; next[node] != node; node = next[node]) {
            depth++;
        }
        return depth;
    }
}

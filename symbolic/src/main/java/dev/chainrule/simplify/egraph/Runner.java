package dev.chainrule.simplify.egraph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs rewrites to saturation or to a limit, as egg's runner does: each iteration searches with
 * every rewrite the scheduler allows, then applies every equation found (so that the order of the
 * rewrites does not matter within an iteration), then rebuilds. It stops when an iteration teaches
 * the graph nothing (saturation), or at a limit on iterations, e-nodes or time; the e-node and time
 * limits are checked between iterations, never in the middle of one.
 *
 * <p>The scheduler is egg's {@code BackoffScheduler}: a rewrite that finds more than its match
 * limit in one iteration is banned for a while, its limit and ban doubling each time, so that a
 * rewrite that explodes (associativity over a long chain) cannot starve the others; when the graph
 * saturates with rewrites banned, they are let back in.
 */
public final class Runner {
    /**
     * @param iterations at most this many iterations
     * @param nodes      stop once the graph holds this many e-nodes
     * @param nanos      stop once this much time has passed (a safety net: results must not depend on it)
     * @param matchLimit a rewrite finding more equations in one iteration is banned
     * @param banLength  for this many iterations (both double with each ban)
     */
    public record Limits(int iterations, int nodes, long nanos, int matchLimit, int banLength) {}

    public enum Stop { SATURATED, ITERATION_LIMIT, NODE_LIMIT, TIME_LIMIT }

    /** How a run went: why it stopped, its iterations, the graph's size, and how often each rewrite applied. */
    public record Report(Stop stop, int iterations, int nodes, int classes, long nanos, Map<String, Integer> applications,
                         long hookNanos, long searchNanos, long applyNanos) {}

    /** Called before each iteration's searches: a rewrite that reads extracted terms has them computed here. */
    public interface Hook {
        void beforeSearch(EGraph graph);
    }

    private final Limits limits;

    public Runner(Limits limits) {
        this.limits = limits;
    }

    public Report run(EGraph graph, List<Rewrite> rewrites, Hook hook) {
        long start = System.nanoTime();
        int n = rewrites.size();
        int[] timesBanned = new int[n];
        int[] bannedUntil = new int[n];
        Map<String, Integer> applications = new LinkedHashMap<>();
        graph.rebuild();
        Stop stop = Stop.ITERATION_LIMIT;
        int iteration = 0;
        long hookNanos = 0;
        long searchNanos = 0;
        long applyNanos = 0;
        for (; iteration < limits.iterations(); iteration++) {
            if (graph.nodeCount() >= limits.nodes()) {
                stop = Stop.NODE_LIMIT;
                break;
            }
            if (System.nanoTime() - start > limits.nanos()) {
                stop = Stop.TIME_LIMIT;
                break;
            }
            long t0 = System.nanoTime();
            hook.beforeSearch(graph);
            long t1 = System.nanoTime();
            hookNanos += t1 - t0;
            long version = graph.version();
            List<List<Rewrite.Equation>> found = new ArrayList<>(n);
            boolean anyBanned = false;
            for (int r = 0; r < n; r++) {
                List<Rewrite.Equation> equations = new ArrayList<>();
                if (bannedUntil[r] > iteration) {
                    anyBanned = true;
                    found.add(equations);
                    continue;
                }
                rewrites.get(r).search(graph, equations::add);
                int threshold = limits.matchLimit() << timesBanned[r];
                if (equations.size() > threshold) {
                    bannedUntil[r] = iteration + (limits.banLength() << timesBanned[r]);
                    timesBanned[r]++;
                    anyBanned = true;
                    equations.clear();
                }
                found.add(equations);
            }
            long t2 = System.nanoTime();
            searchNanos += t2 - t1;
            for (int r = 0; r < n; r++) {
                Justification why = new Justification.Rule(rewrites.get(r).name());
                for (Rewrite.Equation eq : found.get(r)) {
                    int lhs = graph.add(eq.lhs());
                    int rhs = graph.add(eq.rhs());
                    if (graph.union(lhs, rhs, why)) {
                        applications.merge(rewrites.get(r).name(), 1, Integer::sum);
                    }
                }
            }
            graph.rebuild();
            applyNanos += System.nanoTime() - t2;
            if (graph.version() == version) {
                if (!anyBanned) {
                    stop = Stop.SATURATED;
                    iteration++;
                    break;
                }
                for (int r = 0; r < n; r++) {
                    bannedUntil[r] = 0;
                }
            }
        }
        return new Report(stop, iteration, graph.nodeCount(), graph.classCount(), System.nanoTime() - start, applications,
                hookNanos, searchNanos, applyNanos);
    }
}

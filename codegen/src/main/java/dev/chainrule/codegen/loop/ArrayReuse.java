package dev.chainrule.codegen.loop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Workspace sharing: temporaries whose lifetimes do not overlap share one workspace array, as a
 * register allocator shares registers, so a deep chain of layers needs two or three arrays, not
 * one per layer. Lifetimes are measured in top-level statements of a method. The calls of one
 * instance never overlap, so arrays are shared across the methods of a class too: one instance
 * serves a whole class, method after method. The int pivots of LU factorisations are shared the
 * same way, among themselves. Temporaries named after the user's local definitions keep their own
 * array, for readability.
 */
final class ArrayReuse {
    private final List<Array> physical = new ArrayList<>();
    /** The roles of the temporaries each physical array holds, for its name. */
    private final Map<Name, Set<String>> roles = new HashMap<>();

    /** The roles of the temporaries that share the array, in the order they were assigned. */
    Set<String> rolesOf(Name physicalArray) {
        return roles.getOrDefault(physicalArray, Set.of());
    }

    /** Renames the method's temporaries to shared arrays. */
    List<Stmt> assign(List<Stmt> body) {
        Map<Name, Array> temps = new LinkedHashMap<>();
        Map<Name, int[]> lifetimes = new LinkedHashMap<>();
        for (int k = 0; k < body.size(); k++) {
            for (Array a : arraysIn(body.get(k))) {
                if (shareable(a)) {
                    temps.putIfAbsent(a.name(), a);
                    int[] life = lifetimes.computeIfAbsent(a.name(), n -> new int[] {Integer.MAX_VALUE, -1});
                    life[0] = Math.min(life[0], k);
                    life[1] = Math.max(life[1], k);
                }
            }
        }
        Map<Array, Integer> busyUntil = new HashMap<>();
        Map<Name, Array> renaming = new HashMap<>();
        for (Map.Entry<Name, Array> t : temps.entrySet()) {
            int[] life = lifetimes.get(t.getKey());
            Array chosen = null;
            for (Array p : physical) {
                if (p.role() == t.getValue().role() && p.rows().equals(t.getValue().rows())
                        && p.cols().equals(t.getValue().cols()) && busyUntil.getOrDefault(p, -1) < life[0]) {
                    chosen = p;
                    break;
                }
            }
            if (chosen == null) {
                chosen = t.getValue();
                physical.add(chosen);
            }
            busyUntil.put(chosen, life[1]);
            renaming.put(t.getKey(), chosen);
            Name.Temp origin = t.getKey().origin();
            roles.computeIfAbsent(chosen.name(), n -> new LinkedHashSet<>()).add(origin == null ? "" : origin.role());
        }
        Mapper rename = new Mapper() {
            @Override public Array array(Array a) {
                // A reshape reads an array under another shape: keep each access's own shape.
                Array chosen = renaming.get(a.name());
                return chosen == null ? a : new Array(chosen.name(), a.rows(), a.cols(), chosen.role());
            }
        };
        return rename.body(body);
    }

    private static boolean shareable(Array a) {
        return (a.role() == Array.Role.TEMPORARY || a.role() == Array.Role.PIVOTS)
                && !(a.name().origin() != null && a.name().origin().userNamed());
    }

    private static List<Array> arraysIn(Stmt s) {
        List<Array> arrays = new ArrayList<>();
        new Mapper() {
            @Override public Array array(Array a) {
                arrays.add(a);
                return a;
            }
        }.stmt(s);
        return arrays;
    }
}

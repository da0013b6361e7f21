package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.*;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lets temporaries whose lifetimes do not overlap share one workspace array, as a register
 * allocator shares registers: a deep chain of layers needs two or three arrays, not one per layer.
 * Lifetimes are measured in top-level statements of a method. The calls of one instance never
 * overlap, so arrays are shared across methods too. Temporaries named after the user's local
 * definitions keep their own arrays, for readability.
 */
public final class ArrayReuse {
    private final List<Array> physical = new ArrayList<>();
    private final Set<String> dedicated;

    /** @param dedicated temporaries that keep their own array */
    public ArrayReuse(Set<String> dedicated) {
        this.dedicated = dedicated;
    }

    /** The workspace arrays in use after reuse. */
    public List<Array> arrays() {
        return List.copyOf(physical);
    }

    /** Renames the method's temporaries to shared arrays. */
    public List<Stmt> assign(List<Stmt> body) {
        Map<String, Array> temps = new LinkedHashMap<>();
        Map<String, int[]> lifetimes = new LinkedHashMap<>();
        for (int k = 0; k < body.size(); k++) {
            for (Array a : arraysIn(body.get(k))) {
                if (a.role() == Array.Role.TEMPORARY && !dedicated.contains(a.name())) {
                    temps.putIfAbsent(a.name(), a);
                    int[] life = lifetimes.computeIfAbsent(a.name(), n -> new int[] {Integer.MAX_VALUE, -1});
                    life[0] = Math.min(life[0], k);
                    life[1] = Math.max(life[1], k);
                }
            }
        }
        Map<Array, Integer> busyUntil = new HashMap<>();
        Map<String, Array> renaming = new HashMap<>();
        for (Map.Entry<String, Array> t : temps.entrySet()) {
            int[] life = lifetimes.get(t.getKey());
            Array chosen = null;
            for (Array p : physical) {
                if (p.rows().equals(t.getValue().rows()) && p.cols().equals(t.getValue().cols())
                        && busyUntil.getOrDefault(p, -1) < life[0]) {
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
        }
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            out.add(rename(s, renaming));
        }
        return out;
    }

    private static List<Array> arraysIn(Stmt s) {
        List<Array> arrays = new ArrayList<>();
        collect(s, arrays);
        return arrays;
    }

    private static void collect(Stmt s, List<Array> out) {
        if (s instanceof Store st) {
            out.add(st.array());
            collect(st.value(), out);
        } else if (s instanceof Accumulate a) {
            out.add(a.array());
            collect(a.value(), out);
        } else if (s instanceof Let l) {
            collect(l.value(), out);
        } else if (s instanceof Init i) {
            collect(i.value(), out);
        } else if (s instanceof Update u) {
            collect(u.value(), out);
        } else if (s instanceof Return r) {
            collect(r.value(), out);
        } else if (s instanceof Loop loop) {
            loop.body().forEach(b -> collect(b, out));
        } else if (s instanceof UnlessZero guard) {
            guard.body().forEach(b -> collect(b, out));
        } else if (s instanceof Factor f) {
            out.add(f.source());
            out.add(f.lu());
        } else if (s instanceof Invert inv) {
            out.add(inv.lu());
            out.add(inv.out());
        }
    }

    private static void collect(Val v, List<Array> out) {
        Fusion.mapVal(v, x -> {
            if (x instanceof Val.Load load) {
                out.add(load.array());
            }
            return x;
        });
    }

    private static Stmt rename(Stmt s, Map<String, Array> renaming) {
        if (s instanceof Store st) {
            return new Store(renamed(st.array(), renaming), st.row(), st.col(), rename(st.value(), renaming));
        }
        if (s instanceof Accumulate a) {
            return new Accumulate(renamed(a.array(), renaming), a.row(), a.col(), rename(a.value(), renaming));
        }
        if (s instanceof Let l) {
            return new Let(l.name(), rename(l.value(), renaming));
        }
        if (s instanceof Init i) {
            return new Init(i.name(), rename(i.value(), renaming));
        }
        if (s instanceof Update u) {
            return new Update(u.name(), u.op(), rename(u.value(), renaming));
        }
        if (s instanceof Return r) {
            return new Return(rename(r.value(), renaming));
        }
        if (s instanceof Loop loop) {
            return new Loop(loop.index(), loop.extent(), loop.body().stream().map(b -> rename(b, renaming)).toList());
        }
        if (s instanceof UnlessZero guard) {
            return new UnlessZero(guard.local(), guard.body().stream().map(b -> rename(b, renaming)).toList());
        }
        if (s instanceof Factor f) {
            return new Factor(renamed(f.source(), renaming), renamed(f.lu(), renaming), f.pivots(), f.sign());
        }
        if (s instanceof Invert inv) {
            return new Invert(renamed(inv.lu(), renaming), inv.pivots(), inv.sign(), renamed(inv.out(), renaming));
        }
        return s;
    }

    private static Val rename(Val v, Map<String, Array> renaming) {
        return Fusion.mapVal(v, x -> x instanceof Val.Load load
                ? new Val.Load(renamed(load.array(), renaming), load.row(), load.col()) : x);
    }

    private static Array renamed(Array a, Map<String, Array> renaming) {
        return renaming.getOrDefault(a.name(), a);
    }
}

package dev.chainrule.codegen.loop;

import dev.chainrule.shape.Dim;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts a method body that would be too large for the JIT into parts of bounded size, at top-level
 * statements. A local declared in one part and used in a later one travels through a slot of a
 * workspace array: stored at the end of the part that last sets it, read at the start of each part
 * that uses it, so that no part allocates and each stays small.
 */
public final class Splitter {
    /** The parts, in order, and the slots they share. */
    public record Split(List<List<Stmt>> parts, Array carried) {}

    private Splitter() {}

    public static Split split(List<Stmt> body, int budget, int unrollLimit, Workspace workspace) {
        List<List<Stmt>> parts = new ArrayList<>();
        List<Stmt> current = new ArrayList<>();
        int size = 0;
        for (Stmt s : body) {
            int cost = SizeEstimate.of(s, unrollLimit);
            if (!current.isEmpty() && size + cost > budget) {
                parts.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(s);
            size += cost;
        }
        parts.add(current);

        // Which part declares each top-level local, and which parts touch it.
        Map<String, Integer> declaredIn = new LinkedHashMap<>();
        List<Effects> effects = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            Effects e = Effects.of(parts.get(p));
            effects.add(e);
            for (Stmt s : parts.get(p)) {
                for (String local : topLevelDeclarations(s)) {
                    declaredIn.putIfAbsent(local, p);
                }
            }
        }
        Map<String, Integer> slots = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> d : declaredIn.entrySet()) {
            for (int p = d.getValue() + 1; p < parts.size(); p++) {
                Effects e = effects.get(p);
                if (e.localsRead.contains(d.getKey()) || e.localsWritten.contains(d.getKey())) {
                    slots.put(d.getKey(), slots.size());
                    break;
                }
            }
        }
        if (slots.isEmpty()) {
            return new Split(parts, null);
        }
        Array carried = workspace.carried(Dim.of(slots.size()));
        List<List<Stmt>> wired = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            List<Stmt> part = new ArrayList<>();
            Effects e = effects.get(p);
            Set<String> setHere = new LinkedHashSet<>();
            for (Map.Entry<String, Integer> slot : slots.entrySet()) {
                String local = slot.getKey();
                boolean declaredEarlier = declaredIn.get(local) < p;
                boolean used = e.localsRead.contains(local) || e.localsWritten.contains(local);
                if (declaredEarlier && used) {
                    part.add(new Stmt.Init(local, load(carried, slot.getValue())));
                }
                if ((declaredIn.get(local) == p || declaredEarlier) && e.localsWritten.contains(local)
                        || declaredIn.get(local) == p) {
                    setHere.add(local);
                }
            }
            part.addAll(parts.get(p));
            boolean returns = !part.isEmpty() && part.get(part.size() - 1) instanceof Stmt.Return;
            Stmt last = returns ? part.remove(part.size() - 1) : null;
            for (String local : setHere) {
                if (usedAfter(effects, p, local)) {
                    part.add(new Stmt.Store(carried, new Index.At(slots.get(local)), Index.ZERO, new Val.Local(local)));
                }
            }
            if (last != null) {
                part.add(last);
            }
            wired.add(part);
        }
        return new Split(wired, carried);
    }

    private static Val load(Array carried, int slot) {
        return new Val.Load(carried, new Index.At(slot), Index.ZERO);
    }

    private static boolean usedAfter(List<Effects> effects, int part, String local) {
        for (int p = part + 1; p < effects.size(); p++) {
            if (effects.get(p).localsRead.contains(local) || effects.get(p).localsWritten.contains(local)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> topLevelDeclarations(Stmt s) {
        Set<String> names = new HashSet<>();
        if (s instanceof Stmt.Let l) {
            names.add(l.name());
        } else if (s instanceof Stmt.Init i) {
            names.add(i.name());
        } else if (s instanceof Stmt.Factor f) {
            names.add(f.sign());
        }
        return names;
    }
}

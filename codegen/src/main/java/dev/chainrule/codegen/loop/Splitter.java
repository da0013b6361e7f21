package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.Init;
import dev.chainrule.shape.Dim;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Method splitting: cuts a method body that would be too large for the JIT into {@link Stmt.Part}s
 * of bounded size, at top-level statements. A local declared in one part and used in a later one
 * travels through a slot of a workspace array: stored at the end of the part that last sets it,
 * read at the start of each part that uses it, so that no part allocates and each stays small.
 */
final class Splitter {
    private Splitter() {}

    /**
     * @param budget   the largest estimated size of a body left whole, and of each part
     * @param carried  makes the array of slots, given their number
     * @param partName the method name of part k (from 1)
     */
    static List<Stmt> split(List<Stmt> body, int budget, Function<Dim, Array> carried,
                            IntFunction<String> partName) {
        if (SizeEstimate.of(body, 0) <= budget) {
            return body;
        }
        List<List<Stmt>> parts = new ArrayList<>();
        List<Stmt> current = new ArrayList<>();
        int size = 0;
        for (Stmt s : body) {
            int cost = SizeEstimate.of(s, 0);
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
        Map<Name, Integer> declaredIn = new LinkedHashMap<>();
        List<Effects> effects = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            effects.add(Effects.of(parts.get(p)));
            for (Stmt s : parts.get(p)) {
                Name declared = Declarations.own(s);
                if (declared != null) {
                    declaredIn.putIfAbsent(declared, p);
                }
            }
        }
        Map<Name, Integer> slots = new LinkedHashMap<>();
        for (Map.Entry<Name, Integer> d : declaredIn.entrySet()) {
            for (int p = d.getValue() + 1; p < parts.size(); p++) {
                if (effects.get(p).touches(d.getKey())) {
                    slots.put(d.getKey(), slots.size());
                    break;
                }
            }
        }
        Array slotArray = slots.isEmpty() ? null : carried.apply(Dim.of(slots.size()));
        List<Stmt> wired = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            List<Stmt> part = new ArrayList<>();
            Effects e = effects.get(p);
            Set<Name> setHere = new LinkedHashSet<>();
            for (Map.Entry<Name, Integer> slot : slots.entrySet()) {
                Name local = slot.getKey();
                boolean declaredEarlier = declaredIn.get(local) < p;
                if (declaredEarlier && e.touches(local)) {
                    part.add(new Init(local, new Val.Load(slotArray, new Index.At(slot.getValue()), Index.ZERO)));
                }
                if (declaredIn.get(local) == p || declaredEarlier && e.localsWritten.contains(local)) {
                    setHere.add(local);
                }
            }
            part.addAll(parts.get(p));
            Stmt last = part.get(part.size() - 1) instanceof Stmt.Return ? part.remove(part.size() - 1) : null;
            for (Name local : setHere) {
                if (usedAfter(effects, p, local)) {
                    part.add(new Stmt.Store(slotArray, new Index.At(slots.get(local)), Index.ZERO, new Val.Local(local)));
                }
            }
            if (last != null) {
                part.add(last);
            }
            wired.add(new Stmt.Part(partName.apply(p + 1), part));
        }
        return wired;
    }

    /**
     * A body with loops, not split into parts already, as one {@link Stmt.Part} named {@code name}:
     * the public method calls it once it has checked its arguments, so that the JIT compiles the
     * loops apart from the checks. (With even one length check in the same method, HotSpot 17
     * compiled the quadratic form's loops 20% slower, measured side by side.) A body without
     * loops, or split already, is returned as it is.
     */
    static List<Stmt> apartFromChecks(List<Stmt> body, String name) {
        if (!body.stream().anyMatch(Splitter::hasLoop) || body.stream().anyMatch(s -> s instanceof Stmt.Part)) {
            return body;
        }
        return List.of(new Stmt.Part(name, body));
    }

    private static boolean hasLoop(Stmt s) {
        if (s instanceof Stmt.Loop || s instanceof Stmt.Blocked) {
            return true;
        }
        return s instanceof Stmt.UnlessZero guard && guard.body().stream().anyMatch(Splitter::hasLoop);
    }

    private static boolean usedAfter(List<Effects> effects, int part, Name local) {
        for (int p = part + 1; p < effects.size(); p++) {
            if (effects.get(p).touches(local)) {
                return true;
            }
        }
        return false;
    }
}

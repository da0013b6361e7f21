package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.Let;
import dev.chainrule.codegen.loop.Stmt.Loop;
import dev.chainrule.codegen.loop.Stmt.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Array contraction: a temporary vector written and read only inside one loop, at that loop's
 * index, and written before it is read, becomes a local of the loop body. After fusion this puts
 * every per-row intermediate of the paper's loss in a local.
 */
final class Contraction {
    private final Effects.Cache effects = new Effects.Cache();

    private Contraction() {}

    static List<Stmt> contract(List<Stmt> body) {
        return new Contraction().contractBody(body);
    }

    private List<Stmt> contractBody(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>(body);
        // How many statements touch each array; contracting an array out of one statement never
        // raises another array's count, so the counts stay good for the whole pass.
        Map<Name, Integer> touching = new HashMap<>();
        for (Stmt s : out) {
            effects.of(s).accesses.stream().map(Effects.Access::array).distinct()
                    .forEach(array -> touching.merge(array, 1, Integer::sum));
        }
        for (int k = 0; k < out.size(); k++) {
            if (out.get(k) instanceof Loop loop) {
                for (Name array : temporariesWrittenFirst(loop)) {
                    if (touching.get(array) > 1 || !effects.of(loop).onlyAt(loop.index(), array)) {
                        continue;
                    }
                    loop = contractInto(loop, array);
                }
                out.set(k, loop);
            }
        }
        return out;
    }

    /** Temporary vectors that the loop body stores into, at its own level, before any read. */
    private Set<Name> temporariesWrittenFirst(Loop loop) {
        Set<Name> result = new java.util.LinkedHashSet<>();
        Set<Name> readSoFar = new HashSet<>();
        for (Stmt s : loop.body()) {
            readSoFar.addAll(effects.of(s).arraysRead());
            if (s instanceof Store st && st.array().role() == Array.Role.TEMPORARY && st.array().isVector()
                    && !readSoFar.contains(st.array().name())) {
                result.add(st.array().name());
            }
        }
        // An array stored into more than once, or accumulated into, keeps its memory.
        Map<Name, Integer> writes = new HashMap<>();
        for (Effects.Access a : effects.of(loop).accesses) {
            if (a.write()) {
                writes.merge(a.array(), a.accumulate() ? 2 : 1, Integer::sum);
            }
        }
        result.removeIf(name -> writes.getOrDefault(name, 0) != 1);
        return result;
    }

    private static Loop contractInto(Loop loop, Name array) {
        Mapper loadsAsLocal = new Mapper() {
            @Override public Val val(Val v) {
                Val mapped = v.map(this);
                return mapped instanceof Val.Load l && l.array().name().equals(array) ? new Val.Local(array) : mapped;
            }
        };
        List<Stmt> body = new ArrayList<>();
        for (Stmt s : loop.body()) {
            if (s instanceof Store st && st.array().name().equals(array)) {
                body.add(new Let(array, loadsAsLocal.val(st.value())));
            } else {
                body.add(loadsAsLocal.stmt(s));
            }
        }
        return loop.withBody(body);
    }
}

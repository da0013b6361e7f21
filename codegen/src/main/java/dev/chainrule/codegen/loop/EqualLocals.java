package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.Let;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges locals of equal value: {@code final double b = v;} after {@code final double a = v;} in
 * the same body, with nothing between changing what v reads, is dropped and a read wherever b was
 * (as where two gradients scale by the same factor).
 */
final class EqualLocals {
    private final Map<Name, Name> merged = new HashMap<>();
    private final Effects.Cache effects = new Effects.Cache();

    private EqualLocals() {}

    static List<Stmt> merge(List<Stmt> body) {
        EqualLocals pass = new EqualLocals();
        return pass.mapper().body(body);
    }

    private Mapper mapper() {
        return new Mapper() {
            @Override public Name local(Name name) {
                return merged.getOrDefault(name, name);
            }

            @Override public List<Stmt> body(List<Stmt> statements) {
                return mergeList(statements, this);
            }
        };
    }

    /**
     * One body: each value a local holds stays available until a statement writes something it
     * reads. Available values are indexed by the locals and arrays they read, so that a write
     * retires exactly the values it affects, each once: linear in the body, where looking at every
     * available value at every write was quadratic.
     */
    private List<Stmt> mergeList(List<Stmt> body, Mapper reads) {
        List<Stmt> out = new ArrayList<>();
        Map<Val, Name> available = new HashMap<>();
        Map<Name, List<Val>> readingLocal = new HashMap<>();
        Map<Name, List<Val>> readingArray = new HashMap<>();
        for (Stmt s : body) {
            Stmt mapped = reads.stmt(s);
            if (mapped instanceof Let let && available.containsKey(let.value())) {
                merged.put(let.name(), available.get(let.value()));
                continue;
            }
            Effects writes = effects.of(mapped);
            for (Name local : writes.localsWritten) {
                retire(readingLocal.remove(local), available);
            }
            for (Name array : writes.arraysWritten()) {
                retire(readingArray.remove(array), available);
            }
            if (mapped instanceof Let let && !(let.value() instanceof Val.Local) && !(let.value() instanceof Val.Num)) {
                available.put(let.value(), let.name());
                Effects reading = Effects.of(let.value());
                reading.localsRead.forEach(local -> readingLocal.computeIfAbsent(local, k -> new ArrayList<>()).add(let.value()));
                reading.arraysRead().forEach(array -> readingArray.computeIfAbsent(array, k -> new ArrayList<>()).add(let.value()));
            }
            out.add(mapped);
        }
        return out;
    }

    /** No longer available: the values that read what was just written. */
    private static void retire(List<Val> values, Map<Val, Name> available) {
        if (values != null) {
            values.forEach(available::remove);
        }
    }
}

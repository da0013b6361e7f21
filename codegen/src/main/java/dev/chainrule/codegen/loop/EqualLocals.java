package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.Let;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
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

    private List<Stmt> mergeList(List<Stmt> body, Mapper reads) {
        List<Stmt> out = new ArrayList<>();
        // The locals whose values later statements may reuse, with what each value reads.
        Map<Val, Name> available = new LinkedHashMap<>();
        Map<Val, Effects> reading = new HashMap<>();
        for (Stmt s : body) {
            Stmt mapped = reads.stmt(s);
            if (mapped instanceof Let let && available.containsKey(let.value())) {
                merged.put(let.name(), available.get(let.value()));
                continue;
            }
            Effects writes = effects.of(mapped);
            if (!writes.localsWritten.isEmpty() || !writes.arraysWritten().isEmpty()) {
                for (Iterator<Map.Entry<Val, Name>> i = available.entrySet().iterator(); i.hasNext(); ) {
                    Map.Entry<Val, Name> entry = i.next();
                    if (!Effects.independent(reading.get(entry.getKey()), writes)) {
                        reading.remove(entry.getKey());
                        i.remove();
                    }
                }
            }
            if (mapped instanceof Let let && !(let.value() instanceof Val.Local) && !(let.value() instanceof Val.Num)) {
                available.put(let.value(), let.name());
                reading.put(let.value(), Effects.of(let.value()));
            }
            out.add(mapped);
        }
        return out;
    }
}

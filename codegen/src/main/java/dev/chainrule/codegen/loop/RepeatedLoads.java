package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.Let;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads an array entry once where several statements of a body read it: {@code A[i * n + j]},
 * read for Ax and again for Aᵀx, becomes {@code final double aEntry = A[i * n + j];}. The JIT
 * cannot do this itself when a store lies between the reads, since it cannot tell that the array
 * stored into is another one; here the arrays have names, and only a write to the same array ends
 * the span in which the local stands for the entry.
 */
final class RepeatedLoads {
    private final Function<String, Name> locals;
    private final Effects.Cache effects = new Effects.Cache();

    private RepeatedLoads(Function<String, Name> locals) {
        this.locals = locals;
    }

    /** @param locals makes a new local for a role */
    static List<Stmt> once(List<Stmt> body, Function<String, Name> locals) {
        RepeatedLoads pass = new RepeatedLoads(locals);
        return new Mapper() {
            @Override public List<Stmt> body(List<Stmt> statements) {
                return pass.level(Mapper.super.body(statements));
            }
        }.body(body);
    }

    /** One body: each entry read by two statements or more goes into a local before the first. */
    private List<Stmt> level(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>(body);
        for (int k = 0; k < out.size(); k++) {
            for (Val.Load load : loadsIn(out.get(k))) {
                List<Integer> readers = readers(out, k, load);
                if (readers.size() < 2) {
                    continue;
                }
                Name local = locals.apply(role(load.array()));
                for (int r : readers) {
                    out.set(r, replace(out.get(r), load, new Val.Local(local)));
                }
                out.add(k, new Let(local, load));
                k++;
            }
        }
        return out;
    }

    /**
     * The statements from k on that read the entry in their own values, up to the first that
     * writes its array (which reads it before it writes) or calls a library routine
     * ({@link RoutineCalls}): a local held across a call is saved and restored around it, which
     * costs more than loading the entry again (softmax cross-entropy's x[i], read for exp and again
     * for yᵀx, ran 7% slower from a local).
     */
    private List<Integer> readers(List<Stmt> body, int k, Val.Load load) {
        List<Integer> readers = new ArrayList<>();
        for (int m = k; m < body.size(); m++) {
            Stmt s = body.get(m);
            if (loadsIn(s).contains(load)) {
                readers.add(m);
            }
            if (effects.of(s).arraysWritten().contains(load.array().name()) || RoutineCalls.in(s)) {
                break;
            }
        }
        return readers;
    }

    /** The entries a statement loads in its own values, in order of first appearance. */
    private static Set<Val.Load> loadsIn(Stmt s) {
        Set<Val.Load> loads = new LinkedHashSet<>();
        Mapper collect = new Mapper() {
            @Override public Val val(Val v) {
                if (v instanceof Val.Load l) {
                    loads.add(l);
                }
                return v.map(this);
            }
        };
        OwnValues.of(s).forEach(collect::val);
        return loads;
    }

    /** The statement with the entry read from the local in its own values (not in a body it holds). */
    private static Stmt replace(Stmt s, Val.Load load, Val local) {
        return s.map(new Mapper() {
            @Override public Val val(Val v) {
                return v.equals(load) ? local : v.map(this);
            }

            @Override public List<Stmt> body(List<Stmt> nested) {
                return nested;
            }
        });
    }

    /** {@code aEntry} for an entry of A, {@code productEntry} for one of a temporary product. */
    static String role(Array array) {
        Name.Temp temp = array.name().origin();
        String base = temp != null ? temp.role() : array.name().toString();
        return base.substring(0, 1).toLowerCase(Locale.ROOT) + base.substring(1) + "Entry";
    }
}

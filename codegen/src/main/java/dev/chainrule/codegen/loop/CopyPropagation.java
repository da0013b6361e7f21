package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.Let;
import dev.chainrule.codegen.loop.Stmt.Loop;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes {@code final double a = b;} where b is a local no later statement of the same body
 * changes, reading b wherever a was read. Names are unique, so a rename cannot capture.
 */
final class CopyPropagation {
    private final Effects.Cache effects = new Effects.Cache();

    private CopyPropagation() {}

    static List<Stmt> propagate(List<Stmt> body) {
        return new CopyPropagation().propagateBody(body);
    }

    private List<Stmt> propagateBody(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        List<Stmt> rest = new ArrayList<>(body);
        for (int k = 0; k < rest.size(); k++) {
            Stmt s = rest.get(k);
            if (s instanceof Let let && let.value() instanceof Val.Local source && !writtenAfter(rest, k, source.name())) {
                Name copy = let.name();
                Mapper readSource = new Mapper() {
                    @Override public Name local(Name name) {
                        return name.equals(copy) ? source.name() : name;
                    }
                };
                for (int m = k + 1; m < rest.size(); m++) {
                    rest.set(m, readSource.stmt(rest.get(m)));
                }
                continue;
            }
            out.add(s instanceof Loop loop ? loop.withBody(propagateBody(loop.body())) : s);
        }
        return out;
    }

    private boolean writtenAfter(List<Stmt> body, int k, Name local) {
        for (int m = k + 1; m < body.size(); m++) {
            if (effects.of(body.get(m)).localsWritten.contains(local)) {
                return true;
            }
        }
        return false;
    }
}

package dev.chainrule.codegen.loop;

import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds loop IR: {@link Stmt#map} and {@link Val#map} pass each component through the method
 * for its kind. The defaults rebuild everything unchanged, recursively; a pass overrides what it
 * changes (renaming an array, replacing a loop variable by a position, a load by a local).
 */
interface Mapper {
    default Stmt stmt(Stmt s) {
        return s.map(this);
    }

    default List<Stmt> body(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>(body.size());
        for (Stmt s : body) {
            out.addAll(statements(s));
        }
        return out;
    }

    /** What a statement of a body becomes: by default one statement, a pass may make it none or several. */
    default List<Stmt> statements(Stmt s) {
        return List.of(stmt(s));
    }

    default Val val(Val v) {
        return v.map(this);
    }

    default Index index(Index i) {
        return i.map(this);
    }

    /** A local's name, where it is declared, set or read. */
    default Name local(Name name) {
        return name;
    }

    default Array array(Array array) {
        return array;
    }
}

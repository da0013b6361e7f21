package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.Init;
import dev.chainrule.codegen.loop.Stmt.Let;
import dev.chainrule.codegen.loop.Stmt.Return;
import java.util.ArrayList;
import java.util.List;

/** Moves statements that depend on little as early as they can go, so they keep no loops apart. */
final class Hoisting {
    private Hoisting() {}

    /**
     * Accumulators set to a constant depend on nothing: they go first, so that they do not keep two
     * loops apart. (Zero-filled arrays stay where they are, so as not to lengthen their lifetimes;
     * fusion moves a fill into an earlier loop where it can.)
     */
    static List<Stmt> constantInitialisers(List<Stmt> body) {
        List<Stmt> first = new ArrayList<>();
        List<Stmt> rest = new ArrayList<>();
        for (Stmt s : body) {
            boolean constantInit = s instanceof Init i && i.value() instanceof Val.Num;
            (constantInit ? first : rest).add(s);
        }
        first.addAll(rest);
        return first;
    }

    /**
     * Moves each scalar statement as early as what it reads allows, so that a scalar computed
     * between two loops over one extent does not keep them apart; never past a return.
     */
    static List<Stmt> scalars(List<Stmt> body) {
        return Reordering.earliest(body, s -> s instanceof Let, s -> s instanceof Return, new Effects.Cache());
    }
}

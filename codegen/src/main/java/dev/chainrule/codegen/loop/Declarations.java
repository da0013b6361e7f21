package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.*;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The locals statements declare: a statement's own, or those of a body at any depth. */
final class Declarations implements Stmt.Visitor<Name> {
    private static final Declarations OWN = new Declarations();

    private Declarations() {}

    /** The local the statement itself declares (not one in a nested body), or null. */
    static Name own(Stmt s) {
        return s.accept(OWN);
    }

    /** Every local declared in a body, nested bodies included, in order. */
    static Set<Name> within(List<Stmt> body) {
        Set<Name> out = new LinkedHashSet<>();
        Effects.of(body).localsDeclared.forEach(out::add);
        return out;
    }

    @Override public Name visitLet(Let s) { return s.name(); }
    @Override public Name visitInit(Init s) { return s.name(); }
    @Override public Name visitFactor(Factor s) { return s.sign(); }
    @Override public Name visitAssign(Assign s) { return null; }
    @Override public Name visitUpdate(Update s) { return null; }
    @Override public Name visitStore(Store s) { return null; }
    @Override public Name visitAccumulate(Accumulate s) { return null; }
    @Override public Name visitLoop(Loop s) { return null; }
    @Override public Name visitBlocked(Blocked s) { return null; }
    @Override public Name visitInvert(Invert s) { return null; }
    @Override public Name visitUnlessZero(UnlessZero s) { return null; }
    @Override public Name visitUnlessAnyZero(UnlessAnyZero s) { return null; }
    @Override public Name visitIfOutside(IfOutside s) { return null; }
    @Override public Name visitReturn(Return s) { return null; }
    @Override public Name visitComment(Comment s) { return null; }
    @Override public Name visitPart(Part s) { return null; }
}

package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.*;
import java.util.List;

/** The values a statement computes itself, outside any body it holds (a loop's or a guard's). */
final class OwnValues implements Stmt.Visitor<List<Val>> {
    private static final OwnValues INSTANCE = new OwnValues();

    private OwnValues() {}

    static List<Val> of(Stmt s) {
        return s.accept(INSTANCE);
    }

    @Override public List<Val> visitLet(Let s) { return List.of(s.value()); }
    @Override public List<Val> visitInit(Init s) { return List.of(s.value()); }
    @Override public List<Val> visitAssign(Assign s) { return List.of(s.value()); }
    @Override public List<Val> visitUpdate(Update s) { return List.of(s.value()); }
    @Override public List<Val> visitStore(Store s) { return List.of(s.value()); }
    @Override public List<Val> visitAccumulate(Accumulate s) { return List.of(s.value()); }
    @Override public List<Val> visitReturn(Return s) { return List.of(s.value()); }
    @Override public List<Val> visitUnlessZero(UnlessZero s) { return List.of(s.condition()); }
    @Override public List<Val> visitUnlessAnyZero(UnlessAnyZero s) { return s.conditions(); }
    @Override public List<Val> visitIfOutside(IfOutside s) { return List.of(s.value()); }
    @Override public List<Val> visitLoop(Loop s) { return List.of(); }
    @Override public List<Val> visitBlocked(Blocked s) { return List.of(); }
    @Override public List<Val> visitFactor(Factor s) { return List.of(); }
    @Override public List<Val> visitInvert(Invert s) { return List.of(); }
    @Override public List<Val> visitComment(Comment s) { return List.of(); }
    @Override public List<Val> visitPart(Part s) { return List.of(); }
}

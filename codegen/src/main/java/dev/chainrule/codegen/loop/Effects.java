package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.*;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a statement reads and writes: locals by name, arrays by name with the indices used. */
final class Effects {
    /** One access to an array entry; a null row means the whole array (a factorisation, say). */
    record Access(Name array, Index row, Index col, boolean write, boolean accumulate) {}

    final Set<Name> localsRead = new HashSet<>();
    final Set<Name> localsWritten = new HashSet<>();
    final Set<Name> localsDeclared = new HashSet<>();
    final List<Access> accesses = new ArrayList<>();

    static Effects of(Stmt s) {
        Effects e = new Effects();
        s.accept(e.statements);
        return e;
    }

    static Effects of(List<Stmt> body) {
        Effects e = new Effects();
        body.forEach(s -> s.accept(e.statements));
        return e;
    }

    static Effects of(Val v) {
        Effects e = new Effects();
        e.read(v);
        return e;
    }

    /** Computed on first use: an Effects is complete once {@link #of} returns it. */
    private Set<Name> arraysWritten;
    private Set<Name> arraysRead;
    private Set<Name> accumulators;

    Set<Name> arraysWritten() {
        if (arraysWritten == null) {
            arraysWritten = new HashSet<>();
            accesses.stream().filter(Access::write).forEach(a -> arraysWritten.add(a.array()));
        }
        return arraysWritten;
    }

    Set<Name> arraysRead() {
        if (arraysRead == null) {
            arraysRead = new HashSet<>();
            accesses.stream().filter(a -> !a.write() || a.accumulate()).forEach(a -> arraysRead.add(a.array()));
        }
        return arraysRead;
    }

    /** Locals updated here but declared elsewhere: accumulators whose value is complete only after. */
    Set<Name> accumulators() {
        if (accumulators == null) {
            accumulators = new HashSet<>(localsWritten);
            accumulators.removeAll(localsDeclared);
        }
        return accumulators;
    }

    /** Whether the statement reads or writes the local. */
    boolean touches(Name local) {
        return localsRead.contains(local) || localsWritten.contains(local);
    }

    /**
     * Whether every access to {@code array} here is at the entry that {@code own} selects (a
     * vector's row, a row vector's column, a matrix's row): what lets a loop over {@code own} be
     * fused with another, or the array be contracted into a local of its body.
     */
    boolean onlyAt(Index own, Name array) {
        for (Access access : accesses) {
            if (access.array().equals(array) && !own.equals(elementIndex(access))) {
                return false;
            }
        }
        return true;
    }

    private static Index elementIndex(Access access) {
        if (access.row() == null) {
            return null;
        }
        return access.row().equals(Index.ZERO) && access.col() instanceof Index.Var ? access.col() : access.row();
    }

    private void read(Val v) {
        v.accept(values);
    }

    private void body(List<Stmt> body) {
        body.forEach(s -> s.accept(statements));
    }

    private void declare(Name local) {
        localsDeclared.add(local);
        localsWritten.add(local);
    }

    private void access(Array array, Index row, Index col, boolean write, boolean accumulate) {
        accesses.add(new Access(array.name(), row, col, write, accumulate));
    }

    private void whole(Array array, boolean write) {
        accesses.add(new Access(array.name(), null, null, write, false));
    }

    private final Stmt.Visitor<Void> statements = new Stmt.Visitor<>() {
        @Override public Void visitLet(Let s) {
            read(s.value());
            declare(s.name());
            return null;
        }

        @Override public Void visitInit(Init s) {
            read(s.value());
            declare(s.name());
            return null;
        }

        @Override public Void visitAssign(Assign s) {
            read(s.value());
            localsWritten.add(s.name());
            return null;
        }

        @Override public Void visitUpdate(Update s) {
            read(s.value());
            localsRead.add(s.name());
            localsWritten.add(s.name());
            return null;
        }

        @Override public Void visitStore(Store s) {
            read(s.value());
            access(s.array(), s.row(), s.col(), true, false);
            return null;
        }

        @Override public Void visitAccumulate(Accumulate s) {
            read(s.value());
            access(s.array(), s.row(), s.col(), true, true);
            return null;
        }

        @Override public Void visitLoop(Loop s) {
            body(s.body());
            return null;
        }

        @Override public Void visitBlocked(Blocked s) {
            body(s.body());
            body(s.remainder());
            return null;
        }

        @Override public Void visitFactor(Factor s) {
            whole(s.source(), false);
            whole(s.lu(), true);
            whole(s.pivots(), true);
            declare(s.sign());
            return null;
        }

        @Override public Void visitInvert(Invert s) {
            whole(s.lu(), false);
            whole(s.pivots(), false);
            localsRead.add(s.sign());
            whole(s.out(), true);
            return null;
        }

        @Override public Void visitUnlessZero(UnlessZero s) {
            read(s.condition());
            body(s.body());
            return null;
        }

        @Override public Void visitUnlessAnyZero(UnlessAnyZero s) {
            for (Val condition : s.conditions()) {
                read(condition);
            }
            body(s.body());
            body(s.otherwise());
            return null;
        }

        @Override public Void visitIfOutside(IfOutside s) {
            read(s.value());
            body(s.body());
            return null;
        }

        @Override public Void visitReturn(Return s) {
            read(s.value());
            return null;
        }

        @Override public Void visitComment(Comment s) {
            return null;
        }

        @Override public Void visitPart(Part s) {
            body(s.body());
            return null;
        }
    };

    private final Val.Visitor<Void> values = new Val.Visitor<>() {
        @Override public Void visitNum(Val.Num v) {
            return null;
        }

        @Override public Void visitLocal(Val.Local v) {
            localsRead.add(v.name());
            return null;
        }

        @Override public Void visitLoad(Val.Load v) {
            access(v.array(), v.row(), v.col(), false, false);
            return null;
        }

        @Override public Void visitSize(Val.Size v) {
            return null;
        }

        @Override public Void visitNegate(Val.Negate v) {
            read(v.operand());
            return null;
        }

        @Override public Void visitBinary(Val.Binary v) {
            read(v.left());
            read(v.right());
            return null;
        }

        @Override public Void visitCall(Val.Call v) {
            read(v.argument());
            return null;
        }

        @Override public Void visitMax(Val.Max v) {
            read(v.left());
            read(v.right());
            return null;
        }

        @Override public Void visitPower(Val.Power v) {
            read(v.base());
            read(v.exponent());
            return null;
        }

        @Override public Void visitLogSumExpOf(Val.LogSumExpOf v) {
            read(v.max());
            read(v.shiftedSum());
            return null;
        }

        @Override public Void visitFromExp(Val.FromExp v) {
            read(v.argument());
            read(v.exp());
            return null;
        }

        @Override public Void visitOnDiagonal(Val.OnDiagonal v) {
            read(v.value());
            return null;
        }
    };

    /**
     * Each statement's effects, computed once: a pass asks about the same statements again and
     * again, and a loop's effects take a walk over its whole body, so without this the passes are
     * quadratic in the length of a long method (a chain of a thousand layers).
     */
    static final class Cache {
        private final java.util.Map<Stmt, Effects> known = new java.util.IdentityHashMap<>();

        Effects of(Stmt s) {
            return known.computeIfAbsent(s, Effects::of);
        }
    }

    /** True when neither statement reads or writes what the other writes: they may swap. */
    static boolean independent(Effects a, Effects b) {
        return disjoint(a.localsWritten, b.localsRead) && disjoint(a.localsWritten, b.localsWritten)
                && disjoint(b.localsWritten, a.localsRead)
                && disjoint(a.arraysWritten(), b.arraysRead()) && disjoint(a.arraysWritten(), b.arraysWritten())
                && disjoint(b.arraysWritten(), a.arraysRead());
    }

    private static boolean disjoint(Set<Name> a, Set<Name> b) {
        for (Name s : a) {
            if (b.contains(s)) {
                return false;
            }
        }
        return true;
    }
}

package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.*;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a statement reads and writes: locals by name, arrays by name with the indices used. */
final class Effects {
    /** One access to an array entry; a null row means the whole array (a factorisation, say). */
    record Access(String array, Index row, Index col, boolean write, boolean accumulate) {}

    final Set<String> localsRead = new HashSet<>();
    final Set<String> localsWritten = new HashSet<>();
    final Set<String> localsDeclared = new HashSet<>();
    final List<Access> accesses = new ArrayList<>();

    static Effects of(Stmt s) {
        Effects e = new Effects();
        e.add(s);
        return e;
    }

    static Effects of(List<Stmt> body) {
        Effects e = new Effects();
        body.forEach(e::add);
        return e;
    }

    /** Computed on first use: an Effects is complete once {@link #of} returns it. */
    private Set<String> arraysWritten;
    private Set<String> arraysRead;
    private Set<String> accumulators;

    Set<String> arraysWritten() {
        if (arraysWritten == null) {
            arraysWritten = new HashSet<>();
            accesses.stream().filter(Access::write).forEach(a -> arraysWritten.add(a.array()));
        }
        return arraysWritten;
    }

    Set<String> arraysRead() {
        if (arraysRead == null) {
            arraysRead = new HashSet<>();
            accesses.stream().filter(a -> !a.write() || a.accumulate()).forEach(a -> arraysRead.add(a.array()));
        }
        return arraysRead;
    }

    /** Locals updated here but declared elsewhere: accumulators whose value is complete only after. */
    Set<String> accumulators() {
        if (accumulators == null) {
            accumulators = new HashSet<>(localsWritten);
            accumulators.removeAll(localsDeclared);
        }
        return accumulators;
    }

    private void add(Stmt s) {
        if (s instanceof Let l) {
            read(l.value());
            localsDeclared.add(l.name());
            localsWritten.add(l.name());
        } else if (s instanceof Init i) {
            read(i.value());
            localsDeclared.add(i.name());
            localsWritten.add(i.name());
        } else if (s instanceof Update u) {
            read(u.value());
            localsRead.add(u.name());
            localsWritten.add(u.name());
        } else if (s instanceof Store st) {
            read(st.value());
            accesses.add(new Access(st.array().name(), st.row(), st.col(), true, false));
        } else if (s instanceof Accumulate a) {
            read(a.value());
            accesses.add(new Access(a.array().name(), a.row(), a.col(), true, true));
        } else if (s instanceof Loop loop) {
            loop.body().forEach(this::add);
        } else if (s instanceof UnlessZero guard) {
            localsRead.add(guard.local());
            guard.body().forEach(this::add);
        } else if (s instanceof Factor f) {
            accesses.add(new Access(f.source().name(), null, null, false, false));
            accesses.add(new Access(f.lu().name(), null, null, true, false));
            accesses.add(new Access(f.pivots(), null, null, true, false));
            localsDeclared.add(f.sign());
            localsWritten.add(f.sign());
        } else if (s instanceof Invert inv) {
            accesses.add(new Access(inv.lu().name(), null, null, false, false));
            accesses.add(new Access(inv.pivots(), null, null, false, false));
            localsRead.add(inv.sign());
            accesses.add(new Access(inv.out().name(), null, null, true, false));
        } else if (s instanceof Return r) {
            read(r.value());
        }
    }

    private void read(Val v) {
        if (v instanceof Val.Local l) {
            localsRead.add(l.name());
        } else if (v instanceof Val.Load load) {
            accesses.add(new Access(load.array().name(), load.row(), load.col(), false, false));
        } else if (v instanceof Val.Negate n) {
            read(n.operand());
        } else if (v instanceof Val.Binary b) {
            read(b.left());
            read(b.right());
        } else if (v instanceof Val.Call c) {
            read(c.argument());
        } else if (v instanceof Val.Max m) {
            read(m.left());
            read(m.right());
        } else if (v instanceof Val.Power p) {
            read(p.base());
            read(p.exponent());
        } else if (v instanceof Val.OnDiagonal d) {
            read(d.value());
        } else if (v instanceof Val.LogSumExpOf l) {
            read(l.max());
            read(l.shiftedSum());
        }
    }

    /** True when neither statement reads or writes what the other writes: they may swap. */
    static boolean independent(Effects a, Effects b) {
        return disjoint(a.localsWritten, b.localsRead) && disjoint(a.localsWritten, b.localsWritten)
                && disjoint(b.localsWritten, a.localsRead)
                && disjoint(a.arraysWritten(), b.arraysRead()) && disjoint(a.arraysWritten(), b.arraysWritten())
                && disjoint(b.arraysWritten(), a.arraysRead());
    }

    private static boolean disjoint(Set<String> a, Set<String> b) {
        for (String s : a) {
            if (b.contains(s)) {
                return false;
            }
        }
        return true;
    }
}

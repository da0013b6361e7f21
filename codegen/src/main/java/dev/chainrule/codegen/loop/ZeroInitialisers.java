package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.*;
import dev.chainrule.codegen.loop.Val.Num;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Folds a zero initialisation into the first write that follows it, in straight-line code:
 * {@code double s = 0.0; … s += a;} becomes {@code double s = a;} and {@code h[0] = 0.0; …
 * h[0] += a;} becomes {@code h[0] = a;} (where nothing between reads or writes them), and an entry
 * set to another value into the update that adds to it next: {@code h[0] = s; … h[0] += a;}
 * becomes {@code h[0] = s + a;} (where, besides, nothing between changes what s reads); an entry
 * set again before anything reads it is set once. Then a local set once is final, as a person
 * declares it.
 */
final class ZeroInitialisers {
    private ZeroInitialisers() {}

    static List<Stmt> fold(List<Stmt> body) {
        List<Stmt> folded = new Mapper() {
            @Override public List<Stmt> body(List<Stmt> statements) {
                return foldList(Mapper.super.body(statements));
            }
        }.body(body);
        return finalLocals(folded);
    }

    /** A cell a statement may set: a local, or an array entry at given indices. */
    private record Cell(Name local, Array array, Index row, Index col) {}

    private static Cell zeroWrite(Stmt s) {
        if (s instanceof Init i && isZero(i.value())) {
            return new Cell(i.name(), null, null, null);
        }
        if (s instanceof Assign a && isZero(a.value())) {
            return new Cell(a.name(), null, null, null);
        }
        if (s instanceof Store st && isZero(st.value())) {
            return new Cell(null, st.array(), st.row(), st.col());
        }
        return null;
    }

    private static boolean isZero(Val v) {
        return v instanceof Num n && n.value() == 0;
    }

    private static List<Stmt> foldList(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>(body);
        Effects.Cache effects = new Effects.Cache();
        for (int k = 0; k < out.size(); k++) {
            Cell cell = zeroWrite(out.get(k));
            Val initial = null;
            if (cell == null) {
                cell = entryWrite(out.get(k));
                if (cell == null) {
                    continue;
                }
                initial = ((Store) out.get(k)).value();
            }
            Effects initialReads = initial == null ? null : Effects.of(initial);
            for (int m = k + 1; m < out.size(); m++) {
                Stmt next = out.get(m);
                if (!touches(effects.of(next), cell)) {
                    if (initialReads != null && writesWhatIsRead(effects.of(next), initialReads)) {
                        break;
                    }
                    continue;
                }
                if (overwrites(next, cell)) {
                    // Set again before it is read: the first write is dead (a symmetric result's
                    // lower triangle, zeroed, then mirrored).
                    out.remove(k);
                    k--;
                    break;
                }
                Val set = initial == null ? firstWrite(next, cell) : addedTo(next, cell);
                if (set != null) {
                    out.set(m, write(out.get(k), initial == null ? set : new Val.Binary(Val.Op.ADD, initial, set)));
                    out.remove(k);
                    k--;
                }
                break;
            }
        }
        return out;
    }

    /**
     * An entry set to a value other than zero, where the next access to it may add to it:
     * {@code h[0] = s; … h[0] += a;} becomes {@code h[0] = s + a;}, the same addition, as a person
     * writes it (a Hessian's diagonal term and its outer product's entry).
     */
    private static Cell entryWrite(Stmt s) {
        if (s instanceof Store st && !isZero(st.value())) {
            return new Cell(null, st.array(), st.row(), st.col());
        }
        return null;
    }

    /** The value an update adds to the entry, where it does not itself read the entry's array; else null. */
    private static Val addedTo(Stmt s, Cell cell) {
        if (s instanceof Accumulate a && sameEntry(a.array(), a.row(), a.col(), cell)
                && !Effects.of(a.value()).arraysRead().contains(cell.array().name())) {
            return a.value();
        }
        return null;
    }

    /** Whether a statement sets an entry to a value that does not read it (nor any entry that may be it). */
    private static boolean overwrites(Stmt s, Cell cell) {
        if (!(s instanceof Store st) || cell.local() != null || !sameEntry(st.array(), st.row(), st.col(), cell)) {
            return false;
        }
        return Effects.of(st.value()).accesses.stream()
                .noneMatch(a -> a.array().equals(cell.array().name()) && !elsewhere(a, cell));
    }

    /** Whether a statement writes a local or an array the value reads: the value cannot move past it. */
    private static boolean writesWhatIsRead(Effects statement, Effects value) {
        for (Name local : statement.localsWritten) {
            if (value.localsRead.contains(local)) {
                return true;
            }
        }
        for (Name array : statement.arraysWritten()) {
            if (value.arraysRead().contains(array)) {
                return true;
            }
        }
        return false;
    }

    /** The value a statement sets the cell to from zero (adding to it or overwriting it), or null. */
    private static Val firstWrite(Stmt s, Cell cell) {
        if (cell.local() != null) {
            if (s instanceof Update u && u.name().equals(cell.local()) && u.op() == Val.Op.ADD
                    && !Effects.of(u.value()).localsRead.contains(cell.local())) {
                return u.value();
            }
            if (s instanceof Assign a && a.name().equals(cell.local())
                    && !Effects.of(a.value()).localsRead.contains(cell.local())) {
                return a.value();
            }
            return null;
        }
        boolean sameEntry = s instanceof Accumulate a && sameEntry(a.array(), a.row(), a.col(), cell)
                || s instanceof Store st && sameEntry(st.array(), st.row(), st.col(), cell);
        if (!sameEntry) {
            return null;
        }
        Val value = s instanceof Accumulate a ? a.value() : ((Store) s).value();
        return Effects.of(value).arraysRead().contains(cell.array().name()) ? null : value;
    }

    private static boolean sameEntry(Array array, Index row, Index col, Cell cell) {
        return array.name().equals(cell.array().name()) && row.equals(cell.row()) && col.equals(cell.col());
    }

    /** The zero write, writing {@code value} instead. */
    private static Stmt write(Stmt zero, Val value) {
        if (zero instanceof Init i) {
            return new Init(i.name(), value);
        }
        if (zero instanceof Assign a) {
            return new Assign(a.name(), value);
        }
        Store st = (Store) zero;
        return new Store(st.array(), st.row(), st.col(), value);
    }

    /** Whether the statement may read or write the cell (any access to the array, unless at another fixed entry). */
    private static boolean touches(Effects e, Cell cell) {
        if (cell.local() != null) {
            return e.touches(cell.local());
        }
        for (Effects.Access a : e.accesses) {
            if (a.array().equals(cell.array().name()) && !elsewhere(a, cell)) {
                return true;
            }
        }
        return false;
    }

    private static boolean elsewhere(Effects.Access a, Cell cell) {
        return a.row() instanceof Index.At r && a.col() instanceof Index.At c
                && cell.row() instanceof Index.At cr && cell.col() instanceof Index.At cc
                && (r.position() != cr.position() || c.position() != cc.position());
    }

    /** {@code double x = v;} becomes {@code final double x = v;} where x is never set again. */
    private static List<Stmt> finalLocals(List<Stmt> body) {
        Set<Name> setAgain = new HashSet<>();
        new Mapper() {
            @Override public Stmt stmt(Stmt s) {
                if (s instanceof Update u) {
                    setAgain.add(u.name());
                } else if (s instanceof Assign a) {
                    setAgain.add(a.name());
                }
                return s.map(this);
            }
        }.body(body);
        return new Mapper() {
            @Override public Stmt stmt(Stmt s) {
                Stmt mapped = s.map(this);
                return mapped instanceof Init i && !setAgain.contains(i.name()) ? new Let(i.name(), i.value()) : mapped;
            }
        }.body(body);
    }
}

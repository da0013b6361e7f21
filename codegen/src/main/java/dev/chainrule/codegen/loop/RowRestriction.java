package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.Blocked;
import dev.chainrule.codegen.loop.Stmt.Loop;
import dev.chainrule.shape.Dim;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a body over a range of rows: every loop over the row dimension N runs from {@code from} to
 * {@code to} (two further dimensions, the method's {@code int} parameters) instead of from 0 to N.
 * For a function the code generator has found to be a sum over rows, this computes the sum over
 * that range: every value indexed by a row is computed and read only in such loops, and every
 * reduction over the rows adds up that range only. N itself, as a value ({@code sum / N}), stays.
 *
 * <p>Only a body whose every use of N is a loop from 0 to N, or the rows of an array, can be
 * restricted so; anything else (a loop over N·n entries, a triangle over N, an offset of N)
 * throws {@link NotRestrictable}, and the method is not offered.
 */
final class RowRestriction {
    /** The body uses N otherwise than as a loop from 0 to N or an array's rows. */
    static final class NotRestrictable extends RuntimeException {
        NotRestrictable(String what) {
            super(what, null, false, false);
        }
    }

    private RowRestriction() {}

    /**
     * @param rows the row dimension N
     * @param from the first row, a dimension that stands for the method's parameter
     * @param to   one past the last row, likewise
     * @throws NotRestrictable if the body uses N otherwise
     */
    static List<Stmt> restrict(List<Stmt> body, Dim.Symbol rows, Dim.Symbol from, Dim.Symbol to) {
        Index start = Index.shifted(Index.ZERO, from);
        Set<Index.Var> overRows = new HashSet<>();
        Map<Index.Var, Integer> blockedRows = new HashMap<>();
        return new Mapper() {
            @Override public Stmt stmt(Stmt s) {
                if (s instanceof Loop loop && mentions(loop.extent(), rows)) {
                    requireWhole(loop.from(), loop.extent(), rows);
                    overRows.add(loop.index());
                    return new Loop(loop.index(), start, to, body(loop.body()));
                }
                if (s instanceof Blocked blocked && mentions(blocked.extent(), rows)) {
                    requireWhole(blocked.from(), blocked.extent(), rows);
                    overRows.add(blocked.index());
                    blockedRows.put(blocked.index(), blocked.lanes());
                    return new Blocked(blocked.index(), start, to, blocked.lanes(), body(blocked.body()),
                            body(blocked.remainder()));
                }
                if (s instanceof Stmt.Store store) {
                    requireRowIndex(store.array(), store.row(), rows, overRows, blockedRows);
                } else if (s instanceof Stmt.Accumulate accumulate) {
                    requireRowIndex(accumulate.array(), accumulate.row(), rows, overRows, blockedRows);
                }
                if (s instanceof Loop loop) {
                    checkIndex(loop.from(), rows);
                } else if (s instanceof Blocked blocked) {
                    checkIndex(blocked.from(), rows);
                }
                return s.map(this);
            }

            @Override public Index index(Index i) {
                checkIndex(i, rows);
                return i.map(this);
            }

            @Override public Array array(Array a) {
                boolean rowsOnly = a.rows().equals(rows) || !mentions(a.rows(), rows);
                if (!rowsOnly || mentions(a.cols(), rows)) {
                    throw new NotRestrictable("array " + a.name() + " of " + a.rows() + " × " + a.cols());
                }
                return a;
            }

            @Override public Val val(Val v) {
                if (v instanceof Val.Load load) {
                    requireRowIndex(load.array(), load.row(), rows, overRows, blockedRows);
                }
                if (v instanceof Val.Size size && mentions(size.dim(), rows) && !size.dim().equals(rows)) {
                    throw new NotRestrictable("the value " + size.dim());
                }
                return v.map(this);
            }
        }.body(body);
    }

    /**
     * An entry of an array of N rows is read or written only in a row of a loop over the rows (or,
     * shifted by a fixed offset, in a row of a block of rows, which a {@link Blocked} loop keeps
     * within the range).
     */
    private static void requireRowIndex(Array array, Index row, Dim.Symbol rows, Set<Index.Var> overRows,
            Map<Index.Var, Integer> blockedRows) {
        // In a block of rows (Jamming), row index + k (k < the block's rows) is one of the block's rows.
        Index base = row instanceof Index.Shifted s && s.offset() instanceof Dim.Fixed f
                && s.base() instanceof Index.Var v && blockedRows.containsKey(v) && f.size() < blockedRows.get(v) ? v : row;
        if (array.rows().equals(rows) && !(base instanceof Index.Var v && overRows.contains(v))) {
            throw new NotRestrictable("an entry of " + array.name() + " in row " + row);
        }
    }

    private static void requireWhole(Index from, Dim extent, Dim.Symbol rows) {
        if (!extent.equals(rows) || !from.equals(Index.ZERO)) {
            throw new NotRestrictable("a loop from " + from + " to " + extent);
        }
    }

    private static void checkIndex(Index i, Dim.Symbol rows) {
        if (i instanceof Index.Shifted s && mentions(s.offset(), rows)
                || i instanceof Index.Combined c && mentions(c.stride(), rows)) {
            throw new NotRestrictable("the index " + i);
        }
    }

    static boolean mentions(Dim d, Dim.Symbol symbol) {
        boolean[] found = {false};
        d.substitute(s -> {
            found[0] |= s.equals(symbol.name());
            return Dim.of(s);
        });
        return found[0];
    }
}

package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.*;
import dev.chainrule.shape.Dim;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Unrolling of loops over a small fixed extent, and scalarisation: in fully unrolled code every
 * entry of a temporary array is read and written at a fixed position, so each becomes a local of
 * its own and fixed-size code has no arrays at all (as a person writes a 3-vector's math).
 */
final class Unrolling {
    /** Loops over at most this many entries are unrolled when the whole method is. */
    static final int LIMIT = 4;

    private Unrolling() {}

    /**
     * Replaces each loop over a fixed extent of at most {@code limit} (and every single-iteration
     * loop) by copies of its body, one per position; a local declared in the body gets a copy per
     * iteration.
     */
    static List<Stmt> unroll(List<Stmt> body, int limit) {
        return new Mapper() {
            @Override public List<Stmt> statements(Stmt s) {
                if (s instanceof Loop loop && unrolls(loop, limit)) {
                    return copies(loop, this);
                }
                if (s instanceof UnlessZero guard && guard.body().size() == 1 && guard.body().get(0) instanceof Loop loop
                        && unrolls(loop, limit)) {
                    // The guard skips a loop for a zero coefficient: unrolled, there is no loop to skip.
                    return copies(loop, this);
                }
                return List.of(s.map(this));
            }
        }.body(body);
    }

    /** Whether the loop has a fixed number of iterations, at most {@code limit} (or one). */
    static boolean unrolls(Loop loop, int limit) {
        return loop.extent() instanceof Dim.Fixed f && loop.from() instanceof Index.At start
                && (f.size() - start.position() <= limit || f.size() - start.position() == 1);
    }

    /** The body of the loop once per position, each copy unrolled in turn by {@code unroll}. */
    private static List<Stmt> copies(Loop loop, Mapper unroll) {
        int n = ((Dim.Fixed) loop.extent()).size();
        int start = ((Index.At) loop.from()).position();
        Set<Name> declared = Declarations.within(loop.body());
        List<Stmt> out = new ArrayList<>();
        for (int v = start; v < n; v++) {
            int iteration = v;
            Index at = new Index.At(v);
            Mapper copy = new Mapper() {
                @Override public Index index(Index i) {
                    Index mapped = i.map(this);
                    return mapped.equals(loop.index()) ? at : mapped;
                }

                @Override public Name local(Name name) {
                    return n - start > 1 && declared.contains(name) ? new Name.Copy(name, iteration) : name;
                }
            };
            out.addAll(unroll.body(copy.body(loop.body())));
        }
        return out;
    }

    /**
     * Turns each entry of a temporary array into a local, in a body where every loop is unrolled:
     * stores become assignments, accumulations updates, loads reads of the local; the locals are
     * declared first (a first store may sit inside a block). Arrays handed whole to a helper (an
     * LU factorisation, an inverse) stay arrays.
     */
    static List<Stmt> scalarise(List<Stmt> body) {
        Set<Name> passedWhole = new HashSet<>();
        Set<Name> constantOnly = new HashSet<>();
        Set<Name> variable = new HashSet<>();
        for (Effects.Access a : Effects.of(body).accesses) {
            if (a.row() == null) {
                passedWhole.add(a.array());
            } else if (a.row() instanceof Index.At && a.col() instanceof Index.At) {
                constantOnly.add(a.array());
            } else {
                variable.add(a.array());
            }
        }
        constantOnly.removeAll(passedWhole);
        constantOnly.removeAll(variable);
        Set<Name> declared = new LinkedHashSet<>();
        // A reshape reads an array under another shape (vec(A) reads A's 2 × 2 entries as 4): each
        // entry is one local, named after the shape the array is first met in.
        java.util.Map<Name, Array> firstShape = new java.util.HashMap<>();
        Mapper scalarise = new Mapper() {
            @Override public Stmt stmt(Stmt s) {
                if (s instanceof Store st && scalarised(st.array())) {
                    Name entry = entry(firstShape, st.array(), st.row(), st.col());
                    declared.add(entry);
                    return new Assign(entry, val(st.value()));
                }
                if (s instanceof Accumulate a && scalarised(a.array())) {
                    Name entry = entry(firstShape, a.array(), a.row(), a.col());
                    declared.add(entry);
                    return new Update(entry, Val.Op.ADD, val(a.value()));
                }
                return s.map(this);
            }

            @Override public Val val(Val v) {
                Val mapped = v.map(this);
                return mapped instanceof Val.Load l && scalarised(l.array())
                        ? new Val.Local(entry(firstShape, l.array(), l.row(), l.col())) : mapped;
            }

            private boolean scalarised(Array a) {
                return a.role() == Array.Role.TEMPORARY && constantOnly.contains(a.name());
            }
        };
        List<Stmt> mapped = scalarise.body(body);
        List<Stmt> out = new ArrayList<>();
        for (Name entry : declared) {
            out.add(new Init(entry, new Val.Num(0)));
        }
        out.addAll(mapped);
        return out;
    }

    /** The local of an entry, the same for every shape the array is read in: by its row-major position. */
    private static Name entry(java.util.Map<Name, Array> firstShape, Array array, Index row, Index col) {
        int i = ((Index.At) row).position();
        int j = ((Index.At) col).position();
        Array first = firstShape.computeIfAbsent(array.name(), name -> array);
        if (first.equals(array) || !(array.cols() instanceof Dim.Fixed cols)
                || !(first.cols() instanceof Dim.Fixed firstCols)) {
            return new Name.Entry(array, i, j);
        }
        int position = i * cols.size() + j;
        return new Name.Entry(first, position / firstCols.size(), position % firstCols.size());
    }
}

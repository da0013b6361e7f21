package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.*;
import dev.chainrule.shape.Dim;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Unroll-and-jam: a loop over rows whose body runs an inner loop over columns does {@link #ROWS}
 * rows at a time, with one inner loop for the block that does, for each column, the column's work
 * of each of the rows in turn; the last (n mod 4) rows run as before. An entry the inner loop
 * updates at the column alone is read and written once for four rows instead of four times: in
 * the quadratic form's {@code product[j] += A[i, j] * x[i]} (Aᵀx), a load and a store of
 * {@code product[j]} per entry of A become one per four, and {@code x[j]} of the row's dot product
 * Ax is read once for the four; what is left to move is A itself, read once. Each row keeps its
 * own locals (its dot product's accumulator), so the four rows' reductions are four independent
 * chains of additions: {@link Accumulators} leaves a loop inside the block alone.
 *
 * <p>The results are the same to the last bit: an entry updated at the column is updated by rows
 * i, i + 1, i + 2, i + 3 in that order, as before; each row's own sums are added in the same
 * order. (Only the order between different entries and different rows' locals changes, which
 * nothing observes.) The pass checks this before it jams (see {@link #jammable}); when in doubt it
 * leaves the loop as it is.
 *
 * <p>Only a nest that shares entries between rows is jammed (an inner loop that reads or updates
 * an entry by the column alone, such as {@code x[j]} or {@code product[j]}): that sharing is what
 * the jam saves. A matrix-vector product followed by a nonlinearity per row (a layer's
 * {@code tanh(W x + b)}, a loss's value {@code softplus(-y .* (X w))}) is jammed: {@code x[j]} is
 * read once for four rows, and the four nonlinearities come after the inner loop, as before. A
 * loss's value and gradient over the rows of a data matrix (its row's dot product, a nonlinearity,
 * its gradient update) is jammed where the nonlinearity calls a library routine (logistic
 * regression's exp and log): the four rows' dot products in one loop, their four nonlinearities,
 * which overlap, then their updates in one loop, where a row's update used to wait for its own
 * nonlinearity. An update skipped where a row's coefficient is zero ({@code if (c != 0)}, as
 * for the samples a rectifier switches off) is done for the block where no row's is, row by row
 * (each skipped as before) where one is.
 */
final class Jamming {
    /** Rows per block: four, as many independent chains as {@link Accumulators#LANES}. */
    static final int ROWS = 4;

    private final Function<String, Name> locals;

    private Jamming(Function<String, Name> locals) {
        this.locals = locals;
    }

    /** @param locals makes a new local for a role (the entry an inner loop updates for four rows) */
    static List<Stmt> jam(List<Stmt> body, Function<String, Name> locals) {
        Jamming pass = new Jamming(locals);
        return new Mapper() {
            @Override public List<Stmt> statements(Stmt s) {
                if (s instanceof Loop loop && jammable(loop)) {
                    return List.of(pass.jammed(loop));
                }
                return List.of(s.map(this));
            }
        }.body(body);
    }

    /**
     * A part of the outer body: straight-line statements (each row's own), or an inner loop over
     * columns, possibly skipped for a row whose coefficient is zero ({@code guard}, else null).
     */
    private record Segment(List<Stmt> straight, Loop inner, Val guard) {
        boolean isLoop() {
            return inner != null;
        }

        List<Stmt> statements() {
            return isLoop() ? inner.body() : straight;
        }
    }

    /** The nest in blocks of four rows, then the rest one at a time. */
    private Stmt jammed(Loop outer) {
        Set<Name> declared = Declarations.within(outer.body());
        List<Stmt> block = new ArrayList<>();
        for (Segment segment : segments(outer.body())) {
            if (!segment.isLoop()) {
                for (int row = 0; row < ROWS; row++) {
                    block.addAll(row(outer, row, declared).body(row == 0 ? segment.straight() : uncommented(segment.straight())));
                }
                continue;
            }
            Loop inner = segment.inner();
            List<Stmt> columns = new ArrayList<>();
            for (int row = 0; row < ROWS; row++) {
                columns.addAll(row(outer, row, declared).body(row == 0 ? inner.body() : uncommented(inner.body())));
            }
            Stmt together = inner.withBody(sharedEntriesInLocals(inner, columns));
            if (segment.guard() == null) {
                block.add(together);
                continue;
            }
            // Where a row's coefficient is zero, the rows one at a time, each skipped as before
            List<Val> guards = new ArrayList<>();
            List<Stmt> oneAtATime = new ArrayList<>();
            for (int row = 0; row < ROWS; row++) {
                Mapper rowMapper = row(outer, row, declared);
                guards.add(rowMapper.val(segment.guard()));
                oneAtATime.add(new UnlessZero(rowMapper.val(segment.guard()), List.of(rowMapper.stmt(inner))));
            }
            block.add(new UnlessAnyZero(guards, List.of(together), oneAtATime));
        }
        return new Blocked(outer.index(), outer.from(), outer.extent(), ROWS, block, outer.body());
    }

    /**
     * The outer body as straight-line parts and inner loops, in order; null unless every statement
     * is straight-line, an inner loop, or an inner loop a guard skips ({@code if (c != 0) for …}).
     */
    private static List<Segment> segments(List<Stmt> body) {
        List<Segment> segments = new ArrayList<>();
        List<Stmt> straight = new ArrayList<>();
        for (Stmt s : body) {
            Loop inner = null;
            Val guard = null;
            if (s instanceof Loop loop) {
                inner = loop;
            } else if (s instanceof UnlessZero skip && skip.body().size() == 1 && skip.body().get(0) instanceof Loop loop) {
                inner = loop;
                guard = skip.condition();
            } else if (straight(s)) {
                straight.add(s);
                continue;
            } else {
                return null;
            }
            segments.add(new Segment(List.copyOf(straight), null, null));
            straight.clear();
            segments.add(new Segment(null, inner, guard));
        }
        segments.add(new Segment(List.copyOf(straight), null, null));
        return segments;
    }

    /**
     * The inner body of the four rows with each entry it updates at the column read into a local
     * first, updated there, and stored once after: {@code product[j] += a * x[i]} for the four rows
     * becomes {@code double productEntry = product[j]; productEntry += a * x[i]; …; product[j] =
     * productEntry;}, the same additions in the same order. (The JIT would not do this itself: it
     * cannot tell that the loads of A between the updates do not read {@code product}.)
     */
    private List<Stmt> sharedEntriesInLocals(Loop inner, List<Stmt> columns) {
        Set<Effects.Access> updated = new LinkedHashSet<>();
        for (Effects.Access a : Effects.of(inner.body()).accesses) {
            if (a.write() && a.accumulate()) {
                updated.add(new Effects.Access(a.array(), a.row(), a.col(), true, true));
            }
        }
        List<Stmt> out = new ArrayList<>();
        List<Stmt> stores = new ArrayList<>();
        List<Stmt> current = columns;
        for (Effects.Access a : updated) {
            Array array = arrayNamed(columns, a.array());
            Name entry = locals.apply(RepeatedLoads.role(array));
            Val.Load load = new Val.Load(array, a.row(), a.col());
            out.add(new Init(entry, load));
            current = new Mapper() {
                @Override public Stmt stmt(Stmt s) {
                    if (s instanceof Accumulate acc && acc.array().equals(array) && acc.row().equals(a.row())
                            && acc.col().equals(a.col())) {
                        return new Update(entry, Val.Op.ADD, val(acc.value()));
                    }
                    if (s instanceof Store st && st.array().equals(array) && st.row().equals(a.row())
                            && st.col().equals(a.col())) {
                        return new Assign(entry, val(st.value()));
                    }
                    return s.map(this);
                }

                @Override public Val val(Val v) {
                    return v.equals(load) ? new Val.Local(entry) : v.map(this);
                }
            }.body(current);
            stores.add(new Store(array, a.row(), a.col(), new Val.Local(entry)));
        }
        out.addAll(current);
        out.addAll(stores);
        return out;
    }

    /** The statements without their comments: a comment is said once, for the first row. */
    private static List<Stmt> uncommented(List<Stmt> statements) {
        return statements.stream().filter(s -> !(s instanceof Comment)).toList();
    }

    /** The array of that name as the statements access it (with its shape). */
    private static Array arrayNamed(List<Stmt> statements, Name name) {
        Array[] found = {null};
        new Mapper() {
            @Override public Array array(Array a) {
                if (found[0] == null && a.name().equals(name)) {
                    found[0] = a;
                }
                return a;
            }
        }.body(statements);
        return found[0];
    }

    /** Row {@code index + row}: its own copy of the locals the outer body declares. */
    private static Mapper row(Loop outer, int row, Set<Name> declared) {
        Index at = row == 0 ? outer.index() : Index.shifted(outer.index(), Dim.of(row));
        return new Mapper() {
            @Override public Index index(Index i) {
                Index mapped = i.map(this);
                return mapped.equals(outer.index()) ? at : mapped;
            }

            @Override public Name local(Name name) {
                return row > 0 && declared.contains(name) ? new Name.Copy(name, row) : name;
            }
        };
    }

    /**
     * Whether doing four rows at a time, column by column, gives the same results and pays. The
     * nest: a loop from 0 over a dimension that is not small and fixed (those are unrolled), whose
     * body is straight-line statements and one or two inner loops (each possibly skipped where a
     * row's coefficient is zero); each inner loop starts where no row decides, holds straight-line
     * statements only and calls no library routine (whose cost would hide what the jam saves).
     * The jam moves row r + 1's work in each part (a straight-line run, an inner loop) ahead of
     * row r's in the parts after, and row r + 1's inner iteration at a column ahead of row r's at
     * later columns; so that nothing observes it:
     * <ul>
     *   <li>a local the outer body declares is per row (each row gets a copy); a local declared
     *       outside is written in one part only, not in an inner loop (a sum over rows and columns
     *       would be added in another order), and the other parts do not read it;</li>
     *   <li>an array written in one part is not read or written in another;</li>
     *   <li>an array an inner loop writes is read and written there at one entry only, chosen by
     *       the column and not the row: rows at a column touch that column's entry, in row order,
     *       and no other.</li>
     * </ul>
     * And it pays only where an inner loop reads or updates an entry chosen by the column alone,
     * which the four rows share; with two inner loops (a loss's dot product and gradient update
     * over a row of its data), only where the rows' work between them calls a library routine
     * (exp, log): the four rows' calls then overlap, where one row's waited for its dot product
     * and held up its update (measured: logistic regression's value and gradient ran 10% faster
     * jammed; the paper's loss, with a rectifier between its loops, did not).
     */
    static boolean jammable(Loop outer) {
        if (!outer.fromZero() || outer.extent() instanceof Dim.Fixed f && f.size() < 4 * ROWS) {
            return false;
        }
        List<Segment> segments = segments(outer.body());
        if (segments == null) {
            return false;
        }
        List<Segment> loops = segments.stream().filter(Segment::isLoop).toList();
        if (loops.isEmpty() || loops.size() > 2) {
            return false;
        }
        for (Segment loop : loops) {
            Loop inner = loop.inner();
            if (!inner.body().stream().allMatch(Jamming::straight) || RoutineCalls.in(inner.body())
                    || variables(inner.from()).contains(outer.index())) {
                return false;
            }
        }
        if (loops.size() == 2 && segments.stream().noneMatch(p -> !p.isLoop() && RoutineCalls.in(p.straight()))) {
            return false;
        }
        List<Effects> parts = segments.stream().map(p -> Effects.of(p.statements())).toList();
        Set<Name> declared = Declarations.within(outer.body());
        for (int p = 0; p < parts.size(); p++) {
            for (Name written : parts.get(p).localsWritten) {
                if (declared.contains(written)) {
                    continue;
                }
                if (segments.get(p).isLoop() || touchedElsewhere(parts, p, written)) {
                    return false;
                }
            }
            for (Effects.Access a : parts.get(p).accesses) {
                if (a.row() == null) {
                    return false;
                }
                if (a.write() && accessedElsewhere(parts, p, a.array())) {
                    return false;
                }
            }
        }
        boolean shares = false;
        for (Segment loop : loops) {
            Effects columns = Effects.of(loop.inner().body());
            Index.Var column = loop.inner().index();
            for (Name written : columns.arraysWritten()) {
                Set<List<Index>> entries = new HashSet<>();
                for (Effects.Access a : columns.accesses) {
                    if (a.array().equals(written)) {
                        entries.add(List.of(a.row(), a.col()));
                    }
                }
                if (entries.size() != 1 || !byColumnAlone(entries.iterator().next(), column, outer.index())) {
                    return false;
                }
            }
            shares |= columns.accesses.stream().anyMatch(a -> byColumnAlone(List.of(a.row(), a.col()), column,
                    outer.index()));
        }
        return shares;
    }

    /** A statement with no body, no call of a helper and no return. */
    private static boolean straight(Stmt s) {
        return s instanceof Let || s instanceof Init || s instanceof Assign || s instanceof Update
                || s instanceof Store || s instanceof Accumulate || s instanceof Comment;
    }

    private static boolean touchedElsewhere(List<Effects> parts, int p, Name local) {
        for (int q = 0; q < parts.size(); q++) {
            if (q != p && parts.get(q).touches(local)) {
                return true;
            }
        }
        return false;
    }

    private static boolean accessedElsewhere(List<Effects> parts, int p, Name array) {
        for (int q = 0; q < parts.size(); q++) {
            if (q != p && parts.get(q).accesses.stream().anyMatch(a -> a.array().equals(array))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the entry's indices name the column's variable and not the row's. */
    private static boolean byColumnAlone(List<Index> entry, Index.Var column, Index.Var row) {
        Set<Index.Var> vars = new HashSet<>();
        entry.forEach(i -> vars.addAll(variables(i)));
        return vars.contains(column) && !vars.contains(row);
    }

    /** The loop variables an index mentions. */
    static Set<Index.Var> variables(Index index) {
        return index.accept(new Index.Visitor<>() {
            @Override public Set<Index.Var> visitVar(Index.Var v) {
                return Set.of(v);
            }

            @Override public Set<Index.Var> visitAt(Index.At at) {
                return Set.of();
            }

            @Override public Set<Index.Var> visitShifted(Index.Shifted s) {
                return s.base().accept(this);
            }

            @Override public Set<Index.Var> visitCombined(Index.Combined c) {
                Set<Index.Var> vars = new HashSet<>(c.outer().accept(this));
                vars.addAll(c.inner().accept(this));
                return vars;
            }
        });
    }
}

package dev.chainrule.codegen.loop;

import static dev.chainrule.codegen.loop.Ir.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.chainrule.codegen.loop.Stmt.Blocked;
import dev.chainrule.codegen.loop.Stmt.Loop;
import dev.chainrule.codegen.loop.Val.Op;
import dev.chainrule.shape.Dim;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Unroll-and-jam on small programs: the quadratic form's nest in blocks of four rows, checked
 * against the expected IR and, run by a small evaluator of the IR, against the nest as it was,
 * bit for bit, for every remainder of rows; nests the jam would change are left alone.
 */
class JammingTest {
    private final Array a = parameter("A", N, N);
    private final Array x = parameter("x", N, Dim.ONE);
    private final Array grad = output("grad", N);
    private final Array product = vector("product", 1);
    private final Name dot = temp("dot", 2);
    private final Name coefficient = temp("coefficient", 3);
    private final Name entry = temp("productEntry", 99);
    private final Index.Var i = var("i");
    private final Index.Var j = var("j");

    private List<Stmt> jam(List<Stmt> program) {
        return Jamming.jam(program, role -> entry);
    }

    private static Index plus(Index.Var v, int k) {
        return Index.shifted(v, Dim.of(k));
    }

    private static Name row(Name name, int row) {
        return row == 0 ? name : new Name.Copy(name, row);
    }

    /** for i: dot = 0; c = x[i]; for j: product[j] += A[i, j] * c; dot += A[i, j] * x[j]; grad[i] = dot. */
    private Stmt quadraticNest() {
        return loop("i",
                init(dot, num(0)),
                let(coefficient, load(x, i)),
                loop("j",
                        accumulate(product, j, mul(load(a, i, j), local(coefficient))),
                        plusEquals(dot, mul(load(a, i, j), load(x, j)))),
                store(grad, i, local(dot)));
    }

    @Test
    void theQuadraticFormsNestDoesFourRowsAtEachColumnWithTheSharedEntryInALocal() {
        Stmt nest = quadraticNest();
        List<Stmt> jammed = jam(body(nest));

        List<Stmt> block = new ArrayList<>();
        List<Stmt> columns = new ArrayList<>();
        columns.add(init(entry, load(product, j)));
        for (int r = 0; r < 4; r++) {
            Index at = r == 0 ? i : plus(i, r);
            block.add(init(row(dot, r), num(0)));
            block.add(let(row(coefficient, r), load(x, at)));
            columns.add(new Stmt.Update(entry, Op.ADD, mul(load(a, at, j), local(row(coefficient, r)))));
            columns.add(plusEquals(row(dot, r), mul(load(a, at, j), load(x, j))));
        }
        columns.add(store(product, j, local(entry)));
        block.add(new Loop(j, N, columns));
        for (int r = 0; r < 4; r++) {
            block.add(store(grad, r == 0 ? i : plus(i, r), local(row(dot, r))));
        }
        assertEquals(body(new Blocked(i, Index.ZERO, N, 4, block, ((Loop) nest).body())), jammed);
    }

    @Test
    void theJammedNestComputesTheSameBitsAsTheNestForEveryRemainderOfRows() {
        List<Stmt> program = body(loop("i", store(product, i, num(0))), quadraticNest());
        List<Stmt> jammed = jam(program);
        assertInstanceOf(Blocked.class, jammed.get(1));
        Random random = new Random(16);
        for (int n = 1; n <= 11; n++) {
            Map<Name, double[]> arrays = new HashMap<>();
            arrays.put(a.name(), random.doubles((long) n * n, -1, 1).toArray());
            arrays.put(x.name(), random.doubles(n, -1, 1).toArray());
            Map<Name, double[]> before = Evaluator.run(program, n, arrays);
            Map<Name, double[]> after = Evaluator.run(jammed, n, arrays);
            assertArrayEquals(before.get(grad.name()), after.get(grad.name()), 0.0, "grad, n = " + n);
            assertArrayEquals(before.get(product.name()), after.get(product.name()), 0.0, "product, n = " + n);
        }
    }

    @Test
    void anEntryWrittenAtOneColumnAndReadAtAnotherKeepsTheNest() {
        Array out = vector("out", 4);
        List<Stmt> program = body(loop("i",
                loop("j", store(out, plus(j, 1), add(load(out, j), load(a, i, j))))));
        assertEquals(program, jam(program));
    }

    @Test
    void anEntryOneRowWritesAndAnotherRowsInnerLoopReadsKeepsTheNest() {
        Array v = vector("v", 5);
        List<Stmt> program = body(loop("i",
                store(v, i, load(x, i)),
                init(dot, num(0)),
                loop("j", plusEquals(dot, mul(load(a, i, j), load(v, j)))),
                store(grad, i, local(dot))));
        assertEquals(program, jam(program));
    }

    @Test
    void anEntryChosenByTheRowInTheInnerLoopKeepsTheNest() {
        List<Stmt> program = body(loop("i",
                loop("j", accumulate(grad, i, mul(load(a, i, j), load(x, j))))));
        assertEquals(program, jam(program));
    }

    @Test
    void aSumOverRowsAndColumnsInOneAccumulatorKeepsItsOrder() {
        Name total = temp("total", 6);
        List<Stmt> program = body(init(total, num(0)), loop("i",
                loop("j", plusEquals(total, mul(load(a, i, j), load(x, j))))));
        assertEquals(program, jam(program));
    }

    @Test
    void twoInnerLoopsASmallFixedExtentOrNoSharedEntryKeepTheNest() {
        Stmt twoInner = loop("i",
                init(dot, num(0)),
                loop("j", plusEquals(dot, mul(load(a, i, j), load(x, j)))),
                loop("j", accumulate(product, j, mul(load(a, i, j), local(dot)))));
        Array small = parameter("B", Dim.of(3), N);
        Stmt fixed = loop(i, Dim.of(3),
                init(dot, num(0)),
                loop("j", plusEquals(dot, mul(load(small, i, j), load(x, j)))),
                store(grad, i, local(dot)));
        Stmt ownRowOnly = loop("i",
                init(dot, num(0)),
                loop("j", plusEquals(dot, mul(load(a, i, j), load(a, i, j)))),
                store(grad, i, local(dot)));
        for (Stmt nest : List.of(twoInner, fixed, ownRowOnly)) {
            assertEquals(body(nest), jam(body(nest)));
        }
    }

    /**
     * A loss's row: its dot product, a nonlinearity calling exp, and its gradient update, skipped
     * where the row's coefficient is zero: for i: dot = Σⱼ A[i, j] x[j]; c = y[i] exp(dot); if (c ≠ 0)
     * for j: grad[j] += A[i, j] c.
     */
    private Stmt lossNest(Array y) {
        return loop("i",
                init(dot, num(0)),
                loop("j", plusEquals(dot, mul(load(a, i, j), load(x, j)))),
                let(coefficient, mul(load(y, i), exp(local(dot)))),
                unlessZero(local(coefficient), loop("j", accumulate(grad, j, mul(load(a, i, j), local(coefficient))))));
    }

    @Test
    void aLossRowsTwoInnerLoopsAroundALibraryCallAreJammedWithTheGuardedUpdateForTheBlock() {
        Array y = parameter("y", N, Dim.ONE);
        List<Stmt> jammed = jam(body(lossNest(y)));
        Blocked block = assertInstanceOf(Blocked.class, jammed.get(0));
        List<Stmt> kinds = block.body().stream().filter(s -> s instanceof Loop || s instanceof Stmt.UnlessAnyZero).toList();
        assertEquals(2, kinds.size(), "the dot products' loop, then the updates");
        Stmt.UnlessAnyZero update = assertInstanceOf(Stmt.UnlessAnyZero.class, kinds.get(1));
        assertEquals(List.of(local(coefficient), local(row(coefficient, 1)), local(row(coefficient, 2)),
                local(row(coefficient, 3))), update.conditions());
        assertEquals(4, update.otherwise().size(), "each row on its own where a coefficient is zero");
    }

    @Test
    void theJammedLossComputesTheSameBitsWithZeroCoefficientsAnywhereInABlock() {
        Array y = parameter("y", N, Dim.ONE);
        List<Stmt> program = body(loop("i", store(grad, i, num(0))), lossNest(y));
        List<Stmt> jammed = jam(program);
        assertInstanceOf(Blocked.class, jammed.get(1));
        Random random = new Random(17);
        for (int n = 1; n <= 11; n++) {
            Map<Name, double[]> arrays = new HashMap<>();
            arrays.put(a.name(), random.doubles((long) n * n, -1, 1).toArray());
            arrays.put(x.name(), random.doubles(n, -1, 1).toArray());
            // Labels of 0 here and there: rows whose update is skipped, in blocks that also update
            arrays.put(y.name(), random.ints(n, -1, 2).asDoubleStream().toArray());
            Map<Name, double[]> before = Evaluator.run(program, n, arrays);
            Map<Name, double[]> after = Evaluator.run(jammed, n, arrays);
            assertArrayEquals(before.get(grad.name()), after.get(grad.name()), 0.0, "grad, n = " + n);
        }
    }

    @Test
    void twoInnerLoopsWithNoLibraryCallBetweenThemKeepTheNest() {
        Array y = parameter("y", N, Dim.ONE);
        Stmt rectified = loop("i",
                init(dot, num(0)),
                loop("j", plusEquals(dot, mul(load(a, i, j), load(x, j)))),
                let(coefficient, mul(load(y, i), local(dot))),
                unlessZero(local(coefficient), loop("j", accumulate(grad, j, mul(load(a, i, j), local(coefficient))))));
        assertEquals(body(rectified), jam(body(rectified)));
    }

    @Test
    void aGuardedUpdateSharingItsEntriesIsJammedAndComputesTheSameBits() {
        // product = Aᵀx by rows, a row skipped where x[i] = 0 (the quadratic form's value)
        List<Stmt> program = body(loop("i", store(product, i, num(0))), loop("i",
                let(coefficient, load(x, i)),
                unlessZero(local(coefficient), loop("j", accumulate(product, j, mul(load(a, i, j), local(coefficient)))))));
        List<Stmt> jammed = jam(program);
        assertInstanceOf(Blocked.class, jammed.get(1));
        Random random = new Random(18);
        for (int n = 1; n <= 11; n++) {
            Map<Name, double[]> arrays = new HashMap<>();
            arrays.put(a.name(), random.doubles((long) n * n, -1, 1).toArray());
            arrays.put(x.name(), random.ints(n, -1, 2).asDoubleStream().toArray());
            Map<Name, double[]> before = Evaluator.run(program, n, arrays);
            Map<Name, double[]> after = Evaluator.run(jammed, n, arrays);
            assertArrayEquals(before.get(product.name()), after.get(product.name()), 0.0, "product, n = " + n);
        }
    }

    /** Runs loop IR of the kinds the tests use, over vectors and matrices of n, in double. */
    private static final class Evaluator {
        private final int n;
        private final Map<Name, double[]> arrays = new HashMap<>();
        private final Map<Name, Double> locals = new HashMap<>();
        private final Map<Index.Var, Integer> indices = new HashMap<>();

        private Evaluator(int n) {
            this.n = n;
        }

        static Map<Name, double[]> run(List<Stmt> body, int n, Map<Name, double[]> inputs) {
            Evaluator e = new Evaluator(n);
            inputs.forEach((name, values) -> e.arrays.put(name, values.clone()));
            e.body(body);
            return e.arrays;
        }

        private int size(Dim d) {
            return ((Dim.Fixed) d.substitute(symbol -> Dim.of(n))).size();
        }

        private void body(List<Stmt> body) {
            body.forEach(this::stmt);
        }

        private void stmt(Stmt s) {
            if (s instanceof Stmt.Let let) {
                locals.put(let.name(), val(let.value()));
            } else if (s instanceof Stmt.Init init) {
                locals.put(init.name(), val(init.value()));
            } else if (s instanceof Stmt.Assign assign) {
                locals.put(assign.name(), val(assign.value()));
            } else if (s instanceof Stmt.Update update && update.op() == Op.ADD) {
                locals.put(update.name(), locals.get(update.name()) + val(update.value()));
            } else if (s instanceof Stmt.Store store) {
                array(store.array())[position(store.array(), store.row(), store.col())] = val(store.value());
            } else if (s instanceof Stmt.Accumulate acc) {
                array(acc.array())[position(acc.array(), acc.row(), acc.col())] += val(acc.value());
            } else if (s instanceof Loop loop) {
                for (int k = index(loop.from()); k < size(loop.extent()); k++) {
                    indices.put(loop.index(), k);
                    body(loop.body());
                }
            } else if (s instanceof Stmt.UnlessZero guard) {
                if (val(guard.condition()) != 0.0) {
                    body(guard.body());
                }
            } else if (s instanceof Stmt.UnlessAnyZero guard) {
                body(guard.conditions().stream().allMatch(c -> val(c) != 0.0) ? guard.body() : guard.otherwise());
            } else if (s instanceof Stmt.Comment) {
                return;
            } else if (s instanceof Blocked blocked) {
                int k = index(blocked.from());
                int end = size(blocked.extent());
                for (; k < end - (blocked.lanes() - 1); k += blocked.lanes()) {
                    indices.put(blocked.index(), k);
                    body(blocked.body());
                }
                for (; k < end; k++) {
                    indices.put(blocked.index(), k);
                    body(blocked.remainder());
                }
            } else {
                throw new IllegalArgumentException("not evaluated here: " + s);
            }
        }

        private double[] array(Array array) {
            return arrays.computeIfAbsent(array.name(), name -> new double[size(array.rows()) * size(array.cols())]);
        }

        private int position(Array array, Index row, Index col) {
            return index(row) * size(array.cols()) + index(col);
        }

        private int index(Index i) {
            if (i instanceof Index.Var v) {
                return indices.get(v);
            }
            if (i instanceof Index.At at) {
                return at.position();
            }
            if (i instanceof Index.Shifted s) {
                return index(s.base()) + size(s.offset());
            }
            Index.Combined c = (Index.Combined) i;
            return index(c.outer()) * size(c.stride()) + index(c.inner());
        }

        private double val(Val v) {
            if (v instanceof Val.Num num) {
                return num.value();
            }
            if (v instanceof Val.Local local) {
                return locals.get(local.name());
            }
            if (v instanceof Val.Load load) {
                return array(load.array())[position(load.array(), load.row(), load.col())];
            }
            if (v instanceof Val.Call call && call.function() == MathFunction.EXP) {
                return Math.exp(val(call.argument()));
            }
            Val.Binary b = (Val.Binary) v;
            double left = val(b.left());
            double right = val(b.right());
            return switch (b.op()) {
                case ADD -> left + right;
                case SUBTRACT -> left - right;
                case MULTIPLY -> left * right;
                case DIVIDE -> left / right;
                case MAX -> Math.max(left, right);
            };
        }
    }
}

package dev.chainrule.codegen.loop;

import static dev.chainrule.codegen.loop.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.shape.Dim;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unrolling and scalarisation, then the folding that cleans unrolled code, with the expected result. */
class UnrollingTest {
    private static final Dim THREE = Dim.of(3);
    private final Array p = parameter("p", THREE, Dim.ONE);
    private final Array q = parameter("q", THREE, Dim.ONE);
    private final Array hessian = new Array(fixed("hessian"), THREE, THREE, Array.Role.OUTPUT);

    @Test
    void aSmallFixedLoopBecomesOneCopyPerPositionEachWithItsOwnLocals() {
        Name d = temp("difference", 1);
        Name sum = temp("sum", 2);
        List<Stmt> unrolled = Unrolling.unroll(body(
                loop(var("i"), Dim.of(2), let(d, sub(load(p, var("i")), load(q, var("i")))),
                        plusEquals(sum, mul(local(d), local(d))))), Unrolling.LIMIT);
        Name d0 = new Name.Copy(d, 0);
        Name d1 = new Name.Copy(d, 1);
        assertEquals(body(
                let(d0, sub(load(p, at(0)), load(q, at(0)))), plusEquals(sum, mul(local(d0), local(d0))),
                let(d1, sub(load(p, at(1)), load(q, at(1)))), plusEquals(sum, mul(local(d1), local(d1)))), unrolled);
    }

    @Test
    void loopsOverSymbolicOrLargerExtentsStayLoopsButSingleIterationsAreUnrolled() {
        Name sum = temp("sum", 2);
        Array x = parameter("x", N, Dim.ONE);
        List<Stmt> program = body(loop("i", plusEquals(sum, load(x, var("i")))),
                loop(var("j"), Dim.of(5), plusEquals(sum, num(1))));
        assertEquals(program, Unrolling.unroll(program, Unrolling.LIMIT));
        assertEquals(body(plusEquals(sum, load(p, at(0)))),
                Unrolling.unroll(body(loop(var("k"), Dim.ONE, plusEquals(sum, load(p, var("k"))))), 0));
    }

    @Test
    void anUnrolledGuardedLoopLosesItsGuard() {
        Name c = temp("coefficient", 3);
        List<Stmt> unrolled = Unrolling.unroll(body(let(c, load(p, at(0))),
                unlessZero(local(c), loop(var("j"), Dim.of(2), store(hessian, at(0), var("j"), mul(local(c), load(q, var("j"))))))),
                Unrolling.LIMIT);
        assertEquals(body(let(c, load(p, at(0))),
                store(hessian, at(0), at(0), mul(local(c), load(q, at(0)))),
                store(hessian, at(0), at(1), mul(local(c), load(q, at(1))))), unrolled);
    }

    @Test
    void theEntriesOfATemporaryBecomeLocalsDeclaredFirst() {
        Array t = vector("difference", 4, Dim.of(2));
        Name sum = temp("sum", 5);
        Name t0 = new Name.Entry(t, 0, 0);
        Name t1 = new Name.Entry(t, 1, 0);
        List<Stmt> scalarised = Unrolling.scalarise(body(
                store(t, at(0), sub(load(p, at(0)), load(q, at(0)))),
                store(t, at(1), sub(load(p, at(1)), load(q, at(1)))),
                accumulate(t, at(1), num(1)),
                let(sum, add(load(t, at(0)), load(t, at(1))))));
        assertEquals(body(init(t0, num(0)), init(t1, num(0)),
                assign(t0, sub(load(p, at(0)), load(q, at(0)))),
                assign(t1, sub(load(p, at(1)), load(q, at(1)))),
                plusEquals(t1, num(1)),
                let(sum, add(local(t0), local(t1)))), scalarised);
    }

    @Test
    void anArrayHandedWholeToTheLuHelperStaysAnArray() {
        Array a = new Array(temp("sum", 6), THREE, THREE, Array.Role.TEMPORARY);
        Array lu = new Array(temp("lu", 7), THREE, THREE, Array.Role.TEMPORARY);
        Array pivots = new Array(temp("pivots", 8), THREE, Dim.ONE, Array.Role.PIVOTS);
        List<Stmt> program = body(store(a, at(0), at(0), num(2)),
                new Stmt.Factor(a, lu, pivots, temp("sign", 9)));
        assertEquals(program, Unrolling.scalarise(program));
    }

    @Test
    void unrolledIdentityEntriesFoldAwayAndZerosStartNoSums() {
        // hessian = t·I + c·ddᵀ, unrolled: t·1 on the diagonal, t·0 elsewhere, then the outer product.
        Name t = temp("factor", 10);
        Name c = temp("coefficient", 11);
        List<Stmt> program = Unrolling.unroll(body(
                loop(var("i"), Dim.of(2),
                        loop(var("z"), Dim.of(2), store(hessian, var("i"), var("z"), num(0))),
                        loop(var("j"), Dim.of(2), accumulate(hessian, var("i"), var("j"),
                                mul(local(t), new Val.OnDiagonal(var("i"), var("j"), num(1))))),
                        let(c, mul(local(t), load(p, var("i")))),
                        unlessZero(local(c), loop(var("k"), Dim.of(2),
                                accumulate(hessian, var("i"), var("k"), mul(local(c), load(p, var("k")))))))),
                Unrolling.LIMIT);
        List<Stmt> folded = ZeroInitialisers.fold(ConstantFolding.fold(program));
        Name c0 = new Name.Copy(c, 0);
        Name c1 = new Name.Copy(c, 1);
        // The diagonal's t and the outer product's entry stored once, as their sum: t + c0·p0
        assertEquals(body(
                let(c0, mul(local(t), load(p, at(0)))),
                store(hessian, at(0), at(0), add(local(t), mul(local(c0), load(p, at(0))))),
                store(hessian, at(0), at(1), mul(local(c0), load(p, at(1)))),
                let(c1, mul(local(t), load(p, at(1)))),
                store(hessian, at(1), at(0), mul(local(c1), load(p, at(0)))),
                store(hessian, at(1), at(1), add(local(t), mul(local(c1), load(p, at(1)))))), folded);
    }
}

package dev.chainrule.codegen.loop;

import static dev.chainrule.codegen.loop.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.shape.Dim;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loop fusion, and the hoisting that prepares it, on small programs with the expected result. */
class FusionTest {
    private final Array x = parameter("x", N, Dim.ONE);
    private final Array y = parameter("y", N, Dim.ONE);
    private final Array out = output("out", N);
    private final Name sum = temp("sum", 1);
    private final Name dot = temp("dot", 2);

    @Test
    void twoIndependentLoopsOverOneExtentBecomeOne() {
        List<Stmt> fused = Fusion.fuse(body(
                loop("i", plusEquals(sum, load(x, var("i")))),
                loop("j", plusEquals(dot, mul(load(x, var("j")), load(y, var("j")))))));
        assertEquals(body(loop("i", plusEquals(sum, load(x, var("i"))),
                plusEquals(dot, mul(load(x, var("i")), load(y, var("i")))))), fused);
    }

    @Test
    void aLoopThatReadsAnAccumulatorStaysAfterTheLoopThatFillsIt() {
        List<Stmt> program = body(
                loop("i", plusEquals(sum, load(x, var("i")))),
                loop("j", store(out, var("j"), mul(local(sum), load(y, var("j"))))));
        assertEquals(program, Fusion.fuse(program));
    }

    @Test
    void loopsOverDifferentExtentsStayApart() {
        List<Stmt> program = body(
                loop("i", plusEquals(sum, load(x, var("i")))),
                loop(var("j"), Dim.of("m"), plusEquals(dot, num(1))));
        assertEquals(program, Fusion.fuse(program));
    }

    @Test
    void anArrayReadAtAnotherEntryThanTheOneWrittenKeepsTheLoopsApart() {
        Array t = vector("t", 3);
        // The second loop reads all of t in each iteration: it needs the first loop finished.
        List<Stmt> program = body(
                loop("i", store(t, var("i"), load(x, var("i")))),
                loop("j", loop("k", plusEquals(dot, mul(load(t, var("k")), load(y, var("j")))))));
        assertEquals(program, Fusion.fuse(program));
    }

    @Test
    void anArrayWrittenAndReadAtTheLoopsOwnIndexLetsThemFuse() {
        Array t = vector("t", 3);
        List<Stmt> fused = Fusion.fuse(body(
                loop("i", store(t, var("i"), exp(load(x, var("i"))))),
                loop("j", plusEquals(sum, load(t, var("j"))))));
        assertEquals(body(loop("i", store(t, var("i"), exp(load(x, var("i")))),
                plusEquals(sum, load(t, var("i"))))), fused);
    }

    @Test
    void aZeroFillRisesAboveTheLoopTheLoopFillingItsArrayJoins() {
        Array grad = vector("grad", 4);
        Dim samples = Dim.of("N");
        Array rows = parameter("X", samples, N);
        // grad (over n) is zeroed between two loops over the N samples; the second accumulates into it.
        List<Stmt> fused = Fusion.fuse(body(
                loop(var("s"), samples, plusEquals(sum, load(y, var("s")))),
                loop("z", store(grad, var("z"), num(0))),
                loop(var("t"), samples, loop("j", accumulate(grad, var("j"), load(rows, var("t"), var("j")))))));
        assertEquals(body(
                loop("z", store(grad, var("z"), num(0))),
                loop(var("s"), samples, plusEquals(sum, load(y, var("s"))),
                        loop("j", accumulate(grad, var("j"), load(rows, var("s"), var("j")))))), fused);
    }

    @Test
    void aZeroFillJoinsNoComputingLoopSoThatItCanStillRise() {
        Array grad = vector("grad", 4);
        Array w = parameter("w", N, Dim.ONE);
        Dim samples = Dim.of("N");
        Array rows = parameter("X", samples, N);
        Name penalty = temp("sum", 9);
        // A penalty's sum over the weights sits between the two passes over the samples; the fill
        // of the gradient's array must not join it, or it could not rise above the first pass.
        Stmt firstPass = loop(var("s"), samples, plusEquals(sum, load(y, var("s"))));
        Stmt penaltySum = loop("p", plusEquals(penalty, mul(load(w, var("p")), load(w, var("p")))));
        Stmt fill = loop("z", store(grad, var("z"), num(0)));
        List<Stmt> fused = Fusion.fuse(body(firstPass, penaltySum, fill,
                loop(var("t"), samples, loop("j", accumulate(grad, var("j"), load(rows, var("t"), var("j")))))));
        assertEquals(body(
                fill,
                loop(var("s"), samples, plusEquals(sum, load(y, var("s"))),
                        loop("j", accumulate(grad, var("j"), load(rows, var("s"), var("j"))))),
                penaltySum), fused);
    }

    @Test
    void aLoopJoinsTheEarlierLoopThatReadsMostOfTheSameArrays() {
        Array z = parameter("z", N, Dim.ONE);
        Array other = output("other", N);
        Stmt readsXandY = loop("i", plusEquals(sum, mul(load(x, var("i")), load(y, var("i")))));
        // Reads the sum the first loop fills: it cannot join it, but the last loop could join either.
        Stmt readsZ = loop("j", store(other, var("j"), mul(local(sum), load(z, var("j")))));
        List<Stmt> fused = Fusion.fuse(body(readsXandY, readsZ,
                loop("k", store(out, var("k"), add(load(x, var("k")), load(y, var("k")))))));
        assertEquals(body(
                loop("i", plusEquals(sum, mul(load(x, var("i")), load(y, var("i")))),
                        store(out, var("i"), add(load(x, var("i")), load(y, var("i"))))),
                readsZ), fused);
    }

    @Test
    void aGuardedRowLoopGivesUpItsGuardOnlyForAPartnerReadingTheSameData() {
        Array a = parameter("A", N, N);
        Name coefficient = temp("coefficient", 5);
        Stmt guarded = loop("i", let(coefficient, load(x, var("i"))), unlessZero(local(coefficient),
                loop("j", accumulate(out, var("j"), mul(load(a, var("i"), var("j")), local(coefficient))))));
        // Fusing the two row loops fuses their bodies: the guarded loop over A's row joins one that reads it too.
        List<Stmt> withA = Fusion.fuse(body(guarded, loop("r", loop("k", plusEquals(dot, load(a, var("r"), var("k")))))));
        assertEquals(body(loop("i", let(coefficient, load(x, var("i"))),
                loop("j", accumulate(out, var("j"), mul(load(a, var("i"), var("j")), local(coefficient))),
                        plusEquals(dot, load(a, var("i"), var("j")))))), withA);
        // With a loop over other data, skipping the zero rows is worth more: the guard stays.
        List<Stmt> withY = Fusion.fuse(body(guarded, loop("r", loop("k", plusEquals(dot, load(y, var("k")))))));
        assertEquals(body(loop("i", let(coefficient, load(x, var("i"))), unlessZero(local(coefficient),
                loop("j", accumulate(out, var("j"), mul(load(a, var("i"), var("j")), local(coefficient))))),
                loop("k", plusEquals(dot, load(y, var("k")))))), withY);
    }

    @Test
    void constantInitialisersGoFirstSoThatTheyKeepNoLoopsApart() {
        List<Stmt> hoisted = Hoisting.constantInitialisers(body(
                loop("i", plusEquals(sum, load(x, var("i")))),
                init(dot, num(0)),
                init(sum, load(x, at(0)))));
        assertEquals(body(init(dot, num(0)), loop("i", plusEquals(sum, load(x, var("i")))),
                init(sum, load(x, at(0)))), hoisted);
    }

    @Test
    void aScalarRisesAboveWhatItDoesNotDependOnButNotAboveWhatItReads() {
        Name factor = temp("factor", 7);
        Name scaled = temp("scaled", 8);
        List<Stmt> hoisted = Hoisting.scalars(body(
                init(sum, num(0)),
                loop("i", plusEquals(sum, load(x, var("i")))),
                let(factor, mul(num(2), load(y, at(0)))),
                let(scaled, mul(local(sum), local(factor)))));
        assertEquals(body(
                let(factor, mul(num(2), load(y, at(0)))),
                init(sum, num(0)),
                loop("i", plusEquals(sum, load(x, var("i")))),
                let(scaled, mul(local(sum), local(factor)))), hoisted);
    }
}

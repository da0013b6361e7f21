package dev.chainrule.codegen.loop;

import static dev.chainrule.codegen.loop.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.codegen.loop.Stmt.Blocked;
import dev.chainrule.codegen.loop.Val.Op;
import dev.chainrule.shape.Dim;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reductions split over four accumulators, on small programs with the expected result. */
class AccumulatorsTest {
    private final Array x = parameter("x", N, Dim.ONE);
    private final Array y = parameter("y", N, Dim.ONE);
    private final Array out = output("out", N);
    private final Name dot = temp("dot", 1);
    private final Name max = temp("max", 2);
    private final Name product = temp("product", 3);

    private static Name lane(Name name, int lane) {
        return new Name.Copy(name, lane);
    }

    private static Index plus(Index.Var i, int lane) {
        return lane == 0 ? i : Index.shifted(i, Dim.of(lane));
    }

    @Test
    void aDotProductRunsInBlocksOfFourWithAnAccumulatorEachCombinedInPairs() {
        Index.Var i = var("i");
        Stmt loop = loop("i", plusEquals(dot, mul(load(x, i), load(y, i))));
        List<Stmt> split = Accumulators.split(body(init(dot, num(0)), loop, ret(local(dot))));

        List<Stmt> lanes = new java.util.ArrayList<>();
        for (int lane = 0; lane < 4; lane++) {
            lanes.add(plusEquals(lane == 0 ? dot : lane(dot, lane), mul(load(x, plus(i, lane)), load(y, plus(i, lane)))));
        }
        assertEquals(body(
                init(dot, num(0)),
                init(lane(dot, 1), num(0)), init(lane(dot, 2), num(0)), init(lane(dot, 3), num(0)),
                new Blocked(i, Index.ZERO, N, 4, lanes, List.of(plusEquals(dot, mul(load(x, i), load(y, i))))),
                assign(dot, add(add(local(dot), local(lane(dot, 1))), add(local(lane(dot, 2)), local(lane(dot, 3))))),
                ret(local(dot))), split);
    }

    @Test
    void aMaximumStartsItsLanesAtMinusInfinityAndTakesTheMaximumOfThem() {
        Index.Var i = var("i");
        List<Stmt> split = Accumulators.split(body(loop("i", new Stmt.Update(max, Op.MAX, load(x, i)))));
        assertEquals(new Stmt.Init(lane(max, 3), new Val.Num(Double.NEGATIVE_INFINITY)), split.get(2));
        assertEquals(assign(max, new Val.Max(new Val.Max(local(max), local(lane(max, 1))),
                new Val.Max(local(lane(max, 2)), local(lane(max, 3))))), split.get(4));
    }

    @Test
    void eachLaneHasItsOwnCopyOfTheBodysLocalsAndStoresAtItsOwnEntry() {
        Index.Var i = var("i");
        List<Stmt> split = Accumulators.split(body(loop("i",
                let(product, mul(load(x, i), load(y, i))),
                store(out, i, local(product)),
                plusEquals(dot, local(product)))));
        Blocked blocked = (Blocked) split.get(3);
        assertEquals(List.of(
                let(lane(product, 2), mul(load(x, plus(i, 2)), load(y, plus(i, 2)))),
                store(out, plus(i, 2), local(lane(product, 2))),
                plusEquals(lane(dot, 2), local(lane(product, 2)))), blocked.body().subList(6, 9));
    }

    @Test
    void anAccumulatorTheBodyAlsoReadsKeepsItsOneChain() {
        Index.Var i = var("i");
        List<Stmt> program = body(loop("i",
                plusEquals(dot, load(x, i)),
                store(out, i, local(dot))));
        assertEquals(program, Accumulators.split(program));
    }

    @Test
    void onlyInnermostLoopsOverManyIterationsAreBlocked() {
        Index.Var j = var("j");
        Stmt inner = loop("j", plusEquals(dot, load(x, j)));
        List<Stmt> nested = Accumulators.split(body(loop("i", init(dot, num(0)), inner, store(out, var("i"),
                local(dot)))));
        Stmt.Loop outer = (Stmt.Loop) nested.get(0);
        assertEquals(Blocked.class, outer.body().get(4).getClass(), "the inner loop is blocked: " + outer.body());

        List<Stmt> short_ = body(loop(j, Dim.of(7), plusEquals(dot, load(x, j))));
        assertEquals(short_, Accumulators.split(short_));
    }

    @Test
    void twoLoopsIntoOneSumDeclareLanesOfTheirOwn() {
        // The rows of an unrolled loop, each a loop adding into the same sum: found by
        // CodegenPropertiesTest as sum(kron(A, B)) with a 1 × 3 A, whose class did not compile.
        Index.Var i = var("i");
        List<Stmt> split = Accumulators.split(body(init(dot, num(0)),
                loop("i", plusEquals(dot, load(x, i))), loop("i", plusEquals(dot, load(y, i))), ret(local(dot))));
        List<Stmt> inits = split.stream().filter(s -> s instanceof Stmt.Init).toList();
        assertEquals(List.of(init(dot, num(0)), init(lane(dot, 1), num(0)), init(lane(dot, 2), num(0)),
                init(lane(dot, 3), num(0)), init(lane(dot, 4), num(0)), init(lane(dot, 5), num(0)),
                init(lane(dot, 6), num(0))), inits, "each local declared once");
        assertEquals(assign(dot, add(add(local(dot), local(lane(dot, 4))), add(local(lane(dot, 5)), local(lane(dot, 6))))),
                split.get(split.size() - 2), "the second loop combines its own lanes");
    }

    @Test
    void aLoopThatCallsALibraryRoutineKeepsOneAccumulator() {
        Index.Var i = var("i");
        Name sum = temp("sum", 4);
        List<Stmt> calling = body(init(sum, num(0)), loop("i", plusEquals(sum, exp(load(x, i)))), ret(local(sum)));
        assertEquals(calling, Accumulators.split(calling), "exp: the call bounds the loop, not the additions");
        List<Stmt> power = body(init(sum, num(0)), loop("i", plusEquals(sum, new Val.Power(load(x, i), num(2.5)))),
                ret(local(sum)));
        assertEquals(power, Accumulators.split(power), "Math.pow");
        List<Stmt> instructions = body(init(sum, num(0)), loop("i", plusEquals(sum,
                new Val.Call(MathFunction.SQRT, new Val.Call(MathFunction.ABS, load(x, i))))), ret(local(sum)));
        assertEquals(7, Accumulators.split(instructions).size(), "√|x|: a few instructions, split over four lanes");
    }
}

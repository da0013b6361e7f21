package dev.chainrule.codegen.loop;

import static dev.chainrule.codegen.loop.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.shape.Dim;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Constant folding, zero initialisations folded into the first write, and the other local clean-ups. */
class ConstantFoldingTest {
    private final Array x = parameter("x", N, Dim.ONE);
    private final Array out = output("out", N);
    private final Name a = temp("a", 1);
    private final Name b = temp("b", 2);
    private final Name sum = temp("sum", 3);

    @Test
    void multiplyingByZeroOrOneAndAddingZeroFold() {
        Val v = load(x, at(1));
        assertEquals(num(0), ConstantFolding.fold(mul(v, num(0))));
        assertEquals(v, ConstantFolding.fold(mul(num(1), v)));
        assertEquals(v, ConstantFolding.fold(add(v, num(0))));
        assertEquals(new Val.Negate(v), ConstantFolding.fold(sub(num(0), v)));
        assertEquals(new Val.Negate(v), ConstantFolding.fold(mul(num(-1), v)));
        assertEquals(num(6), ConstantFolding.fold(mul(num(2), add(num(1), num(2)))));
        assertEquals(v, ConstantFolding.fold(new Val.Negate(new Val.Negate(v))));
        assertEquals(num(0), ConstantFolding.fold(new Val.OnDiagonal(at(0), at(1), v)));
        assertEquals(v, ConstantFolding.fold(new Val.OnDiagonal(at(2), at(2), v)));
        Val onVariables = new Val.OnDiagonal(var("i"), var("j"), v);
        assertEquals(onVariables, ConstantFolding.fold(onVariables));
    }

    @Test
    void signsMoveOutOfProductsAndQuotients() {
        Val u = load(x, at(0));
        Val v = load(x, at(1));
        Val minusV = new Val.Negate(v);
        // a·(−b) = −(a·b) exactly: a product also computed unsigned is then the same expression.
        assertEquals(new Val.Negate(mul(u, v)), ConstantFolding.fold(mul(u, minusV)));
        assertEquals(new Val.Negate(mul(u, v)), ConstantFolding.fold(mul(new Val.Negate(u), v)));
        assertEquals(new Val.Negate(new Val.Binary(Val.Op.DIVIDE, u, v)),
                ConstantFolding.fold(new Val.Binary(Val.Op.DIVIDE, u, minusV)));
        assertEquals(mul(u, v), ConstantFolding.fold(mul(new Val.Negate(u), minusV)));
        assertEquals(new Val.Negate(v), ConstantFolding.fold(mul(num(1), minusV)));
        // Sums keep their signs where they are: a + (−b) is not a product.
        assertEquals(add(u, minusV), ConstantFolding.fold(add(u, minusV)));
    }

    @Test
    void signsMovedOutComputeTheSameBits() {
        java.util.Random random = new java.util.Random(7);
        for (int trial = 0; trial < 10_000; trial++) {
            double a = random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
            double b = random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
            assertEquals(Double.doubleToRawLongBits(a * -b), Double.doubleToRawLongBits(-(a * b)));
            assertEquals(Double.doubleToRawLongBits(a / -b), Double.doubleToRawLongBits(-(a / b)));
        }
    }

    @Test
    void anEntrySetAgainBeforeItIsReadIsSetOnce() {
        // A symmetric result's lower triangle: zeroed, then mirrored from the upper one.
        List<Stmt> folded = ZeroInitialisers.fold(body(
                store(out, at(1), load(x, at(0))),
                store(out, at(2), num(0)),
                store(out, at(0), local(a)),
                store(out, at(2), load(out, at(1)))));
        assertEquals(body(store(out, at(1), load(x, at(0))), store(out, at(0), local(a)),
                store(out, at(2), load(out, at(1)))), folded);
        // Set again from itself, or read between: both writes stay.
        List<Stmt> readsItself = body(store(out, at(2), num(0)), store(out, at(2), add(load(out, at(2)), num(1))));
        assertEquals(readsItself, ZeroInitialisers.fold(readsItself));
        List<Stmt> readBetween = body(store(out, at(2), local(a)), store(out, at(0), load(out, at(2))),
                store(out, at(2), num(3)));
        assertEquals(readBetween, ZeroInitialisers.fold(readBetween));
    }

    @Test
    void addingZeroIsNoStatementAndATestOfAConstantIsDecided() {
        List<Stmt> folded = ConstantFolding.fold(body(
                accumulate(out, at(0), mul(load(x, at(0)), num(0))),
                plusEquals(sum, num(0)),
                let(a, num(0)),
                unlessZero(local(a), store(out, at(1), num(1))),
                let(b, num(2)),
                unlessZero(local(b), store(out, at(2), local(b))),
                loop("i")));
        assertEquals(body(store(out, at(2), num(2))), folded);
    }

    @Test
    void aZeroInitialisationFoldsIntoTheFirstAddition() {
        List<Stmt> folded = ZeroInitialisers.fold(body(
                init(sum, num(0)),
                store(out, at(0), num(0)),
                let(a, load(x, at(0))),
                plusEquals(sum, local(a)),
                accumulate(out, at(0), local(a)),
                plusEquals(sum, load(x, at(1))),
                ret(local(sum))));
        assertEquals(body(let(a, load(x, at(0))), init(sum, local(a)), store(out, at(0), local(a)),
                plusEquals(sum, load(x, at(1))), ret(local(sum))), folded);
    }

    @Test
    void aZeroInitialisationReadBeforeItsFirstAdditionStays() {
        List<Stmt> program = body(init(sum, num(0)), store(out, at(0), local(sum)), plusEquals(sum, num(2)),
                ret(local(sum)));
        assertEquals(program, ZeroInitialisers.fold(program));
        // An addition inside a block is not the first write in straight-line code.
        List<Stmt> guarded = body(store(out, at(0), num(0)),
                unlessZero(load(x, at(0)), accumulate(out, at(0), num(3))));
        assertEquals(guarded, ZeroInitialisers.fold(guarded));
    }

    @Test
    void anEntrySetAndThenAddedToIsSetToTheSum() {
        // A Hessian's diagonal term, then its outer product's entry: h[0] = s; h[0] += c·d becomes h[0] = s + c·d
        List<Stmt> folded = ZeroInitialisers.fold(body(
                store(out, at(0), local(a)),
                let(b, mul(load(x, at(0)), load(x, at(0)))),
                store(out, at(1), local(b)),
                accumulate(out, at(0), local(b))));
        assertEquals(body(let(b, mul(load(x, at(0)), load(x, at(0)))), store(out, at(1), local(b)),
                store(out, at(0), add(local(a), local(b)))), folded);
    }

    @Test
    void anEntrySetToAValueChangedBeforeTheAdditionOrAnAdditionReadingTheArrayStays() {
        List<Stmt> changed = body(init(sum, load(x, at(0))), store(out, at(0), local(sum)), plusEquals(sum, num(1)),
                accumulate(out, at(0), num(2)), ret(local(sum)));
        assertEquals(changed, ZeroInitialisers.fold(changed));
        List<Stmt> readsArray = body(store(out, at(0), local(a)), accumulate(out, at(0), load(out, at(1))));
        assertEquals(readsArray, ZeroInitialisers.fold(readsArray));
        List<Stmt> arrayWritten = body(store(out, at(0), load(x, at(1))), store(x, at(1), num(0)),
                accumulate(out, at(0), num(2)));
        assertEquals(arrayWritten, ZeroInitialisers.fold(arrayWritten));
    }

    @Test
    void aLocalSetOnceIsFinalAndAnAccumulatorIsNot() {
        List<Stmt> folded = ZeroInitialisers.fold(body(init(a, num(1)), init(sum, num(0)),
                loop("i", plusEquals(sum, local(a))), ret(local(sum))));
        assertEquals(body(let(a, num(1)), init(sum, num(0)), loop("i", plusEquals(sum, local(a))), ret(local(sum))),
                folded);
    }

    @Test
    void aLocalReadOnceByALaterStatementIsInlined() {
        List<Stmt> inlined = LocalInlining.inline(body(
                let(a, mul(load(x, at(0)), num(2))),
                let(b, add(local(a), num(1))),
                store(out, at(0), num(5)),
                ret(local(b))));
        assertEquals(body(store(out, at(0), num(5)), ret(add(mul(load(x, at(0)), num(2)), num(1)))), inlined);
    }

    @Test
    void aLocalIsNotMovedIntoALoopNorPastAWriteOfWhatItReads() {
        List<Stmt> intoLoop = body(let(a, mul(load(x, at(0)), num(2))), loop("i", store(out, var("i"), local(a))));
        assertEquals(intoLoop, LocalInlining.inline(intoLoop));
        Array t = vector("t", 4);
        List<Stmt> pastWrite = body(let(a, load(t, at(0))), store(t, at(0), num(1)), ret(local(a)));
        assertEquals(pastWrite, LocalInlining.inline(pastWrite));
    }

    @Test
    void aLocalDefinitionKeepsItsName() {
        Name z = user("z", 9);
        List<Stmt> program = body(let(z, add(load(x, at(0)), num(1))), ret(local(z)));
        assertEquals(program, LocalInlining.inline(program));
    }

    @Test
    void aLocalOfTheSameValueAsAnEarlierOneIsReadAsIt() {
        List<Stmt> merged = EqualLocals.merge(body(
                let(a, mul(load(x, at(0)), num(2))),
                let(b, mul(load(x, at(0)), num(2))),
                store(out, at(0), local(b)),
                ret(local(a))));
        assertEquals(body(let(a, mul(load(x, at(0)), num(2))), store(out, at(0), local(a)), ret(local(a))), merged);
        // Not once what the value reads has changed.
        Array t = vector("t", 4);
        List<Stmt> changed = body(let(a, load(t, at(0))), store(t, at(0), num(1)), let(b, load(t, at(0))),
                ret(add(local(a), local(b))));
        assertEquals(changed, EqualLocals.merge(changed));
    }
}

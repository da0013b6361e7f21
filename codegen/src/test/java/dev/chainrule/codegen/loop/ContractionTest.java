package dev.chainrule.codegen.loop;

import static dev.chainrule.codegen.loop.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.shape.Dim;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Array contraction and copy propagation on small programs with the expected result. */
class ContractionTest {
    private final Array x = parameter("x", N, Dim.ONE);
    private final Array out = output("out", N);
    private final Array t = vector("residual", 1);
    private final Name sum = temp("sum", 2);

    @Test
    void aTemporaryWrittenThenReadAtTheLoopsIndexBecomesALocal() {
        List<Stmt> contracted = Contraction.contract(body(
                loop("i", store(t, var("i"), exp(load(x, var("i")))),
                        plusEquals(sum, mul(load(t, var("i")), load(t, var("i")))))));
        assertEquals(body(loop("i", let(t.name(), exp(load(x, var("i")))),
                plusEquals(sum, mul(local(t.name()), local(t.name()))))), contracted);
    }

    @Test
    void aTemporaryAnotherStatementReadsKeepsItsArray() {
        List<Stmt> program = body(
                loop("i", store(t, var("i"), exp(load(x, var("i")))), plusEquals(sum, load(t, var("i")))),
                loop("j", store(out, var("j"), load(t, var("j")))));
        assertEquals(program, Contraction.contract(program));
    }

    @Test
    void aTemporaryReadAtAnotherEntryKeepsItsArray() {
        List<Stmt> program = body(loop("i", store(t, var("i"), load(x, var("i"))),
                loop("j", plusEquals(sum, load(t, var("j"))))));
        assertEquals(program, Contraction.contract(program));
    }

    @Test
    void anAccumulatedTemporaryKeepsItsArray() {
        List<Stmt> program = body(loop("i", store(t, var("i"), num(0)), accumulate(t, var("i"), load(x, var("i"))),
                plusEquals(sum, load(t, var("i")))));
        assertEquals(program, Contraction.contract(program));
    }

    @Test
    void anOutputIsNeverContracted() {
        List<Stmt> program = body(loop("i", store(out, var("i"), load(x, var("i"))),
                plusEquals(sum, load(out, var("i")))));
        assertEquals(program, Contraction.contract(program));
    }

    @Test
    void aCopyOfALocalIsReadAsTheLocalItself() {
        Name copy = temp("coefficient", 3);
        Name source = temp("delta", 4);
        List<Stmt> propagated = CopyPropagation.propagate(body(
                let(source, load(x, at(0))),
                loop("i", let(copy, local(source)), unlessZero(local(copy), store(out, var("i"), local(copy))))));
        assertEquals(body(let(source, load(x, at(0))),
                loop("i", unlessZero(local(source), store(out, var("i"), local(source))))), propagated);
    }

    @Test
    void aCopyOfALocalSetLaterIsKept() {
        Name copy = temp("copy", 3);
        List<Stmt> program = body(init(sum, num(0)), let(copy, local(sum)), plusEquals(sum, num(1)),
                ret(add(local(copy), local(sum))));
        assertEquals(program, CopyPropagation.propagate(program));
    }
}

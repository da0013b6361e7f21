package dev.chainrule.codegen.loop;

import static dev.chainrule.codegen.loop.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Twin accumulators merged ({@link TwinAccumulators}): the same sum kept twice becomes one. */
class TwinAccumulatorsTest {
    private final Array d = parameter("d", N, dev.chainrule.shape.Dim.ONE);
    private final Name a = temp("sum", 1);
    private final Name b = temp("sum", 2);
    private final Val square = mul(load(d, var("i")), load(d, var("i")));


    @Test
    void twinsUpdatedTogetherInALoopBecomeOneReadWhereverTheOtherWas() {
        List<Stmt> program = body(init(a, num(0)), init(b, num(0)),
                loop(var("i"), N, plusEquals(a, square), plusEquals(b, square)),
                ret(add(local(a), mul(num(2), local(b)))));
        assertEquals(body(init(a, num(0)),
                loop(var("i"), N, plusEquals(a, square)),
                ret(add(local(a), mul(num(2), local(a))))), TwinAccumulators.merge(program));
    }

    @Test
    void unrolledTwinsBecomeOne() {
        Val first = mul(load(d, at(0)), load(d, at(0)));
        Val second = mul(load(d, at(1)), load(d, at(1)));
        List<Stmt> program = body(init(a, first), init(b, first), plusEquals(a, second), plusEquals(b, second),
                ret(mul(local(a), local(b))));
        assertEquals(body(init(a, first), plusEquals(a, second), ret(mul(local(a), local(a)))),
                TwinAccumulators.merge(program));
    }

    @Test
    void accumulatorsUpdatedByDifferentValuesStayApart() {
        List<Stmt> program = body(init(a, num(0)), init(b, num(0)),
                loop(var("i"), N, plusEquals(a, square), plusEquals(b, load(d, var("i")))),
                ret(mul(local(a), local(b))));
        assertEquals(program, TwinAccumulators.merge(program));
    }

    @Test
    void anAccumulatorSetAgainAloneStaysApart() {
        List<Stmt> program = body(init(a, num(0)), init(b, num(0)),
                loop(var("i"), N, plusEquals(a, square), plusEquals(b, square)),
                assign(b, num(1)),
                ret(mul(local(a), local(b))));
        assertEquals(program, TwinAccumulators.merge(program));
    }

    @Test
    void anUpdateReadingTheTwinsStaysApart() {
        List<Stmt> program = body(init(a, num(1)), init(b, num(1)),
                plusEquals(a, local(b)), plusEquals(b, local(b)),
                ret(mul(local(a), local(b))));
        assertEquals(program, TwinAccumulators.merge(program));
    }

    @Test
    void updatesNotSideBySideStayApart() {
        Name other = temp("other", 3);
        List<Stmt> program = body(init(a, num(0)), init(b, num(0)), init(other, num(0)),
                loop(var("i"), N, plusEquals(a, square), plusEquals(other, local(b)), plusEquals(b, square)),
                ret(mul(local(a), local(other))));
        assertEquals(program, TwinAccumulators.merge(program));
    }
}

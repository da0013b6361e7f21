package dev.chainrule.codegen.loop;

import static dev.chainrule.codegen.loop.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.shape.Dim;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The comment lines that mark the forward and the backward sweep of a gradient. */
class SweepsTest {
    private final Array x = parameter("x", N, Dim.ONE);
    private final Array gradX = output("gradX", N);
    private final Name.Temp sum = temp("sum", 1);
    private final Name.Temp norm = temp("norm", 2);
    private final Name.Temp factor = temp("factor", 3);

    @Test
    void theForwardSweepRisesAboveTheBackwardOneAndEachGetsItsLine() {
        List<Stmt> marked = Sweeps.mark(body(
                init(sum, num(0)),
                loop("i", plusEquals(sum, mul(load(x, var("i")), load(x, var("i"))))),
                let(factor, mul(num(2), load(x, at(0)))),
                let(norm, exp(local(sum))),
                loop("i", store(gradX, var("i"), mul(local(factor), load(x, var("i"))))),
                ret(local(norm))), Set.of(sum, norm));
        assertEquals(body(
                new Stmt.Comment(Sweeps.FORWARD),
                init(sum, num(0)),
                loop("i", plusEquals(sum, mul(load(x, var("i")), load(x, var("i"))))),
                let(norm, exp(local(sum))),
                new Stmt.Comment(Sweeps.BACKWARD),
                let(factor, mul(num(2), load(x, at(0)))),
                loop("i", store(gradX, var("i"), mul(local(factor), load(x, var("i"))))),
                ret(local(norm))), marked);
    }

    @Test
    void aLoopComputingBothSaysTheSweepsAreFused() {
        List<Stmt> program = body(init(sum, num(0)),
                loop("i", plusEquals(sum, load(x, var("i"))), store(gradX, var("i"), num(1))),
                ret(local(sum)));
        List<Stmt> marked = Sweeps.mark(program, Set.of(sum));
        assertEquals(new Stmt.Comment(Sweeps.FUSED), marked.get(0));
        assertEquals(program, marked.subList(1, marked.size()));
    }
}

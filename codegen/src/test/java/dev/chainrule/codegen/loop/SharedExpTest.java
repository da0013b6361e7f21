package dev.chainrule.codegen.loop;

import static dev.chainrule.codegen.loop.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.codegen.loop.Stmt.Comment;
import dev.chainrule.codegen.loop.Stmt.Let;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One exp for a softplus and a sigmoid of one argument, on small programs: the exponential
 * computed once before the first of them and both computed from it; arguments whose value could
 * differ between the two, and a softplus or a sigmoid alone, left as they were.
 */
class SharedExpTest {
    private final Array y = parameter("y", N, dev.chainrule.shape.Dim.ONE);
    private final Array grad = output("grad", N);
    private final Name margin = temp("product", 1);
    private final Name coefficient = temp("coefficient", 2);
    private final Name sum = temp("sum", 3);
    private final Name exponential = temp("exponential", 99);
    private final Index.Var i = var("i");

    private List<Stmt> share(List<Stmt> program) {
        return SharedExp.share(program, role -> exponential);
    }

    private static Val softplus(Val x) {
        return new Val.Call(MathFunction.SOFTPLUS, x);
    }

    private static Val sigmoid(Val x) {
        return new Val.Call(MathFunction.SIGMOID, x);
    }

    private static Val negate(Val x) {
        return new Val.Negate(x);
    }

    @Test
    void aSoftplusAndASigmoidOfOneMarginShareOneExponential() {
        Val minusMargin = negate(local(margin));
        List<Stmt> program = body(init(sum, num(0)), loop("i",
                let(margin, mul(load(y, i), load(y, i))),
                plusEquals(sum, softplus(minusMargin)),
                let(coefficient, mul(load(y, i), sigmoid(minusMargin))),
                store(grad, i, local(coefficient))));
        Val shared = local(exponential);
        List<Stmt> expected = body(init(sum, num(0)), loop("i",
                let(margin, mul(load(y, i), load(y, i))),
                new Comment("exp(-|x|) once, for both the softplus and the sigmoid of x"),
                new Let(exponential, exp(negate(new Val.Call(MathFunction.ABS, local(margin))))),
                plusEquals(sum, new Val.FromExp(MathFunction.SOFTPLUS, minusMargin, shared)),
                let(coefficient, mul(load(y, i), new Val.FromExp(MathFunction.SIGMOID, minusMargin, shared))),
                store(grad, i, local(coefficient))));
        assertEquals(expected, share(program));
    }

    @Test
    void anArgumentThatReadsAnArrayOrALocalSetAgainIsNotShared() {
        Val entry = load(y, i);
        List<Stmt> readsArray = body(loop("i",
                plusEquals(sum, softplus(entry)),
                store(y, i, num(1)),
                let(coefficient, sigmoid(entry)),
                store(grad, i, local(coefficient))));
        assertEquals(readsArray, share(readsArray));
        List<Stmt> readsAccumulator = body(init(margin, num(0)), loop("i",
                plusEquals(sum, softplus(local(margin))),
                plusEquals(margin, num(1)),
                let(coefficient, sigmoid(local(margin))),
                store(grad, i, local(coefficient))));
        assertEquals(readsAccumulator, share(readsAccumulator));
    }

    @Test
    void aSoftplusAloneOrASigmoidOfAnotherArgumentKeepsItsOwnExp() {
        List<Stmt> program = body(loop("i",
                let(margin, load(y, i)),
                let(coefficient, load(y, i)),
                plusEquals(sum, softplus(local(margin))),
                store(grad, i, sigmoid(local(coefficient)))));
        assertEquals(program, share(program));
    }
}

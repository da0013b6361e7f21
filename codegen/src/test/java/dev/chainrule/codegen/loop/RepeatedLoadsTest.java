package dev.chainrule.codegen.loop;

import static dev.chainrule.codegen.loop.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.shape.Dim;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An entry read by several statements is read once, into a local, while its array is unchanged. */
class RepeatedLoadsTest {
    private final Array a = parameter("A", N, N);
    private final Array x = parameter("x", N, Dim.ONE);
    private final Array product = vector("product", 1);
    private final Name dot = temp("dot", 2);
    private final Name coefficient = temp("coefficient", 3);
    private final List<String> roles = new ArrayList<>();

    private List<Stmt> once(List<Stmt> body) {
        return RepeatedLoads.once(body, role -> {
            roles.add(role);
            return temp(role, 100 + roles.size());
        });
    }

    @Test
    void theQuadraticFormsRowLoopReadsEachEntryOfAOnce() {
        Val aij = load(a, var("i"), var("j"));
        List<Stmt> result = once(body(loop("i", loop("j",
                accumulate(product, var("j"), mul(aij, local(coefficient))),
                plusEquals(dot, mul(aij, load(x, var("j"))))))));
        Name entry = temp("aEntry", 101);
        assertEquals(body(loop("i", loop("j",
                let(entry, aij),
                accumulate(product, var("j"), mul(local(entry), local(coefficient))),
                plusEquals(dot, mul(local(entry), load(x, var("j"))))))), result);
        assertEquals(List.of("aEntry"), roles);
    }

    @Test
    void aWriteToTheArrayBetweenTheReadsEndsTheSpan() {
        Val tj = load(product, var("j"));
        // The second read sees what the store wrote: only reads up to the write may share a local.
        List<Stmt> program = body(loop("j",
                plusEquals(dot, tj),
                store(product, var("j"), mul(tj, num(2))),
                plusEquals(coefficient, tj)));
        Name entry = temp("productEntry", 101);
        assertEquals(body(loop("j",
                let(entry, tj),
                plusEquals(dot, local(entry)),
                store(product, var("j"), mul(local(entry), num(2))),
                plusEquals(coefficient, tj))), once(program));
    }

    @Test
    void anEntryReadByOneStatementStaysWhereItIs() {
        List<Stmt> program = body(loop("i",
                plusEquals(dot, mul(load(x, var("i")), load(x, var("i")))),
                plusEquals(coefficient, load(x, at(0)))));
        assertEquals(program, once(program));
        assertEquals(List.of(), roles);
    }

    @Test
    void readsInsideANestedLoopAreThatLoopsOwn() {
        Val xi = load(x, var("i"));
        // x[i] is read by the row loop's guard and by a statement in the nested loop: one read each
        // at the row loop's level, so nothing changes.
        List<Stmt> program = body(loop("i", unlessZero(xi, loop("j", plusEquals(dot, xi)))));
        assertEquals(program, once(program));
    }

    @Test
    void anEntryReadAgainAfterACallToALibraryRoutineIsLoadedAgain() {
        // Softmax cross-entropy's x[i], read for exp and again for yᵀx: a local would be saved and
        // restored around the call to exp, which costs more than the second load.
        Val xi = load(x, var("i"));
        Name sum = temp("sum", 4);
        List<Stmt> program = body(loop("i",
                store(product, var("i"), exp(xi)),
                plusEquals(sum, load(product, var("i"))),
                plusEquals(dot, mul(xi, xi))));
        assertEquals(program, once(program));
        // Reads before the call still share one.
        List<Stmt> before = body(loop("i",
                plusEquals(dot, mul(xi, xi)),
                store(product, var("i"), exp(xi)),
                plusEquals(sum, xi)));
        Name entry = temp("xEntry", 101);
        assertEquals(body(loop("i",
                let(entry, xi),
                plusEquals(dot, mul(local(entry), local(entry))),
                store(product, var("i"), exp(local(entry))),
                plusEquals(sum, xi))), once(before));
    }
}

package dev.chainrule.codegen.loop;

import static dev.chainrule.codegen.loop.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.shape.Dim;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The careful computation redone where a fast one left its range ({@link Stmt.IfOutside}): what
 * the passes see in it, and the Java it prints as.
 */
class IfOutsideTest {
    private final Array x = parameter("x", Dim.of(2), Dim.ONE);
    private final Name sum = temp("sum", 1);
    private final Name norm = temp("norm", 2);
    private final Name largest = temp("largest", 3);

    /** sum = Σ xᵢ²; norm = sqrt(sum); if sum is out of range, norm from the largest entry instead. */
    private List<Stmt> program(Stmt... careful) {
        return body(
                init(sum, num(0)),
                loop(var("i"), Dim.of(2), plusEquals(sum, mul(load(x, var("i")), load(x, var("i"))))),
                init(norm, new Val.Call(MathFunction.SQRT, local(sum))),
                ifOutside(local(sum), careful),
                ret(local(norm)));
    }

    @Test
    void itReadsItsValueAndWhatItsBodyReadsAndSetsTheLocalsItsBodySets() {
        Stmt guard = program(init(largest, num(0)),
                loop(var("j"), Dim.of(2), plusEquals(largest, load(x, var("j")))),
                assign(norm, local(largest))).get(3);
        Effects effects = Effects.of(guard);
        assertEquals(Set.of(sum, largest), effects.localsRead);
        assertEquals(Set.of(largest), effects.localsDeclared);
        assertEquals(Set.of(norm), effects.accumulators(), "the local set again for the rare case");
        assertTrue(effects.arraysRead().contains(x.name()));
    }

    @Test
    void aLocalIsNotInlinedIntoTheRangeTestWhichReadsItTwice() {
        Name squares = temp("squares", 4);
        List<Stmt> program = body(
                let(squares, mul(load(x, at(0)), load(x, at(0)))),
                ifOutside(local(squares), store(output("out", Dim.ONE), at(0), num(1))));
        assertEquals(program, LocalInlining.inline(program));
    }

    @Test
    void theCarefulBodyIsUnrolledAndItsLoopsNamedAsAnyOther() {
        List<Stmt> unrolled = Unrolling.unroll(program(
                init(largest, num(0)),
                loop(var("j"), Dim.of(2), plusEquals(largest, load(x, var("j")))),
                assign(norm, local(largest))), Unrolling.LIMIT);
        Stmt.IfOutside guard = (Stmt.IfOutside) unrolled.get(unrolled.size() - 2);
        assertEquals(body(init(largest, num(0)), plusEquals(largest, load(x, at(0))), plusEquals(largest, load(x, at(1))),
                assign(norm, local(largest))), guard.body());
    }

    @Test
    void itPrintsAsAnIfWithItsBoundsReadable() {
        Name s = fixed("sum");
        Name n = fixed("norm");
        List<Stmt> program = body(init(n, new Val.Call(MathFunction.SQRT, local(s))),
                ifOutside(local(s), assign(n, num(0))),
                ret(local(n)));
        String java = new JavaEmitter(Map.of(), Set.of("sum", "norm"), "", new HashSet<>(), NumberType.DOUBLE)
                .emit(program).code().toString();
        assertEquals("""
                double norm = Math.sqrt(sum);
                if (sum < 0x1.0p-900 || sum > Double.MAX_VALUE) {
                  norm = 0.0;
                }
                return norm;
                """, java);
    }

    @Test
    void inFloatItsBoundsAreFloats() {
        Name s = fixed("sum");
        Name n = fixed("norm");
        List<Stmt> program = body(init(n, new Val.Call(MathFunction.SQRT, local(s))),
                ifOutside(local(s), assign(n, num(0))),
                ret(local(n)));
        String java = new JavaEmitter(Map.of(), Set.of("sum", "norm"), "", new HashSet<>(), NumberType.FLOAT)
                .emit(program).code().toString();
        assertTrue(java.contains("if (sum < 0x1.0p-100f || sum > Float.MAX_VALUE) {"), java);
    }
}

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
        String java = new JavaEmitter(Map.of(), Set.of("sum", "norm"), "", new HashSet<>(), NumberType.DOUBLE, shared())
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
        String java = new JavaEmitter(Map.of(), Set.of("sum", "norm"), "", new HashSet<>(), NumberType.FLOAT, shared())
                .emit(program).code().toString();
        assertTrue(java.contains("if (sum < 0x1.0p-100f || sum > Float.MAX_VALUE) {"), java);
    }

    private static SharedMethods shared() {
        Set<String> taken = new HashSet<>();
        return new SharedMethods(name -> {
            String numbered = name;
            for (int k = 2; !taken.add(numbered); k++) {
                numbered = name + k;
            }
            return numbered;
        });
    }

    /** norm = sqrt(sum), and if sum is out of range: largest = max |xᵢ| then norm = f(largest, d). */
    private List<Stmt> namedProgram(Name largestName, Array array, Name read) {
        Name s = fixed("sum");
        Name n = fixed("norm");
        return body(init(n, new Val.Call(MathFunction.SQRT, local(s))),
                ifOutside(local(s),
                        init(largestName, num(0)),
                        loop(var("j"), Dim.of(2), plusEquals(largestName, load(array, var("j")))),
                        assign(n, mul(local(largestName), local(read)))),
                ret(local(n)));
    }

    @Test
    void aCarefulPathOfSeveralStatementsMovesIntoAStaticMethodCalledWithWhatItReads() {
        SharedMethods shared = shared();
        String java = new JavaEmitter(Map.of(), Set.of("sum", "norm", "largest3", "d"), "", new HashSet<>(),
                NumberType.DOUBLE, shared).emit(namedProgram(fixed("largest3"), x, fixed("d"))).code().toString();
        assertEquals("""
                double norm = Math.sqrt(sum);
                if (sum < 0x1.0p-900 || sum > Double.MAX_VALUE) {
                  norm = carefulNorm(x, d);
                }
                return norm;
                """, java);
        assertEquals(1, shared.methods().size());
        String method = shared.methods().get(0).toString();
        assertTrue(method.contains("private static double carefulNorm(double[] x, double d) {"), method);
        assertTrue(method.contains("double largest = 0.0;"), "its local named by its role alone: " + method);
        assertTrue(method.contains("return largest * d;"), method);
    }

    @Test
    void methodsWithTheSameCarefulPathShareOneAndDifferentOnesGetTheirOwn() {
        SharedMethods shared = shared();
        Set<String> reserved = Set.of("sum", "norm", "largest3", "largest7", "d");
        String first = new JavaEmitter(Map.of(), reserved, "", new HashSet<>(), NumberType.DOUBLE, shared)
                .emit(namedProgram(fixed("largest3"), x, fixed("d"))).code().toString();
        String second = new JavaEmitter(Map.of(), reserved, "", new HashSet<>(), NumberType.DOUBLE, shared)
                .emit(namedProgram(fixed("largest7"), x, fixed("d"))).code().toString();
        String other = new JavaEmitter(Map.of(), reserved, "", new HashSet<>(), NumberType.DOUBLE, shared)
                .emit(namedProgram(fixed("largest3"), parameter("y", Dim.of(2), Dim.ONE), fixed("d"))).code().toString();
        assertTrue(first.contains("norm = carefulNorm(x, d);"), first);
        assertTrue(second.contains("norm = carefulNorm(x, d);"), second);
        assertTrue(other.contains("norm = carefulNorm2(y, d);"), other);
        assertEquals(2, shared.methods().size());
    }

    @Test
    void aLocalOfTheCarefulPathNamedLikeAParameterOfItsMethodIsRenamed() {
        SharedMethods shared = shared();
        new JavaEmitter(Map.of(), Set.of("sum", "norm", "d1", "d"), "", new HashSet<>(), NumberType.DOUBLE, shared)
                .emit(namedProgram(fixed("d1"), x, fixed("d")));
        String method = shared.methods().get(0).toString();
        assertTrue(method.contains("double d_ = 0.0;"), method);
        assertTrue(method.contains("return d_ * d;"), method);
    }

    @Test
    void aCarefulPathInsideALoopStaysInline() {
        SharedMethods shared = shared();
        Name s = fixed("sum");
        Name n = fixed("norm");
        Name l = fixed("largest");
        Array out = output("out", Dim.of(3));
        List<Stmt> program = body(loop(var("i"), Dim.of(3),
                init(n, new Val.Call(MathFunction.SQRT, local(s))),
                ifOutside(local(s), init(l, num(0)), plusEquals(l, load(x, at(0))), assign(n, local(l))),
                store(out, var("i"), local(n))));
        String java = new JavaEmitter(Map.of(), Set.of("sum", "norm", "largest"), "", new HashSet<>(),
                NumberType.DOUBLE, shared).emit(program).code().toString();
        assertTrue(java.contains("largest += x[0];"), java);
        assertTrue(shared.methods().isEmpty());
    }

    @Test
    void aCarefulPathThatWritesAnArrayStaysInline() {
        SharedMethods shared = shared();
        Name s = fixed("sum");
        Name n = fixed("norm");
        List<Stmt> program = body(init(n, new Val.Call(MathFunction.SQRT, local(s))),
                ifOutside(local(s), store(output("out", Dim.ONE), at(0), num(1)), assign(n, num(0))),
                ret(local(n)));
        String java = new JavaEmitter(Map.of(), Set.of("sum", "norm"), "", new HashSet<>(), NumberType.DOUBLE, shared)
                .emit(program).code().toString();
        assertTrue(java.contains("out[0] = 1.0;"), java);
        assertTrue(shared.methods().isEmpty());
    }

    @Test
    void carefulPathsTakingOtherTypesOverloadOneName() {
        SharedMethods shared = shared();
        Set<String> reserved = Set.of("sum", "norm", "largest3", "d", "e");
        String arrayAndScalar = new JavaEmitter(Map.of(), reserved, "", new HashSet<>(), NumberType.DOUBLE, shared)
                .emit(namedProgram(fixed("largest3"), x, fixed("d"))).code().toString();
        Name s = fixed("sum");
        Name n = fixed("norm");
        Name l = fixed("largest3");
        List<Stmt> scalars = body(init(n, new Val.Call(MathFunction.SQRT, local(s))),
                ifOutside(local(s), init(l, local(fixed("e"))), assign(n, mul(local(l), local(fixed("d"))))),
                ret(local(n)));
        String twoScalars = new JavaEmitter(Map.of(), reserved, "", new HashSet<>(), NumberType.DOUBLE, shared)
                .emit(scalars).code().toString();
        assertTrue(arrayAndScalar.contains("norm = carefulNorm(x, d);"), arrayAndScalar);
        assertTrue(twoScalars.contains("norm = carefulNorm(e, d);"), twoScalars);
        assertEquals(2, shared.methods().size());
    }
}

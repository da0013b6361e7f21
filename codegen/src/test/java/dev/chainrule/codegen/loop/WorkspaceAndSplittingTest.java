package dev.chainrule.codegen.loop;

import static dev.chainrule.codegen.loop.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.shape.Dim;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Workspace sharing and method splitting, on small programs with the expected result. */
class WorkspaceAndSplittingTest {
    private final Array x = parameter("x", N, Dim.ONE);
    private final Array out = output("out", N);

    @Test
    void temporariesWhoseLifetimesDoNotOverlapShareAnArray() {
        Array first = vector("activation", 1);
        Array second = vector("grad", 2);
        Array third = vector("delta", 3);
        ArrayReuse reuse = new ArrayReuse();
        List<Stmt> shared = reuse.assign(body(
                loop("i", store(first, var("i"), exp(load(x, var("i"))))),
                loop("i", store(second, var("i"), load(first, var("i")))),
                loop("i", store(third, var("i"), load(second, var("i")))),
                loop("i", store(out, var("i"), load(third, var("i"))))));
        // first dies where second is born (statement 1), so second needs its own; third takes first's.
        assertEquals(body(
                loop("i", store(first, var("i"), exp(load(x, var("i"))))),
                loop("i", store(second, var("i"), load(first, var("i")))),
                loop("i", store(first, var("i"), load(second, var("i")))),
                loop("i", store(out, var("i"), load(first, var("i"))))), shared);
        assertEquals(Set.of("activation", "delta"), reuse.rolesOf(first.name()));
        assertEquals(Set.of("grad"), reuse.rolesOf(second.name()));
    }

    @Test
    void arraysAreSharedAcrossTheMethodsOfAClassButNotBetweenShapesOrWithALocalDefinition() {
        ArrayReuse reuse = new ArrayReuse();
        Array inValue = vector("product", 1);
        Array inGradient = vector("grad", 2);
        Array longer = vector("grad", 3, Dim.of("m"));
        Array hidden = new Array(user("hidden", 4), N, Dim.ONE, Array.Role.TEMPORARY);
        reuse.assign(body(loop("i", store(inValue, var("i"), load(x, var("i"))))));
        List<Stmt> gradient = reuse.assign(body(
                loop("i", store(inGradient, var("i"), load(x, var("i"))), store(hidden, var("i"), num(1))),
                loop(var("j"), Dim.of("m"), store(longer, var("j"), num(0)))));
        assertEquals(body(
                loop("i", store(inValue, var("i"), load(x, var("i"))), store(hidden, var("i"), num(1))),
                loop(var("j"), Dim.of("m"), store(longer, var("j"), num(0)))), gradient);
    }

    @Test
    void aLargeBodyIsSplitIntoPartsThatHandLocalsOnThroughSlots() {
        Name factor = temp("factor", 1);
        Name sum = temp("sum", 2);
        List<Stmt> program = new ArrayList<>();
        program.add(let(factor, mul(load(x, at(0)), num(2))));
        program.add(init(sum, num(0)));
        for (int k = 0; k < 10; k++) {
            program.add(loop("i" + k, plusEquals(sum, mul(local(factor), load(x, var("i" + k))))));
        }
        program.add(ret(local(sum)));
        Array slots = new Array(temp("carried", 3), Dim.of(2), Dim.ONE, Array.Role.CARRIED);
        List<Stmt> split = Splitter.split(program, 150, n -> new Array(slots.name(), n, Dim.ONE, Array.Role.CARRIED),
                k -> "valuePart" + k);
        assertTrue(split.size() > 1, "split into parts");
        assertTrue(split.stream().allMatch(s -> s instanceof Stmt.Part));
        for (Stmt s : split) {
            assertTrue(SizeEstimate.of(((Stmt.Part) s).body(), 0) <= 150 + 50, "each part stays small");
        }
        Stmt.Part first = (Stmt.Part) split.get(0);
        Stmt.Part last = (Stmt.Part) split.get(split.size() - 1);
        assertEquals("valuePart1", first.method());
        // The first part stores what later parts read; the last reads it back and returns the value.
        assertEquals(store(slots, at(0), local(factor)), first.body().get(first.body().size() - 2));
        assertEquals(store(slots, at(1), local(sum)), first.body().get(first.body().size() - 1));
        assertEquals(init(factor, load(slots, at(0))), last.body().get(0));
        assertEquals(init(sum, load(slots, at(1))), last.body().get(1));
        assertTrue(last.returnsValue());
        // Nothing is lost: the parts' own statements are the body's, in order.
        List<Stmt> own = new ArrayList<>();
        split.forEach(s -> ((Stmt.Part) s).body().stream()
                .filter(t -> !(t instanceof Stmt.Store st && st.array().role() == Array.Role.CARRIED))
                .filter(t -> !(t instanceof Stmt.Init i && i.value() instanceof Val.Load l
                        && l.array().role() == Array.Role.CARRIED))
                .forEach(own::add));
        assertEquals(program, own);
    }

    @Test
    void aBodyWithinBudgetIsLeftWhole() {
        List<Stmt> program = body(loop("i", store(out, var("i"), load(x, var("i")))));
        assertEquals(program, Splitter.split(program, 4000, n -> null, k -> "part" + k));
    }

    @Test
    void aBodyWithLoopsGoesIntoAMethodOfItsOwnApartFromTheChecks() {
        Name sum = temp("sum", 1);
        List<Stmt> loops = body(init(sum, num(0)), loop("i", plusEquals(sum, load(x, var("i")))), ret(local(sum)));
        assertEquals(body(new Stmt.Part("valueUnchecked", loops)), Splitter.apartFromChecks(loops, "valueUnchecked"));

        List<Stmt> guarded = body(unlessZero(load(x, at(0)), loop("i", store(out, var("i"), num(1)))));
        assertEquals(body(new Stmt.Part("gradientUnchecked", guarded)),
                Splitter.apartFromChecks(guarded, "gradientUnchecked"));
    }

    @Test
    void aBodyWithoutLoopsOrSplitIntoPartsAlreadyStaysInItsMethod() {
        List<Stmt> straight = body(ret(mul(load(x, at(0)), num(2))));
        assertEquals(straight, Splitter.apartFromChecks(straight, "valueUnchecked"));

        List<Stmt> parts = body(new Stmt.Part("valuePart1", body(loop("i", store(out, var("i"), num(1))))),
                new Stmt.Part("valuePart2", body(ret(num(0)))));
        assertEquals(parts, Splitter.apartFromChecks(parts, "valueUnchecked"));
    }
}

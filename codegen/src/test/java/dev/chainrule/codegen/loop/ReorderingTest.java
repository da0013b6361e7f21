package dev.chainrule.codegen.loop;

import static dev.chainrule.codegen.loop.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.codegen.loop.Stmt.Init;
import dev.chainrule.codegen.loop.Stmt.Let;
import dev.chainrule.codegen.loop.Stmt.Loop;
import dev.chainrule.codegen.loop.Stmt.Return;
import dev.chainrule.codegen.loop.Stmt.Store;
import dev.chainrule.codegen.loop.Stmt.Update;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Reordering moves statements where swapping them backwards past each independent neighbour
 * would, without the walk back that made hoisting and sweep marking quadratic: checked against
 * that walk on random programs of lets, accumulators, loops over arrays and returns.
 */
class ReorderingTest {

    /** The walk it replaces, as Hoisting.scalars and Sweeps.mark had it. */
    private static List<Stmt> bubbled(List<Stmt> body, Predicate<Stmt> moves, Predicate<Stmt> barrier) {
        List<Stmt> out = new ArrayList<>(body);
        for (int k = 1; k < out.size(); k++) {
            if (!moves.test(out.get(k))) {
                continue;
            }
            Effects moving = Effects.of(out.get(k));
            int at = k;
            while (at > 0 && !barrier.test(out.get(at - 1)) && Effects.independent(Effects.of(out.get(at - 1)), moving)) {
                Collections.swap(out, at - 1, at);
                at--;
            }
        }
        return out;
    }

    /** A random program: each statement reads a few earlier locals or arrays and writes one. */
    private static List<Stmt> program(Random random, int size) {
        List<Name> locals = new ArrayList<>(List.of(fixed("a")));
        List<Array> arrays = new ArrayList<>(List.of(parameter("x", N, dev.chainrule.shape.Dim.ONE)));
        List<Name> accumulators = new ArrayList<>();
        List<Stmt> body = new ArrayList<>();
        for (int k = 0; k < size; k++) {
            Val read = local(locals.get(random.nextInt(locals.size())));
            if (random.nextBoolean()) {
                read = add(read, local(locals.get(random.nextInt(locals.size()))));
            }
            int kind = random.nextInt(10);
            if (kind < 5) {
                Name t = temp("t", k);
                body.add(new Let(t, kind < 2 ? add(read, load(arrays.get(random.nextInt(arrays.size())), at(0))) : read));
                locals.add(t);
            } else if (kind < 7 && !accumulators.isEmpty()) {
                Name acc = accumulators.get(random.nextInt(accumulators.size()));
                body.add(new Update(acc, Val.Op.ADD, read));
            } else if (kind < 8) {
                Name acc = temp("sum", k);
                body.add(new Init(acc, num(0)));
                accumulators.add(acc);
                locals.add(acc);
            } else if (kind < 9) {
                Array out = vector("v", k);
                Array in = arrays.get(random.nextInt(arrays.size()));
                Index.Var i = var("i" + k);
                body.add(new Loop(i, N, List.of(new Store(out, i, Index.ZERO, mul(read, load(in, i))))));
                arrays.add(out);
            } else {
                body.add(new Return(read));
            }
        }
        return body;
    }

    @Test
    void movesEachStatementWhereTheWalkBackWouldLeaveIt() {
        Random random = new Random(12);
        for (int trial = 0; trial < 500; trial++) {
            List<Stmt> body = program(random, 1 + random.nextInt(40));
            // Hoisting's use: lets rise past anything independent, never past a return.
            Predicate<Stmt> isLet = s -> s instanceof Let;
            Predicate<Stmt> isReturn = s -> s instanceof Return;
            assertEquals(bubbled(body, isLet, isReturn), Reordering.earliest(body, isLet, isReturn, new Effects.Cache()),
                    body::toString);
            // Sweeps' use: some statements rise, only past the others.
            Predicate<Stmt> odd = s -> (s.hashCode() & 1) == 1;
            assertEquals(bubbled(body, odd, odd.negate()), Reordering.earliest(body, odd, odd.negate(), new Effects.Cache()),
                    body::toString);
        }
    }

    @Test
    void tenThousandIndependentLetsEachRiseToTheFront() {
        // Each rises to the front: the walk back made this 5·10⁷ independence checks.
        List<Stmt> body = new ArrayList<>();
        for (int k = 0; k < 10_000; k++) {
            body.add(new Let(temp("t", k), mul(num(k), local(fixed("a")))));
        }
        List<Stmt> moved = Reordering.earliest(body, s -> s instanceof Let, s -> false, new Effects.Cache());
        List<Stmt> reversed = new ArrayList<>(body);
        Collections.reverse(reversed);
        assertEquals(reversed, moved);
        assertTrue(moved.size() == 10_000);
    }
}

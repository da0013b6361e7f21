package dev.chainrule.codegen.loop;

import static dev.chainrule.codegen.loop.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chainrule.shape.Dim;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one traversal of the loop IR: a mapper reaches every component of every statement and value. */
class TraversalTest {
    private final Array a = new Array(temp("lu", 1), N, N, Array.Role.TEMPORARY);
    private final Array renamed = new Array(fixed("lu"), N, N, Array.Role.TEMPORARY);

    /** One statement of each kind, and each kind of value, all mentioning the array a. */
    private List<Stmt> everyKind() {
        Array pivots = new Array(temp("pivots", 2), N, Dim.ONE, Array.Role.PIVOTS);
        Name sign = temp("sign", 3);
        Name local = temp("t", 4);
        Val value = add(new Val.Negate(load(a, var("i"), var("j"))), new Val.LogSumExpOf(
                new Val.Max(load(a, at(0), at(0)), new Val.Size(N)),
                new Val.Power(new Val.Call(MathFunction.EXP, load(a, at(1), at(1))),
                        new Val.OnDiagonal(var("i"), var("j"), load(a, var("j"), var("i"))))));
        return body(
                new Stmt.Factor(a, a, pivots, sign),
                new Stmt.Invert(a, pivots, sign, a),
                let(local, value), init(local, value), assign(local, value), plusEquals(local, value),
                loop("i", loop("j", store(a, var("i"), var("j"), value), accumulate(a, var("i"), var("j"), value))),
                unlessZero(value, ret(value)),
                new Stmt.Part("part1", List.of(store(a, at(0), at(0), value))),
                new Stmt.Comment("a comment"));
    }

    @Test
    void renamingAnArrayRenamesItEverywhereFactorAndInvertIncluded() {
        List<Stmt> mapped = new Mapper() {
            @Override public Array array(Array array) {
                return array.name().equals(a.name()) ? renamed : array;
            }
        }.body(everyKind());
        List<Array> left = new ArrayList<>();
        new Mapper() {
            @Override public Array array(Array array) {
                left.add(array);
                return array;
            }
        }.body(mapped);
        assertFalse(left.contains(a), "every mention renamed");
        assertEquals(Effects.of(everyKind()).accesses.size(), Effects.of(mapped).accesses.size());
    }

    @Test
    void anIdentityMapperRebuildsAnEqualProgram() {
        assertEquals(everyKind(), new Mapper() {}.body(everyKind()));
    }

    @Test
    void replacingALoopVariableReachesIndicesInsideValues() {
        Index.Var i = var("i");
        List<Stmt> mapped = new Mapper() {
            @Override public Index index(Index index) {
                Index m = index.map(this);
                return m.equals(i) ? at(2) : m;
            }
        }.body(body(store(a, i, at(0), new Val.OnDiagonal(i, at(0), load(a, at(0), i)))));
        assertEquals(body(store(a, at(2), at(0), new Val.OnDiagonal(at(2), at(0), load(a, at(0), at(2))))), mapped);
    }
}

package dev.chainrule.codegen.loop;

import static dev.chainrule.codegen.loop.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.codegen.loop.Stmt.Blocked;
import dev.chainrule.shape.Dim;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loops over the rows run over a range; any other use of the row dimension is refused. */
class RowRestrictionTest {
    private static final Dim.Symbol ROWS = new Dim.Symbol("N");
    private static final Dim.Symbol FROM = new Dim.Symbol("rows.from");
    private static final Dim.Symbol TO = new Dim.Symbol("rows.to");
    private static final Index START = Index.shifted(Index.ZERO, FROM);
    private final Array X = parameter("X", ROWS, N);
    private final Array y = parameter("y", ROWS, Dim.ONE);
    private final Array w = parameter("w", N, Dim.ONE);
    private final Array grad = output("grad", N);
    private final Name sum = temp("sum", 1);

    private static List<Stmt> restrict(List<Stmt> body) {
        return RowRestriction.restrict(body, ROWS, FROM, TO);
    }

    @Test
    void theLoopOverRowsRunsOverTheRangeAndTheLoopsOverColumnsStayWhole() {
        Index.Var i = var("i");
        Index.Var j = var("j");
        Stmt columns = loop(j, N, accumulate(grad, j, mul(load(X, i, j), load(y, i))));
        List<Stmt> body = body(
                loop(j, N, store(grad, j, num(0))),
                init(sum, num(0)),
                loop(i, ROWS, plusEquals(sum, load(y, i)), columns),
                ret(new Val.Binary(Val.Op.DIVIDE, local(sum), new Val.Size(ROWS))));
        assertEquals(body(
                body.get(0),
                body.get(1),
                new Stmt.Loop(i, START, TO, List.of(plusEquals(sum, load(y, i)), columns)),
                body.get(3)), restrict(body));
    }

    @Test
    void aBlockedLoopOverRowsStartsItsBlocksAtTheFirstRow() {
        Index.Var i = var("i");
        Blocked blocked = new Blocked(i, Index.ZERO, ROWS, 4, List.of(plusEquals(sum, load(y, i))),
                List.of(plusEquals(sum, load(y, i))));
        assertEquals(body(new Blocked(i, START, TO, 4, blocked.body(), blocked.remainder())),
                restrict(body(blocked)));
    }

    @Test
    void aBlockOfRowsReadsItsRowsAtTheBlocksIndexPlusLessThanItsSize() {
        Index.Var i = var("i");
        Index third = Index.shifted(i, Dim.of(3));
        Blocked blocked = new Blocked(i, Index.ZERO, ROWS, 4, List.of(plusEquals(sum, load(y, i)),
                plusEquals(sum, load(y, third))), List.of(plusEquals(sum, load(y, i))));
        assertEquals(body(new Blocked(i, START, TO, 4, blocked.body(), blocked.remainder())),
                restrict(body(blocked)));
        Blocked past = new Blocked(i, Index.ZERO, ROWS, 4, List.of(plusEquals(sum, load(y, Index.shifted(i, Dim.of(4))))),
                List.of(plusEquals(sum, load(y, i))));
        assertThrows(RowRestriction.NotRestrictable.class, () -> restrict(body(past)));
        Stmt plain = loop(i, ROWS, plusEquals(sum, load(y, Index.shifted(i, Dim.of(1)))));
        assertThrows(RowRestriction.NotRestrictable.class, () -> restrict(body(plain)));
    }

    @Test
    void everyOtherUseOfTheRowDimensionIsRefused() {
        Index.Var i = var("i");
        Index.Var j = var("j");
        Dim entries = Dim.product(ROWS, N);
        Array flat = parameter("X", entries, Dim.ONE);
        List<List<Stmt>> refused = List.of(
                // All of X's entries in one loop.
                body(loop(i, entries, plusEquals(sum, load(flat, i)))),
                // A row read outside a loop over rows.
                body(plusEquals(sum, load(y, at(0)))),
                // A triangle over the rows.
                body(loop(i, ROWS, new Stmt.Loop(j, i, ROWS, List.of(plusEquals(sum, load(y, j)))))),
                // An array with the rows as its columns.
                body(loop(j, N, store(parameter("Xt", N, ROWS), j, at(0), num(0)))),
                // N·n as a value.
                body(ret(new Val.Size(entries))));
        for (List<Stmt> body : refused) {
            assertThrows(RowRestriction.NotRestrictable.class, () -> restrict(body), body::toString);
        }
    }
}

package dev.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.CalcException;
import dev.chainrule.typing.TypeChecker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link FunctionNames}: the names it gives are the calls the type checker reads back to the same kind of node. */
class FunctionNamesTest {
    private static final Dim N = Dim.of("n");
    private static final Map<String, Shape> DECLARED = Map.of("x", Shape.vector(N), "A", Shape.matrix(N, N));

    @Test
    void everyNameReadsBackAsACallOfThatName() {
        for (String name : FunctionNames.ALL) {
            int read = 0;
            for (String argument : List.of("x", "A")) {
                Expr node;
                try {
                    node = TypeChecker.expression(name + "(" + argument + ")", DECLARED).expr();
                } catch (CalcException wrongShape) {
                    continue; // tr(x), softmax(A): the function takes the other kind of argument
                }
                if (node == Expr.variable(argument, DECLARED.get(argument))) {
                    continue; // vec(x) of a vector is the vector itself
                }
                assertEquals(name, FunctionNames.of(node), () -> name + "(" + argument + ")");
                assertSame(Expr.variable(argument, DECLARED.get(argument)), node.children().get(0));
                read++;
            }
            assertTrue(read > 0, name + " read back with neither argument");
        }
    }

    @Test
    void operatorsLeavesAndMaxAreNotWrittenAsCallsOfOneArgument() {
        Expr x = Expr.variable("x", Shape.vector(N));
        for (Expr node : List.of(x, Expr.scalar(2), Expr.identity(N), Expr.size(N), Expr.add(x, x), Expr.negate(x),
                Expr.transpose(x), Expr.hadamard(x, x), Expr.max(x, x), Expr.product(Expr.transpose(x), x))) {
            assertNull(FunctionNames.of(node), () -> node.getClass().getSimpleName());
        }
    }
}

package dev.chainrule.explain;

import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.shape.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Labels replaced by their values, recursively, without recursion in Java. */
class SubstitutionTest {
    private static final Expr X = Expr.variable("x", Shape.SCALAR);

    @Test
    void replacesLabelsInsideValuesOfLabels() {
        Expr.Variable u = (Expr.Variable) Expr.variable("u", Shape.SCALAR);
        Expr.Variable d = (Expr.Variable) Expr.variable("du/dx", Shape.SCALAR);
        Map<Expr.Variable, Expr> values = new LinkedHashMap<>();
        values.put(u, Expr.apply(Fn.SIN, X));
        values.put(d, Expr.scale(Expr.scalar(2), u));
        assertSame(Expr.add(Expr.scale(Expr.scalar(2), Expr.apply(Fn.SIN, X)), X),
                new Substitution(values).apply(Expr.add(d, X)));
    }

    @Test
    void aChainOfTenThousandLabelsSubstitutesOnAnyStack() {
        Map<Expr.Variable, Expr> values = new LinkedHashMap<>();
        Expr previous = X;
        Expr expected = X;
        for (int i = 1; i <= 10_000; i++) {
            Expr.Variable label = (Expr.Variable) Expr.variable("u" + i, Shape.SCALAR);
            values.put(label, Expr.apply(Fn.TANH, previous));
            expected = Expr.apply(Fn.TANH, expected);
            previous = label;
        }
        assertSame(expected, new Substitution(values).apply(previous));
    }
}

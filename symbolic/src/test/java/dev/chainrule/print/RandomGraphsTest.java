package dev.chainrule.print;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.graph.Traversal;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random well-shaped graphs over every operator, built with the graph's factories rather than
 * parsed: each prints in every format, and its ASCII form reads back as the same node, except where
 * a constant or an identity sits where nothing fixes its size (the type checker then gives it a
 * fresh dimension; see {@link AsciiRoundTripTest#aConstantWhoseSizeNothingFixesGetsAFreshDimension}).
 */
class RandomGraphsTest {
    private static final Dim N = Dim.of("n");
    private static final Shape S = Shape.SCALAR;
    private static final Shape V = Shape.vector(N);
    private static final Shape R = Shape.row(N);
    private static final Shape M = Shape.matrix(N, N);
    private static final Map<String, Shape> DECLARED = Map.of("a", S, "b", S, "x", V, "y", V, "A", M, "B", M);
    private static final double[] VALUES = {1, 2, 0.5, 3e-7, 10};

    private final Random random = new Random(20_26);

    @Test
    void randomGraphsReadBack() {
        int checked = 0;
        for (int i = 0; i < 5_000; i++) {
            Shape[] shapes = {S, V, R, M};
            Expr e = graph(shapes[random.nextInt(shapes.length)], 5);
            for (Format format : Format.values()) {
                Printer.print(e, format);
            }
            Expr back = Fixtures.reread(e, DECLARED);
            if (back != e && hasFreshDimension(back)) {
                continue;
            }
            assertSame(e, back, () -> Printer.print(e, Format.ASCII));
            checked++;
        }
        assertTrue(checked > 4_000, checked + " checked");
    }

    private static boolean hasFreshDimension(Expr e) {
        for (Expr node : Traversal.postOrder(e)) {
            for (Dim d : new Dim[] {node.shape().rows(), node.shape().cols()}) {
                if (!d.equals(N) && !d.equals(Dim.ONE)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Expr graph(Shape s, int depth) {
        if (depth <= 0 || random.nextInt(5) == 0) {
            return leaf(s);
        }
        int d = depth - 1;
        switch (random.nextInt(12)) {
            case 0:
                return Expr.add(graph(s, d), graph(s, d));
            case 1:
                return Expr.negate(graph(s, d));
            case 2:
                return Expr.scale(graph(S, d), graph(s, d));
            case 3:
                return s.isScalar() ? Expr.divide(graph(S, d), graph(S, d)) : Expr.hadamard(graph(s, d), graph(s, d));
            case 4:
                return Expr.divide(graph(s, d), random.nextBoolean() ? graph(s, d) : Expr.expand(graph(S, d), s));
            case 5:
                return Expr.power(graph(s, d), random.nextBoolean() ? graph(s, d) : Expr.expand(graph(S, d), s));
            case 6:
                if (s.isScalar()) {
                    return Expr.product(Expr.transpose(graph(V, d)), graph(V, d));
                }
                if (s.isVector()) {
                    return Expr.product(graph(M, d), graph(V, d));
                }
                if (s.isRow()) {
                    return Expr.product(graph(R, d), graph(M, d));
                }
                return random.nextBoolean() ? Expr.product(graph(M, d), graph(M, d)) : Expr.product(graph(V, d), graph(R, d));
            case 7:
                return s.isScalar() ? Expr.sum(graph(random.nextBoolean() ? V : M, d)) : Expr.transpose(graph(s.transpose(), d));
            case 8:
                return Expr.apply(Fn.values()[random.nextInt(Fn.values().length)], graph(s, d));
            case 9:
                return Expr.max(graph(s, d), random.nextBoolean() ? graph(s, d) : Expr.expand(graph(S, d), s));
            case 10:
                if (s.isScalar()) {
                    return switch (random.nextInt(5)) {
                        case 0 -> Expr.trace(graph(M, d));
                        case 1 -> Expr.det(graph(M, d));
                        case 2 -> Expr.logdet(graph(M, d));
                        case 3 -> Expr.logSumExp(graph(V, d));
                        default -> Expr.norm2(graph(random.nextBoolean() ? V : M, d));
                    };
                }
                if (s.isMatrix()) {
                    return random.nextBoolean() ? Expr.inverse(graph(M, d)) : Expr.diagonalMatrix(graph(V, d));
                }
                return s.isVector() ? Expr.diagonal(graph(M, d)) : Expr.transpose(graph(V, d));
            default:
                return Expr.subtract(graph(s, d), random.nextBoolean() ? graph(s, d) : Expr.expand(graph(S, d), s));
        }
    }

    private Expr leaf(Shape s) {
        int k = random.nextInt(6);
        if (s.isScalar()) {
            return k < 3 ? Expr.variable(k == 0 ? "a" : "b", S) : k == 3 ? Expr.size(N) : Expr.scalar(VALUES[random.nextInt(VALUES.length)]);
        }
        if (s.isRow()) {
            return Expr.transpose(leaf(V));
        }
        if (s.isVector()) {
            return k < 4 ? Expr.variable(k % 2 == 0 ? "x" : "y", V)
                    : k == 4 ? Expr.constant(1 + random.nextInt(3), V) : Expr.scale(Expr.variable("a", S), Expr.ones(V));
        }
        return k < 4 ? Expr.variable(k % 2 == 0 ? "A" : "B", M) : k == 4 ? Expr.identity(N) : Expr.constant(2, M);
    }
}

package dev.chainrule.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.graph.Traversal;
import dev.chainrule.testing.property.Property;
import dev.chainrule.testing.property.Settings;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The expression generator covers the whole language, keeps its promises, and its shrinker keeps
 * expressions well-shaped.
 */
class GeneratorTest {

    /** Every operator, every function, every kind of product, shapes and dimensions of every kind. */
    static List<String> required() {
        List<String> features = Stream.of("Variable", "Constant", "Identity", "Size", "Add", "Negate", "Scale",
                "Hadamard", "Divide", "Power", "Product", "Transpose", "Apply", "Max", "Sum", "Norm2", "LogSumExp", "Softmax", "Trace",
                "Det", "LogDet", "Inverse", "DiagonalMatrix", "Diagonal", "shape:SCALAR", "shape:VECTOR", "shape:ROW",
                "shape:MATRIX", "dim:symbolic", "dim:fixed", "Product:MATRIX*MATRIX", "Product:MATRIX*VECTOR",
                "Product:ROW*MATRIX", "Product:ROW*VECTOR", "Product:VECTOR*ROW",
                // the whole of matrix calculus: vectors and blocks written out, entries and slices,
                // Kronecker products, vec and reshapes, commutation matrices, symmetric variables
                "Block", "Block:stack", "Block:ROW", "Block:MATRIX", "Slice", "Slice:VECTOR->SCALAR",
                "Slice:MATRIX->SCALAR", "Slice:ROW->SCALAR", "Slice:VECTOR->VECTOR", "Slice:MATRIX->VECTOR",
                "Slice:MATRIX->ROW", "Slice:MATRIX->MATRIX", "Kronecker", "Reshape", "Commutation", "symmetric",
                "dim:compound").collect(Collectors.toList());
        for (Fn fn : Fn.values()) {
            features.add("Apply:" + fn.symbol());
        }
        // Derivatives by every kind of variable, through matrix-valued steps.
        features.addAll(List.of("wrt:SCALAR", "wrt:VECTOR", "wrt:MATRIX", "wrt:symmetric", "wrt read by a matrix"));
        return features;
    }

    @Test
    void everyOperatorFunctionAndShapeAppears() {
        long seed = Settings.seed(null);
        Random random = new Random(seed);
        Map<String, Integer> counts = new TreeMap<>();
        int deepest = 0;
        long nodes = 0;
        // Enough expressions that a feature met about once in a hundred is met five times all but surely.
        int n = 3000;
        for (int i = 0; i < n; i++) {
            ExprGen.Options options = new ExprGen.Options(ExprGen.Output.values()[i % 4], i % 3 == 0, true);
            Case c = ExprGen.generate(random, i * 101 / n, options);
            for (String f : ExprGen.features(c.expr())) {
                counts.merge(f, 1, Integer::sum);
            }
            deepest = Math.max(deepest, ExprGen.depth(c.expr()));
            nodes += dev.chainrule.graph.Traversal.size(c.expr());
            assertTrue(Canonical.isCanonical(c.expr()), "not canonical: " + c.show());
            assertTrue(Sizes.fit(c.expr(), c.sizes()), "sizes that do not fit: " + c.show());
            if (options.wrt()) {
                Expr.Variable x = c.wrtVariable();
                assertTrue(x != null, "does not read " + c.wrt() + ": " + c.show());
                counts.merge("wrt:" + (x.symmetric() ? "symmetric" : x.shape().kind()), 1, Integer::sum);
                if (Traversal.dependents(c.expr(), x).stream().anyMatch(node -> node.shape().isMatrix())) {
                    counts.merge("wrt read by a matrix", 1, Integer::sum);
                }
            }
        }
        System.out.println("generator (seed " + seed + "): " + n + " expressions, " + nodes / n + " nodes on average, depth up to "
                + deepest + "; expressions containing each feature: " + counts);
        List<String> missing = required().stream().filter(f -> counts.getOrDefault(f, 0) < 5).toList();
        assertTrue(missing.isEmpty(), "features in fewer than 5 of " + n + " expressions: " + missing);
        assertTrue(deepest >= 8, "deepest " + deepest);
    }

    @Test
    void shrinkingKeepsShapesAndPromises() {
        ExprGen.Options options = new ExprGen.Options(ExprGen.Output.ANY, true, true);
        AtomicInteger candidates = new AtomicInteger();
        Property.forAll("shrink candidates are well-shaped, canonical and keep the kind of value", ExprGen.cases(options))
                .tries(1000)
                .show(Case::show)
                .check(c -> ExprGen.shrink(c, options).limit(200).forEach(s -> {
                    candidates.incrementAndGet();
                    Expr e = s.expr();
                    // The same kind of value; lowering a fixed dimension may change its size.
                    assertEquals(c.expr().shape().kind(), e.shape().kind());
                    assertTrue(Canonical.isCanonical(e));
                    assertTrue(Sizes.fit(e, s.sizes()), "sizes that do not fit: " + s.show());
                    assertTrue(dev.chainrule.graph.Traversal.size(e) < dev.chainrule.graph.Traversal.size(c.expr())
                            || !e.equals(c.expr()) || !s.sizes().equals(c.sizes()), "not simpler");
                }));
        assertTrue(candidates.get() > 1000, "few candidates: " + candidates);
    }
}

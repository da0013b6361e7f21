package dev.chainrule.codegen.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rewrites that choose how a value is computed, each on a small graph with the expected result. */
class LoweringRewritesTest {
    private final Dim m = Dim.of("m");
    private final Dim n = Dim.of("n");
    private final Expr a = Expr.variable("A", Shape.matrix(m, n));
    private final Expr lambda = Expr.variable("lambda", Shape.SCALAR);
    private final Expr two = Expr.scalar(2);

    @Test
    void aScaledSumOfMatricesWithAProductScalesEachTermSoTheProductNeedsNoWorkspace() {
        Expr gram = Expr.product(Expr.transpose(a), a);
        Expr ridgeHessian = Expr.scale(two, Expr.add(gram, Expr.scale(lambda, Expr.identity(n))));
        List<Expr> rewritten = LoweringRewrites.apply(List.of(ridgeHessian));
        assertEquals(List.of(Expr.add(Expr.scale(two, gram), Expr.scale(two, Expr.scale(lambda, Expr.identity(n))))),
                rewritten);
    }

    @Test
    void aScaledSumThatIsAlsoUsedElsewhereOrHasNoProductIsKept() {
        Expr sum = Expr.add(Expr.product(Expr.transpose(a), a), Expr.identity(n));
        Expr scaled = Expr.scale(two, sum);
        Expr both = Expr.add(scaled, sum);
        assertSame(both, LoweringRewrites.apply(List.of(both)).get(0), "the sum is computed once for both uses");
        Expr b = Expr.variable("B", Shape.matrix(n, n));
        Expr noProduct = Expr.scale(two, Expr.add(b, Expr.identity(n)));
        assertSame(noProduct, LoweringRewrites.apply(List.of(noProduct)).get(0), "one loop either way");
    }
}

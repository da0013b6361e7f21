package dev.chainrule.benchmarks.models;

import dev.chainrule.benchmarks.engines.ForwardMode;
import dev.chainrule.benchmarks.engines.HandWritten;
import examples.ridge.Ridge;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/** The Hessian of ridge regression ‖Ax − y‖² + λ‖x‖², 2AᵀA + 2λI, for a 500 × 100 A. */
final class RidgeHessian extends Model {
    private static final int ROWS = 500;
    private static final int COLUMNS = 100;
    private final Ridge generated = new Ridge(ROWS, COLUMNS);
    private final double[] A;
    private final double[] x;
    private final double[] y;
    private final double[] lambda;

    RidgeHessian() {
        super("ridgeHessian", "ridge regression's Hessian, 500 × 100", "ridge.calc", "ridge",
                Map.of("m", ROWS, "n", COLUMNS), List.of("x"), Derivative.HESSIAN);
        A = argument("A", gaussian(ROWS * COLUMNS));
        x = argument("x", gaussian(COLUMNS));
        y = argument("y", gaussian(ROWS));
        lambda = argument("lambda", new double[] {0.5});
    }

    @Override
    protected Evaluation generated() {
        Map<String, double[]> g = newGradients();
        double[] h = g.get("x");
        return Evaluation.of(g, () -> {
            generated.hessianX(A, x, y, lambda[0], h);
            return h[0];
        });
    }

    @Override
    protected Evaluation generatedGradient() {
        double[] gx = new double[COLUMNS];
        return Evaluation.of(Map.of("x", gx), () -> generated.valueAndGradient(A, x, y, lambda[0], gx));
    }

    @Override
    protected DoubleSupplier generatedValue() {
        return () -> generated.value(A, x, y, lambda[0]);
    }

    @Override
    protected Evaluation handWritten() {
        Map<String, double[]> g = newGradients();
        double[] h = g.get("x");
        return Evaluation.of(g, () -> {
            HandWritten.ridgeHessian(A, lambda[0], ROWS, COLUMNS, h);
            return h[0];
        });
    }

    @Override
    protected Evaluation hipparchus() {
        Map<String, double[]> g = newGradients();
        double[] h = g.get("x");
        return Evaluation.of(g, () -> {
            ForwardMode.ridgeHessian(A, x, y, lambda[0], ROWS, COLUMNS, h);
            return h[0];
        });
    }

    @Override
    public Object generatedInstance() {
        return generated;
    }
}

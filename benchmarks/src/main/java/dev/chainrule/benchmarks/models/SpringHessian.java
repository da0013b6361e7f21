package dev.chainrule.benchmarks.models;

import dev.chainrule.benchmarks.engines.ForwardMode;
import dev.chainrule.benchmarks.engines.HandWritten;
import examples.spring.SpringEnergy;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/** The Hessian of the spring's energy k/2 (‖p − q‖ − rest)² with respect to p: fixed sizes, unrolled code. */
final class SpringHessian extends Model {
    private final SpringEnergy generated = new SpringEnergy();
    private final double[] p;
    private final double[] q;
    private final double[] k;
    private final double[] rest;

    SpringHessian() {
        super("springHessian", "spring energy's Hessian, fixed 3-vectors", "spring.calc", "spring_energy", Map.of(),
                List.of("p"), Derivative.HESSIAN);
        p = argument("p", gaussian(3));
        q = argument("q", gaussian(3));
        k = argument("k", new double[] {2.0});
        rest = argument("rest", new double[] {0.5});
    }

    @Override
    protected Evaluation generated() {
        Map<String, double[]> g = newGradients();
        double[] h = g.get("p");
        return Evaluation.of(g, () -> {
            generated.hessianP(p, q, k[0], rest[0], h);
            return h[0];
        });
    }

    @Override
    protected Evaluation generatedGradient() {
        double[] gp = new double[3];
        double[] gq = new double[3];
        return Evaluation.of(Map.of("p", gp), () -> generated.valueAndGradient(p, q, k[0], rest[0], gp, gq));
    }

    @Override
    protected DoubleSupplier generatedValue() {
        return () -> generated.value(p, q, k[0], rest[0]);
    }

    @Override
    protected Evaluation handWritten() {
        Map<String, double[]> g = newGradients();
        double[] h = g.get("p");
        return Evaluation.of(g, () -> {
            HandWritten.springHessian(p, q, k[0], rest[0], h);
            return h[0];
        });
    }

    @Override
    protected Evaluation hipparchus() {
        Map<String, double[]> g = newGradients();
        double[] h = g.get("p");
        return Evaluation.of(g, () -> {
            ForwardMode.springHessian(p, q, k[0], rest[0], h);
            return h[0];
        });
    }

    @Override
    public Object generatedInstance() {
        return generated;
    }
}

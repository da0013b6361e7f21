package dev.chainrule.benchmarks.models;

import dev.chainrule.benchmarks.engines.ForwardMode;
import dev.chainrule.benchmarks.engines.HandWritten;
import examples.spring.SpringEnergy;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/** A spring's energy k/2 (‖p − q‖ − rest)² between two points in space: fixed sizes, unrolled code. */
final class Spring extends Model {
    private final SpringEnergy generated = new SpringEnergy();
    private final double[] p;
    private final double[] q;
    private final double[] k;
    private final double[] rest;

    Spring() {
        super("spring", "spring energy, fixed 3-vectors", "spring.calc", "spring_energy", Map.of(), List.of("p", "q"));
        p = argument("p", gaussian(3));
        q = argument("q", gaussian(3));
        k = argument("k", new double[] {2.0});
        rest = argument("rest", new double[] {0.5});
    }

    @Override
    protected Evaluation generated() {
        Map<String, double[]> g = newGradients();
        double[] gp = g.get("p");
        double[] gq = g.get("q");
        return Evaluation.of(g, () -> generated.valueAndGradient(p, q, k[0], rest[0], gp, gq));
    }

    @Override
    protected DoubleSupplier generatedValue() {
        return () -> generated.value(p, q, k[0], rest[0]);
    }

    @Override
    protected Evaluation handWritten() {
        Map<String, double[]> g = newGradients();
        double[] gp = g.get("p");
        double[] gq = g.get("q");
        return Evaluation.of(g, () -> HandWritten.spring(p, q, k[0], rest[0], gp, gq));
    }

    @Override
    protected Evaluation hipparchus() {
        Map<String, double[]> g = newGradients();
        double[] gp = g.get("p");
        double[] gq = g.get("q");
        return Evaluation.of(g, () -> ForwardMode.spring(p, q, k[0], rest[0], gp, gq));
    }

    @Override
    public Object generatedInstance() {
        return generated;
    }
}

package dev.chainrule.testing.property;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/** Shrink functions for numbers, for writing shrinkers of one's own. */
public final class Shrinking {
    private Shrinking() {}

    /**
     * Integers between {@code target} and {@code value}, nearest to the target first: the target,
     * then halfway, three quarters of the way, and so on up to one step from {@code value}.
     */
    public static IntStream towards(int value, int target) {
        if (value == target) {
            return IntStream.empty();
        }
        long distance = (long) value - target;
        long sign = Long.signum(distance);
        long magnitude = Math.abs(distance);
        return IntStream.range(0, 64)
                .mapToLong(i -> magnitude >> i)
                .takeWhile(step -> step != 0)
                .mapToInt(step -> (int) (value - sign * step))
                .distinct();
    }

    /**
     * Doubles simpler than {@code value}, each strictly nearer to {@code target}: the target, then
     * {@code value} cut towards the target to a whole number, to one and to three decimals, then
     * {@code value} moved half, a quarter, ... of the way to the target, down to steps of a
     * millionth: a failure near a boundary (3.19 failing {@code x < π}) shrinks to the boundary
     * itself, not to wherever the coarsest step that still fails happens to leave it. Non-finite
     * values shrink to the target and to 1.
     */
    public static DoubleStream simplerDoubles(double value, double target) {
        if (value == target || Double.isNaN(target)) {
            return DoubleStream.empty();
        }
        Set<Double> candidates = new LinkedHashSet<>();
        candidates.add(target);
        if (!Double.isFinite(value)) {
            candidates.add(1.0);
            return candidates.stream().mapToDouble(Double::doubleValue);
        }
        double distance = Math.abs(value - target);
        for (double scale : new double[] {1, 10, 1000}) {
            double cut = value > target ? Math.floor(value * scale) / scale : Math.ceil(value * scale) / scale;
            candidates.add(cut);
        }
        for (int k = 1; k <= 40 && distance / Math.scalb(1.0, k) > 1e-6; k++) {
            candidates.add(value - (value - target) / Math.scalb(1.0, k));
        }
        return candidates.stream().mapToDouble(Double::doubleValue)
                .filter(c -> Math.abs(c - target) < distance);
    }
}

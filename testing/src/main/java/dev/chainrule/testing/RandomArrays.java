package dev.chainrule.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Random arguments for a {@code @ParameterizedTest}: one parameter per shape, a {@code double}
 * for a scalar and a row-major {@code double[]} for a vector or a matrix.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @RandomArrays(value = {"vector[n]", "scalar", "matrix[N,n]", "vector[N]"}, dims = "n=3, N=5", count = 20)
 * void gradientIsRight(double[] w, double b, double[] X, double[] y) { ... }
 * }</pre>
 *
 * <p>The seed is the run's unless set: fresh every run, or {@code -Dchainrule.seed=S}; the provider
 * prints it ({@code @RandomArrays Class.method: 20 sets, seed S}) so that a failure can be replayed.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ArgumentsSource(RandomArraysProvider.class)
public @interface RandomArrays {
    /** For {@link #seed()}: use the run's seed. */
    long RUN_SEED = Long.MIN_VALUE;

    /** The parameters' shapes: {@code scalar}, {@code vector[3]}, {@code matrix[2,3]}, or with named sizes. */
    String[] value();

    /** Sizes of named dimensions, as in {@code "n=3, N=5"}. */
    String dims() default "";

    /** How many sets of arguments. */
    int count() default 10;

    /** Entries are uniform in [min, max). */
    double min() default -1;

    /** Entries are uniform in [min, max). */
    double max() default 1;

    /** What square matrices to make: general, or safe for inv, det and logdet. */
    ArrayGen.MatrixKind matrices() default ArrayGen.MatrixKind.GENERAL;

    /** A fixed seed; the run's seed unless set. */
    long seed() default RUN_SEED;
}

package dev.chainrule.benchmarks.models;

import dev.chainrule.benchmarks.engines.FiniteDifferences;
import dev.chainrule.benchmarks.engines.HessianDifferences;
import dev.chainrule.benchmarks.engines.Interpreted;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * A function of {@code generated-examples} at the suite's sizes, with seeded random inputs, and its
 * value and gradient as each {@link Engine} computes them.
 *
 * <p>Inputs are arrays by parameter name, a scalar as an array of length one, so that the engines
 * that work on any model (the interpreter, finite differences) can treat every parameter alike.
 * Every engine reads the same arrays and writes its gradient into arrays of its own.
 */
public abstract class Model {
    /** What the engines compute besides the value: the gradient, or the Hessian of one variable. */
    public enum Derivative { GRADIENT, HESSIAN }

    private final String key;
    private final String title;
    private final String calcFile;
    private final String function;
    private final Map<String, Integer> dimensions;
    private final List<String> wrt;
    private final Derivative derivative;
    private final Map<String, double[]> arguments = new LinkedHashMap<>();
    private final Random random = new Random(42);

    /**
     * @param key the benchmarks' {@code model} parameter
     * @param title how the report names the model, sizes included
     * @param calcFile the {@code .calc} file under {@code generated-examples/src/main/calculus}
     * @param function the function of that file
     * @param dimensions the sizes of its symbolic dimensions
     * @param wrt the variables of its gradient, in the generated method's order
     */
    protected Model(String key, String title, String calcFile, String function, Map<String, Integer> dimensions,
                    List<String> wrt) {
        this(key, title, calcFile, function, dimensions, wrt, Derivative.GRADIENT);
    }

    /**
     * A model whose engines compute {@code derivative}: for a Hessian, {@code wrt} names its one
     * variable, and each engine writes the n × n Hessian (row-major) under that name.
     */
    protected Model(String key, String title, String calcFile, String function, Map<String, Integer> dimensions,
                    List<String> wrt, Derivative derivative) {
        if (derivative == Derivative.HESSIAN && wrt.size() != 1) {
            throw new IllegalArgumentException("a Hessian is of one variable, not " + wrt);
        }
        this.derivative = derivative;
        this.key = key;
        this.title = title;
        this.calcFile = calcFile;
        this.function = function;
        this.dimensions = Map.copyOf(dimensions);
        this.wrt = List.copyOf(wrt);
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public String calcFile() {
        return calcFile;
    }

    public String function() {
        return function;
    }

    public Map<String, Integer> dimensions() {
        return dimensions;
    }

    public List<String> wrt() {
        return wrt;
    }

    public Derivative derivative() {
        return derivative;
    }

    /** The inputs, by parameter name in the function's order; scalars are arrays of length one. */
    public Map<String, double[]> arguments() {
        return Collections.unmodifiableMap(arguments);
    }

    /**
     * The number of scalar unknowns: finite differences make twice this many calls, plus one (of the
     * value for a gradient, of the gradient for a Hessian).
     */
    public int unknowns() {
        return wrt.stream().mapToInt(name -> arguments.get(name).length).sum();
    }

    /**
     * The bytes and flops one call of the value and gradient must move and do, for the roofline;
     * empty for the models the roofline does not cover.
     */
    public Optional<Work> work() {
        return Optional.empty();
    }

    /**
     * The instance of the generated class this model's {@link #generated()} calls, for the
     * benchmarks that call each of its public methods ({@code AllocationBenchmark}).
     */
    public abstract Object generatedInstance();

    /** chainrule's generated class. */
    protected abstract Evaluation generated();

    /** The generated class's value method, on this model's arguments (read when called, not when made). */
    protected abstract DoubleSupplier generatedValue();

    /** The same math written by hand. */
    protected abstract Evaluation handWritten();

    /** Hipparchus's forward-mode automatic differentiation. */
    protected abstract Evaluation hipparchus();

    /** chainrule's interpreter on the formulas chainrule derives from the model's {@code .calc} source. */
    protected Evaluation interpreter() {
        Interpreted interpreted = Interpreted.of(this);
        return Evaluation.of(interpreted.gradients(), interpreted::run);
    }

    /**
     * The generated class's gradient with respect to the variable of a Hessian model (the gradient
     * its finite differences differentiate); a gradient model's is {@link #generated()}.
     */
    protected Evaluation generatedGradient() {
        return generated();
    }

    /** Central differences of the generated value method, or for a Hessian, of the generated gradient. */
    protected Evaluation finiteDifferences() {
        if (derivative == Derivative.HESSIAN) {
            Evaluation gradient = generatedGradient();
            String variable = wrt.get(0);
            HessianDifferences differences = new HessianDifferences(gradient::run, gradient.gradients().get(variable),
                    arguments.get(variable));
            return Evaluation.of(Map.of(variable, differences.hessian()), differences::run);
        }
        FiniteDifferences differences = new FiniteDifferences(generatedValue(), arguments, wrt);
        return Evaluation.of(differences.gradients(), differences::run);
    }

    // ---- for the models' constructors ---------------------------------------------------------------

    /** Declares the next parameter with the given values. */
    protected final double[] argument(String name, double[] values) {
        arguments.put(name, values);
        return values;
    }

    protected final double[] gaussian(int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    /** Random labels in {−1, 1}. */
    protected final double[] signs(int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextBoolean() ? 1 : -1;
        }
        return values;
    }

    /**
     * Fresh arrays for an engine's derivative: shaped like the variables of {@link #wrt()} for a
     * gradient, n × n for the Hessian of a variable of n entries.
     */
    protected final Map<String, double[]> newGradients() {
        Map<String, double[]> gradients = new LinkedHashMap<>();
        for (String name : wrt) {
            int n = arguments.get(name).length;
            gradients.put(name, new double[derivative == Derivative.HESSIAN ? n * n : n]);
        }
        return gradients;
    }

    @Override
    public String toString() {
        return key;
    }
}

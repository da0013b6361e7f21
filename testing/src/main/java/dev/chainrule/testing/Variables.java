package dev.chainrule.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Named arrays, the arguments of a function of several variables: scalars, vectors and row-major
 * matrices, in the order they were added. A point to check a gradient at, and the gradient
 * itself, which has the same variables and shapes.
 *
 * <pre>{@code
 * Variables point = Variables.of()
 *         .vector("w", 0.5, -1.0, 2.0)
 *         .scalar("b", 0.1);
 * double[] w = point.array("w");   // the live array: writes change the point
 * double b = point.scalar("b");
 * }</pre>
 *
 * <p>A scalar is held as an array of length 1, the way generated classes take a scalar's
 * gradient ({@code double[] gradB}); {@link #array} returns that array.
 */
public final class Variables {

    /** One variable: its name, its rows and columns (1 × 1 for a scalar, n × 1 for a vector). */
    public record Variable(String name, Kind kind, int rows, int cols) {
        /** What a variable holds. */
        public enum Kind { SCALAR, VECTOR, MATRIX }

        /** The number of entries. */
        public int size() {
            return rows * cols;
        }

        /** The name of entry {@code index}: {@code b}, {@code w[2]} or {@code X[1,0]}. */
        public String entry(int index) {
            return switch (kind) {
                case SCALAR -> name;
                case VECTOR -> name + "[" + index + "]";
                case MATRIX -> name + "[" + index / cols + "," + index % cols + "]";
            };
        }

        /** {@code scalar}, {@code vector[3]} or {@code matrix[2,3]}. */
        public String shape() {
            return switch (kind) {
                case SCALAR -> "scalar";
                case VECTOR -> "vector[" + rows + "]";
                case MATRIX -> "matrix[" + rows + "," + cols + "]";
            };
        }
    }

    private final Map<String, Variable> variables = new LinkedHashMap<>();
    private final Map<String, double[]> values = new LinkedHashMap<>();

    private Variables() {}

    /** No variables yet; add them with {@link #scalar}, {@link #vector} and {@link #matrix}. */
    public static Variables of() {
        return new Variables();
    }

    /** Adds a scalar. */
    public Variables scalar(String name, double value) {
        return add(new Variable(name, Variable.Kind.SCALAR, 1, 1), new double[] {value});
    }

    /** Adds a vector; the array is held, not copied. */
    public Variables vector(String name, double... entries) {
        if (entries.length == 0) {
            throw new IllegalArgumentException("vector " + name + " needs at least one entry");
        }
        return add(new Variable(name, Variable.Kind.VECTOR, entries.length, 1), entries);
    }

    /** Adds a {@code rows × cols} matrix whose entries are row-major; the array is held, not copied. */
    public Variables matrix(String name, int rows, int cols, double... rowMajor) {
        if (rows < 1 || cols < 1 || (long) rows * cols != rowMajor.length) {
            throw new IllegalArgumentException("matrix " + name + " is " + rows + "×" + cols + " and needs "
                    + (long) rows * cols + " entries, not " + rowMajor.length);
        }
        return add(new Variable(name, Variable.Kind.MATRIX, rows, cols), rowMajor);
    }

    private Variables add(Variable variable, double[] data) {
        Objects.requireNonNull(variable.name(), "name");
        if (variables.containsKey(variable.name())) {
            throw new IllegalArgumentException("two variables named " + variable.name());
        }
        variables.put(variable.name(), variable);
        values.put(variable.name(), Objects.requireNonNull(data, "data"));
        return this;
    }

    /** The variables, in order. */
    public List<Variable> variables() {
        return Collections.unmodifiableList(new ArrayList<>(variables.values()));
    }

    /** The variable called {@code name}. */
    public Variable variable(String name) {
        Variable v = variables.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no variable " + name + "; there are " + variables.keySet());
        }
        return v;
    }

    /** The live array of a variable (length 1 for a scalar): what a generated method takes. */
    public double[] array(String name) {
        variable(name);
        return values.get(name);
    }

    /** The value of a scalar variable. */
    public double scalar(String name) {
        Variable v = variable(name);
        if (v.kind() != Variable.Kind.SCALAR) {
            throw new IllegalArgumentException(name + " is " + v.shape() + ", not a scalar: use array(\"" + name + "\")");
        }
        return values.get(name)[0];
    }

    /** The number of entries of all variables together. */
    public int size() {
        return variables.values().stream().mapToInt(Variable::size).sum();
    }

    /** A deep copy. */
    public Variables copy() {
        Variables copy = new Variables();
        variables.forEach((name, v) -> copy.add(v, values.get(name).clone()));
        return copy;
    }

    /** The same variables and shapes, every entry 0: a place for a gradient. */
    public Variables zeros() {
        Variables zeros = new Variables();
        variables.forEach((name, v) -> zeros.add(v, new double[v.size()]));
        return zeros;
    }

    /** All entries, variable after variable. */
    public double[] flatten() {
        double[] flat = new double[size()];
        int offset = 0;
        for (double[] data : values.values()) {
            System.arraycopy(data, 0, flat, offset, data.length);
            offset += data.length;
        }
        return flat;
    }

    /** The variable and index within it of entry {@code flatIndex} of {@link #flatten}. */
    Map.Entry<Variable, Integer> locate(int flatIndex) {
        int offset = flatIndex;
        for (Variable v : variables.values()) {
            if (offset < v.size()) {
                return Map.entry(v, offset);
            }
            offset -= v.size();
        }
        throw new IndexOutOfBoundsException(flatIndex);
    }

    /** {@code w = [0.5, -1.0, 2.0], b = 0.1}, with long arrays abbreviated. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Variable v : variables.values()) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(v.name()).append(" = ");
            double[] data = values.get(v.name());
            if (v.kind() == Variable.Kind.SCALAR) {
                s.append(format(data[0]));
            } else {
                s.append('[');
                int shown = Math.min(data.length, 12);
                for (int i = 0; i < shown; i++) {
                    s.append(i > 0 ? (v.kind() == Variable.Kind.MATRIX && i % v.cols() == 0 ? "; " : ", ") : "")
                            .append(format(data[i]));
                }
                s.append(shown < data.length ? ", … (" + data.length + " entries)]" : "]");
            }
        }
        return s.toString();
    }

    static String format(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return String.format(Locale.ROOT, "%.1f", x);
        }
        return String.format(Locale.ROOT, "%.6g", x);
    }
}

package dev.chainrule.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The numbers section: a point, typed or drawn from a seed, and at it the function's value and
 * each derivative from three independent sources side by side: the reference interpreter, the
 * generated class compiled in memory, and central finite differences of the interpreter.
 */
final class Numbers {
    private Numbers() {}

    /** The dimension a symbol takes when the page does not say. */
    static final int DEFAULT_DIMENSION = 3;
    /** The step of the central differences, relative to the entry: about the cube root of ε. */
    private static final double STEP = 6.0e-6;
    /** Interpreter and compiled class agree when they differ by no more than this, relative to the largest entry. */
    private static final double SAME = 1e-9;
    /** Finite differences agree within this, relative to the largest entry: their error is about STEP². */
    private static final double CLOSE = 1e-5;

    /** What to evaluate: dimensions by symbol, and either a seed for random values or typed values by name. */
    record Request(Map<String, Integer> dimensions, Long seed, Map<String, String> values) {}

    static Map<String, Object> evaluate(Pipeline pipeline, Pipeline.Function function, Request request, Limits limits,
                                        Deadline deadline) {
        Map<String, Integer> dimensions = dimensions(function, request.dimensions(), limits);
        long largest = Pipeline.largestEntries(function, dimensions);
        for (Pipeline.Param p : function.params()) {
            largest = Math.max(largest, entries(p, dimensions));
        }
        if (largest > limits.maxEntries()) {
            String field = function.dimensions().isEmpty() ? "request" : "dimension:" + function.dimensions().get(0);
            throw new Problem.InputError(new Problem(field, 1, 1, 1, "at these sizes a result or an intermediate value"
                    + " would hold " + (largest == Long.MAX_VALUE ? "more than 9e18" : String.format("%,d", largest))
                    + " numbers; the page evaluates up to " + String.format("%,d", limits.maxEntries())
                    + ": choose smaller dimensions"));
        }
        Map<String, Array> point = request.seed() != null ? random(function, dimensions, request.seed())
                : typed(function, dimensions, request.values());
        deadline.check();

        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Array> interpreted = new LinkedHashMap<>();
        Map<String, String> interpreterNotes = new LinkedHashMap<>();
        interpret("value", function.body(), point, dimensions, interpreted, interpreterNotes);
        for (Pipeline.Derivative d : function.derivatives()) {
            deadline.check();
            interpret(d.id(), d.expr(), point, dimensions, interpreted, interpreterNotes);
        }

        Map<String, Array> compiled = Map.of();
        String compiledNote = null;
        if (function.java() == null) {
            compiledNote = function.javaProblem();
        } else if (function.java().length() > limits.maxJavaChars()) {
            compiledNote = "not compiled: the class has " + String.format("%,d", function.java().length())
                    + " characters; the page compiles up to " + String.format("%,d", limits.maxJavaChars());
        } else {
            deadline.check();
            try {
                compiled = pipeline.compiled(function, point, dimensions);
            } catch (RuntimeException e) {
                compiledNote = "the compiled class failed: " + e.getMessage();
            }
        }

        rows.add(row("value", function.label(), interpreted, interpreterNotes, compiled, compiledNote, null, null));
        for (Pipeline.Derivative d : function.derivatives()) {
            deadline.check();
            Array check = null;
            String checkNote = null;
            Array reference = interpreted.get(d.id());
            Array variable = point.get(d.by());
            if (reference == null) {
                checkNote = "no interpreter value to check";
            } else if (variable.size() > limits.maxDifferenceEntries()) {
                checkNote = "not checked: " + d.by() + " has " + variable.size() + " entries; the page checks up to "
                        + limits.maxDifferenceEntries();
            } else {
                try {
                    check = differences(d, point, dimensions, reference, deadline);
                } catch (IllegalArgumentException e) {
                    checkNote = "finite differences failed: " + e.getMessage();
                }
            }
            String note = d.inClass() ? compiledNote : "the generated class has no method for this block";
            rows.add(row(d.id(), d.label(), interpreted, interpreterNotes, d.inClass() ? compiled : Map.of(), note,
                    check, checkNote));
        }

        Map<String, Object> values = new LinkedHashMap<>();
        point.forEach((name, a) -> values.put(name, a.toJson()));
        Map<String, Object> reply = Json.object("ok", true, "function", function.name(),
                "dimensions", new LinkedHashMap<String, Object>(dimensions), "seed", request.seed(),
                "values", values, "quantities", rows);
        return reply;
    }

    private static void interpret(String id, dev.chainrule.graph.Expr expr, Map<String, Array> point,
                                  Map<String, Integer> dimensions, Map<String, Array> into, Map<String, String> notes) {
        try {
            into.put(id, Pipeline.interpret(expr, point, dimensions));
        } catch (IllegalArgumentException e) {
            notes.put(id, e.getMessage());
        }
    }

    private static Map<String, Object> row(String id, Pipeline.Typeset label, Map<String, Array> interpreted,
                                           Map<String, String> interpreterNotes, Map<String, Array> compiled,
                                           String compiledNote, Array check, String checkNote) {
        Array reference = interpreted.get(id);
        Array other = compiled.get(id);
        Map<String, Object> row = Json.object("id", id,
                "label", Json.object("latex", label.latex(), "text", label.text()),
                "interpreter", reference == null ? null : reference.toJson(),
                "interpreterNote", interpreterNotes.get(id),
                "compiled", other == null ? null : other.toJson(),
                "compiledNote", other == null ? compiledNote : null);
        if (reference != null && other != null) {
            double difference = Array.maxDifference(reference, other);
            row.put("difference", difference);
            row.put("agree", difference <= SAME * Math.max(1, reference.maxAbs()));
        }
        row.put("finiteDifferences", check == null ? null : check.toJson());
        row.put("finiteDifferencesNote", check == null ? checkNote : null);
        if (reference != null && check != null) {
            double difference = Array.maxDifference(reference, check);
            row.put("finiteDifferencesDifference", difference);
            row.put("finiteDifferencesAgree", difference <= CLOSE * Math.max(1, reference.maxAbs()));
        }
        return row;
    }

    /**
     * Central differences of {@code d.of()} with respect to {@code d.by()}, entry by entry: entry
     * (i, k) is ∂(of)ᵢ/∂(by)ₖ, which is the layout of every derivative the page shows (a gradient in
     * the shape of its variable, a Jacobian in numerator layout, a Hessian block row by row).
     */
    private static Array differences(Pipeline.Derivative d, Map<String, Array> point, Map<String, Integer> dimensions,
                                     Array reference, Deadline deadline) {
        Array x = point.get(d.by());
        int n = x.size();
        double[] result = null;
        for (int k = 0; k < n; k++) {
            deadline.check();
            double h = STEP * Math.max(1, Math.abs(x.data()[k]));
            Array plus = Pipeline.interpret(d.of(), moved(point, d.by(), k, h), dimensions);
            Array minus = Pipeline.interpret(d.of(), moved(point, d.by(), k, -h), dimensions);
            int m = plus.size();
            if (result == null) {
                result = new double[m * n];
            }
            for (int i = 0; i < m; i++) {
                result[i * n + k] = (plus.data()[i] - minus.data()[i]) / (2 * h);
            }
        }
        if (result.length != reference.size()) {
            return new Array(Array.Kind.VECTOR, result.length, 1, result);
        }
        return reference.with(result);
    }

    private static Map<String, Array> moved(Map<String, Array> point, String name, int k, double h) {
        Map<String, Array> moved = new LinkedHashMap<>(point);
        double[] entries = point.get(name).data().clone();
        entries[k] += h;
        moved.put(name, point.get(name).with(entries));
        return moved;
    }

    /** Every dimension of the function: the page's if it gave one, else {@link #DEFAULT_DIMENSION}. */
    private static Map<String, Integer> dimensions(Pipeline.Function function, Map<String, Integer> given,
                                                   Limits limits) {
        Map<String, Integer> dimensions = new LinkedHashMap<>();
        for (String symbol : function.dimensions()) {
            Integer size = given.getOrDefault(symbol, DEFAULT_DIMENSION);
            if (size < 1 || size > limits.maxEntries()) {
                throw new Problem.InputError(new Problem("dimension:" + symbol, 1, 1, 1, symbol + " must be a size from 1 to "
                        + String.format("%,d", limits.maxEntries())));
            }
            dimensions.put(symbol, size);
        }
        return dimensions;
    }

    /** Entries drawn uniformly from [-2, 2] and rounded to three decimals, so that they read as typed. */
    static Map<String, Array> random(Pipeline.Function function, Map<String, Integer> dimensions, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Array> point = new LinkedHashMap<>();
        for (Pipeline.Param p : function.params()) {
            Array shape = shape(p, dimensions);
            double[] entries = new double[shape.size()];
            for (int k = 0; k < entries.length; k++) {
                entries[k] = Math.round(random.nextDouble(-2, 2) * 1000) / 1000.0;
            }
            point.put(p.name(), shape.with(entries));
        }
        return point;
    }

    private static Map<String, Array> typed(Pipeline.Function function, Map<String, Integer> dimensions,
                                            Map<String, String> values) {
        Map<String, Array> point = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (Pipeline.Param p : function.params()) {
            String field = "value:" + p.name();
            String text = values.getOrDefault(p.name(), "");
            if (text.isBlank()) {
                problems.add(new Problem(field, 1, 1, 1, "give " + p.name() + " a value, or fill random values"));
                continue;
            }
            Array expected = shape(p, dimensions);
            Array value;
            try {
                value = Pipeline.parse(text);
            } catch (IllegalArgumentException e) {
                problems.add(Problem.whole(field, text, e.getMessage()));
                continue;
            }
            boolean oneDimensional = expected.kind() == Array.Kind.VECTOR || expected.kind() == Array.Kind.ROW;
            boolean fits = oneDimensional ? value.kind() == Array.Kind.VECTOR && value.size() == expected.size()
                    : value.kind() == expected.kind() && value.rows() == expected.rows() && value.cols() == expected.cols();
            if (!fits) {
                problems.add(Problem.whole(field, text, p.name() + " is " + p.shape() + dimensionsOf(p, dimensions)
                        + ": give " + describe(expected)));
                continue;
            }
            point.put(p.name(), expected.with(value.data()));
        }
        if (!problems.isEmpty()) {
            throw new Problem.InputError(problems);
        }
        return point;
    }

    private static String dimensionsOf(Pipeline.Param p, Map<String, Integer> dimensions) {
        List<String> bound = new ArrayList<>();
        for (String d : List.of(p.rows(), p.cols())) {
            if (dimensions.containsKey(d) && !bound.contains(d + " = " + dimensions.get(d))) {
                bound.add(d + " = " + dimensions.get(d));
            }
        }
        return bound.isEmpty() ? "" : " with " + String.join(", ", bound);
    }

    private static String describe(Array a) {
        return switch (a.kind()) {
            case SCALAR -> "a number";
            case VECTOR, ROW -> "an array of " + a.size() + (a.size() == 1 ? " number" : " numbers");
            case MATRIX -> a.rows() + " rows of " + a.cols() + (a.cols() == 1 ? " number" : " numbers")
                    + ", as [[1, 2], [3, 4]]";
        };
    }

    /** An array of zeros in the shape of a parameter at these dimensions. */
    private static Array shape(Pipeline.Param p, Map<String, Integer> dimensions) {
        int rows = size(p.rows(), dimensions);
        int cols = size(p.cols(), dimensions);
        return new Array(p.kind(), rows, cols, new double[rows * cols]);
    }

    private static long entries(Pipeline.Param p, Map<String, Integer> dimensions) {
        long rows = size(p.rows(), dimensions);
        long cols = size(p.cols(), dimensions);
        return rows * cols;
    }

    private static int size(String dim, Map<String, Integer> dimensions) {
        return Character.isDigit(dim.charAt(0)) ? Integer.parseInt(dim) : dimensions.getOrDefault(dim, 1);
    }
}

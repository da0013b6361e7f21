package dev.chainrule.benchmarks.models;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Every public method of every generated class the suite's models use, found by reflection so
 * that a method the code generator adds cannot be left out, each made callable on its model's
 * inputs with no arguments: what {@code AllocationBenchmark} calls. A generated class's private
 * methods (the {@code …Unchecked} bodies, the bodies over a range of rows that the parallel method
 * runs per chunk) are reached through its public ones.
 *
 * <p>A generated method's parameters are, in order: the function's parameters (the model's
 * {@link Model#arguments()}, a scalar as a {@code double}); for a sum over rows, {@code fromRow}
 * and {@code toRow}; the outputs (a gradient per variable of {@link Model#wrt()}, or the n × n
 * Hessian of the variable the method is named for); for the parallel method, the number of chunks
 * and, in one overload, the executor. The methods for the terms that read no rows
 * ({@code …OfRowFreeTerms}) take the function's parameters but the data: those with N rows. A
 * parameter list that does not follow this is an error, not a method left out.
 */
public final class EntryPoints {
    /** The number of chunks the parallel methods split the rows into. */
    public static final int CHUNKS = 2;

    /**
     * The package of the example classes generated in {@code precision float} (single.calc): each
     * the same function as a model's double class, of the same simple name.
     */
    static final String FLOAT_PACKAGE = "examples.single";

    private static final String FLOAT_PREFIX = "float:";

    /** The ending of the methods for the terms of a sum over rows that read no rows (a penalty). */
    public static final String ROW_FREE = "OfRowFreeTerms";

    private EntryPoints() {}

    /**
     * A public method of a generated class, and the model whose inputs it is called on (narrowed to
     * float for the class of the same function in {@code precision float}).
     */
    public record EntryPoint(String modelKey, Method method) {
        /**
         * The benchmark's parameter: {@code Class.method/arity}, e.g. {@code Loss.valueAndGradient/8},
         * after {@code float:} for a float class.
         */
        public String key() {
            return (single() ? FLOAT_PREFIX : "") + method.getDeclaringClass().getSimpleName() + "." + method.getName()
                    + "/" + method.getParameterCount();
        }

        /** Whether the method is of a class generated in {@code precision float}. */
        public boolean single() {
            return method.getDeclaringClass().getPackageName().equals(FLOAT_PACKAGE);
        }

        /** What the method is, for the report: its kind of call. */
        public String kind() {
            Class<?>[] types = method.getParameterTypes();
            if (types.length > 0 && types[types.length - 1] == ExecutorService.class) {
                return "parallel, " + CHUNKS + " chunks, the caller's executor (a fork-join pool of one thread)";
            }
            if (method.getName().endsWith("Parallel")) {
                return "parallel, " + CHUNKS + " chunks, the common fork-join pool";
            }
            if (method.getName().endsWith(ROW_FREE)) {
                return "the terms that read no rows";
            }
            if (Arrays.stream(types).filter(t -> t == int.class).count() == 2) {
                return "over a range of rows";
            }
            return "whole call";
        }

        /** True for the methods that hand chunks to other threads (tasks the class makes once and reuses). */
        public boolean parallel() {
            return method.getName().endsWith("Parallel");
        }
    }

    /** Every public method of the generated classes of {@link Models#all()}, each class once, in a stable order. */
    public static List<EntryPoint> all() {
        List<EntryPoint> entries = new ArrayList<>();
        Set<Class<?>> seen = new LinkedHashSet<>();
        for (Model model : Models.all()) {
            Class<?> type = model.generatedInstance().getClass();
            if (!seen.add(type)) {
                continue;
            }
            List<Class<?>> classes = new ArrayList<>(List.of(type));
            floatTwin(type).ifPresent(classes::add);
            for (Class<?> c : classes) {
                Arrays.stream(c.getDeclaredMethods())
                        .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic())
                        .sorted(Comparator.comparing(Method::getName).thenComparing(Method::getParameterCount))
                        .forEach(m -> entries.add(new EntryPoint(model.key(), m)));
            }
        }
        return entries;
    }

    /** The class of the same function generated in {@code precision float}, if single.calc has it. */
    private static Optional<Class<?>> floatTwin(Class<?> type) {
        try {
            return Optional.of(Class.forName(FLOAT_PACKAGE + "." + type.getSimpleName()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * The float class built with the double instance's dimensions: its constructor takes them in
     * the order the double class declares them, as its {@code final int} fields.
     */
    private static Object floatInstance(Class<?> single, Object doubleInstance) {
        try {
            List<Object> dimensions = new ArrayList<>();
            for (Field field : doubleInstance.getClass().getDeclaredFields()) {
                if (field.getType() == int.class && Modifier.isFinal(field.getModifiers())
                        && !Modifier.isStatic(field.getModifiers())) {
                    field.setAccessible(true);
                    dimensions.add(field.get(doubleInstance));
                }
            }
            Class<?>[] types = new Class<?>[dimensions.size()];
            Arrays.fill(types, int.class);
            return single.getConstructor(types).newInstance(dimensions.toArray());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(single.getName() + " cannot be built with the dimensions of "
                    + doubleInstance.getClass().getName(), e);
        }
    }

    /** The keys of {@link #all()}. */
    public static List<String> keys() {
        return all().stream().map(EntryPoint::key).toList();
    }

    /** The entry point with the given {@link EntryPoint#key()}. */
    public static EntryPoint byKey(String key) {
        return all().stream().filter(e -> e.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no generated method " + key + "; methods: " + keys()));
    }

    /**
     * The method bound to a fresh model's generated instance, inputs and fresh outputs, as a handle
     * of type {@code ()double} (a method returning nothing returns 0): calling it through
     * {@code invokeExact} boxes nothing.
     *
     * @param executor the executor for a parallel method that takes one
     */
    public static MethodHandle bind(EntryPoint entry, ExecutorService executor) {
        Model model = Models.byKey(entry.modelKey());
        Method method = entry.method();
        List<Object> arguments = arguments(model, method, executor, entry.single());
        Object instance = entry.single() ? floatInstance(method.getDeclaringClass(), model.generatedInstance())
                : model.generatedInstance();
        try {
            MethodHandle handle = MethodHandles.publicLookup().unreflect(method).bindTo(instance);
            handle = MethodHandles.insertArguments(handle, 0, arguments.toArray());
            Class<?> returned = method.getReturnType();
            if (returned == void.class) {
                return MethodHandles.foldArguments(MethodHandles.constant(double.class, 0.0), handle);
            }
            if (!returned.isPrimitive()) {
                throw new IllegalStateException(entry.key() + " returns a " + returned.getName() + ", not a number");
            }
            return handle.asType(MethodType.methodType(double.class));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(entry.key() + " is not accessible", e);
        }
    }

    private static List<Object> arguments(Model model, Method method, ExecutorService executor, boolean single) {
        Class<?> number = single ? float.class : double.class;
        Class<?> array = single ? float[].class : double[].class;
        Class<?>[] types = method.getParameterTypes();
        List<Object> values = new ArrayList<>();
        int next = 0;
        boolean rowFree = method.getName().endsWith(ROW_FREE);
        for (double[] input : model.arguments().values()) {
            if (rowFree && isData(model, input)) {
                continue;
            }
            boolean scalar = input.length == 1 && next < types.length && types[next] == number;
            expect(method, types, next, scalar ? number : array);
            values.add(single ? (scalar ? (Object) (float) input[0] : narrow(input)) : scalar ? (Object) input[0] : input);
            next++;
        }
        if (next + 1 < types.length && types[next] == int.class && types[next + 1] == int.class) {
            Integer rows = model.dimensions().get("N");
            if (rows == null) {
                throw new IllegalStateException(describe(method) + ": a range of rows, but the model has no dimension N");
            }
            values.add(0);
            values.add(rows);
            next += 2;
        }
        for (String output : outputs(model, method)) {
            expect(method, types, next, array);
            int length = model.arguments().get(output).length;
            int size = method.getName().startsWith("hessian") ? length * length : length;
            values.add(single ? new float[size] : new double[size]);
            next++;
        }
        if (next < types.length && types[next] == int.class && method.getName().endsWith("Parallel")) {
            values.add(CHUNKS);
            next++;
            if (next < types.length && types[next] == ExecutorService.class) {
                values.add(executor);
                next++;
            }
        }
        if (next != types.length) {
            throw new IllegalStateException(describe(method) + ": AllocationBenchmark does not know what to pass as its "
                    + "parameter " + (next + 1) + " (" + types[next].getSimpleName() + "); teach EntryPoints");
        }
        return values;
    }

    /**
     * Whether an argument is a data matrix or vector of a sum over rows: N rows, read from its length
     * (N, or N times another dimension). The expectations on the types that follow catch a model
     * whose sizes make this ambiguous.
     */
    private static boolean isData(Model model, double[] input) {
        Integer rows = model.dimensions().get("N");
        if (rows == null) {
            return false;
        }
        return input.length == rows
                || model.dimensions().entrySet().stream().anyMatch(d -> !d.getKey().equals("N")
                        && input.length == (long) rows * d.getValue());
    }

    /** The variables a method writes a derivative of: all of the gradient's, or the one its Hessian is named for. */
    private static List<String> outputs(Model model, Method method) {
        String name = method.getName();
        if (name.startsWith("hessian")) {
            String variable = name.substring("hessian".length());
            return model.arguments().keySet().stream()
                    .filter(a -> a.toLowerCase(Locale.ROOT).equals(variable.toLowerCase(Locale.ROOT))).findFirst()
                    .map(List::of)
                    .orElseThrow(() -> new IllegalStateException(describe(method) + ": no parameter " + variable));
        }
        if (name.startsWith("valueAndGradient")) {
            return model.wrt().stream().filter(v -> model.arguments().get(v).length > 0).toList();
        }
        return List.of();
    }

    private static float[] narrow(double[] values) {
        float[] narrowed = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            narrowed[i] = (float) values[i];
        }
        return narrowed;
    }

    private static void expect(Method method, Class<?>[] types, int index, Class<?> type) {
        if (index >= types.length || types[index] != type) {
            throw new IllegalStateException(describe(method) + ": expected a " + type.getSimpleName() + " as parameter "
                    + (index + 1));
        }
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + Arrays.toString(method.getParameterTypes());
    }
}

package dev.chainrule.codegen;

import com.palantir.javapoet.JavaFile;
import dev.chainrule.codegen.loop.NumberType;
import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.Precision;
import dev.chainrule.typing.TypedFile;
import dev.chainrule.typing.TypedFunction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated class, compiled in memory and instantiated for given dimensions, called by variable
 * name: what {@code chainrule eval --engine compiled} and the tests use. Arguments are arrays by
 * parameter name (a scalar as an array of length 1); results come back the same way.
 */
public final class CompiledFunction {
    private final TypedFunction function;
    private final List<ClassPlan.Method> methods;
    private final Object instance;
    private final Class<?> type;

    /** The class's number type: a float class is called with the arguments rounded to float. */
    private final NumberType numbers;

    private CompiledFunction(TypedFunction function, List<ClassPlan.Method> methods, Object instance,
                             NumberType numbers) {
        this.numbers = numbers;
        this.function = function;
        this.methods = methods;
        this.instance = instance;
        this.type = instance.getClass();
    }

    /** Generates, compiles and instantiates every function of a file, for the given dimensions. */
    public static Map<String, CompiledFunction> of(TypedFile file, Map<String, Integer> dimensions) {
        return of(file, dimensions, Precision.DOUBLE);
    }

    /**
     * {@link #of(TypedFile, Map)} in the precision the file declares, or else {@code otherwise}. A
     * {@code float} class is called with {@code double[]} arguments all the same: they are rounded
     * to {@code float} on the way in, and its results widened on the way out.
     */
    public static Map<String, CompiledFunction> of(TypedFile file, Map<String, Integer> dimensions, Precision otherwise) {
        List<CodeGenerator.Planned> planned = CodeGenerator.planned(file, otherwise);
        Map<String, Class<?>> classes = InMemoryCompiler.compile(planned.stream().map(CodeGenerator.Planned::java)
                .toList());
        Map<String, CompiledFunction> functions = new LinkedHashMap<>();
        for (int i = 0; i < planned.size(); i++) {
            JavaFile source = planned.get(i).java();
            TypedFunction function = file.functions().get(i);
            String name = source.packageName().isEmpty() ? source.typeSpec().name()
                    : source.packageName() + "." + source.typeSpec().name();
            functions.put(function.name(), instantiate(function, planned.get(i).plan().methods(), classes.get(name),
                    dimensions, planned.get(i).plan().numbers()));
        }
        return functions;
    }

    /**
     * Generates, compiles and instantiates one function derived already, for the given dimensions:
     * for a caller that has looked at the derived formulas first (their sizes, say).
     */
    public static CompiledFunction of(dev.chainrule.derive.DerivedFunction function, Map<String, Integer> dimensions) {
        ClassPlan plan = ClassPlan.of(function);
        JavaFile source = new ClassWriter(plan, "", "<expr>").write();
        Class<?> type = InMemoryCompiler.compile(List.of(source)).get(source.typeSpec().name());
        return instantiate(function.function(), plan.methods(), type, dimensions, plan.numbers());
    }

    private static CompiledFunction instantiate(TypedFunction function, List<ClassPlan.Method> methods, Class<?> type,
                                                Map<String, Integer> dimensions, NumberType numbers) {
        List<String> dims = CodeGenerator.dimensionOrder(function);
        Class<?>[] parameterTypes = new Class<?>[dims.size()];
        Object[] values = new Object[dims.size()];
        for (int i = 0; i < dims.size(); i++) {
            Integer size = dimensions.get(dims.get(i));
            if (size == null) {
                throw new IllegalArgumentException("no size given for the dimension " + dims.get(i));
            }
            parameterTypes[i] = int.class;
            values[i] = size;
        }
        try {
            return new CompiledFunction(function, methods, type.getConstructor(parameterTypes).newInstance(values),
                    numbers);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated class " + type.getName() + " has no expected constructor", e);
        }
    }

    public TypedFunction function() {
        return function;
    }

    /** The value of a scalar function. */
    public double value(Map<String, double[]> arguments) {
        return ((Number) call("value", arguments, List.of())).doubleValue();
    }

    /** The value of a vector function, written into {@code out}. */
    public void value(Map<String, double[]> arguments, double[] out) {
        call("value", arguments, List.of(out));
    }

    /** The value, with each gradient written into the given output arrays (by variable name). */
    public double valueAndGradient(Map<String, double[]> arguments, Map<String, double[]> gradients) {
        List<double[]> outputs = new ArrayList<>();
        for (Expr.Variable v : gradientVariables()) {
            outputs.add(gradients.get(v.name()));
        }
        return ((Number) call("valueAndGradient", arguments, outputs)).doubleValue();
    }

    /** The variables {@link #valueAndGradient} differentiates with respect to, in its order. */
    public List<Expr.Variable> gradientVariables() {
        List<Expr.Variable> variables = new ArrayList<>();
        for (TypedFunction.Request r : function.requests()) {
            if (r.kind() == dev.chainrule.syntax.CalcFile.DerivativeRequest.Kind.GRADIENT) {
                r.wrt().stream().filter(v -> !variables.contains(v)).forEach(variables::add);
            }
        }
        return variables;
    }

    /**
     * Calls the method of a Jacobian or Hessian ({@code jacobianX}, {@code hessianX}), writing into {@code out}.
     *
     * @param kind     {@code "jacobian"} or {@code "hessian"}
     * @param variable the name of the variable it is taken with respect to
     */
    public void derivative(String kind, String variable, Map<String, double[]> arguments, double[] out) {
        ClassPlan.Kind wanted = switch (kind) {
            case "jacobian" -> ClassPlan.Kind.JACOBIAN;
            case "hessian" -> ClassPlan.Kind.HESSIAN;
            default -> throw new IllegalArgumentException("no derivative method of kind " + kind);
        };
        String method = methods.stream().filter(m -> m.kind() == wanted && m.wrt().name().equals(variable))
                .map(ClassPlan.Method::name).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(function.name() + " has no " + kind + " with respect to "
                        + variable));
        call(method, arguments, List.of(out));
    }

    /** The number of entries of a shape, for sizing outputs. */
    public static int length(Shape shape, Map<String, Integer> dimensions) {
        return Math.multiplyExact(shape.rows().value(dimensions::get), shape.cols().value(dimensions::get));
    }

    private Object call(String method, Map<String, double[]> arguments, List<double[]> outputs) {
        boolean single = numbers == NumberType.FLOAT;
        List<Object> values = new ArrayList<>();
        List<Class<?>> types = new ArrayList<>();
        for (Expr.Variable p : function.params()) {
            double[] value = arguments.get(p.name());
            if (value == null) {
                throw new IllegalArgumentException("no value given for " + p.name());
            }
            if (p.shape().isScalar()) {
                types.add(single ? float.class : double.class);
                values.add(single ? (Object) (float) value[0] : (Object) value[0]);
            } else {
                types.add(single ? float[].class : double[].class);
                values.add(single ? toFloat(value) : value);
            }
        }
        List<float[]> floatOutputs = new ArrayList<>();
        for (double[] out : outputs) {
            types.add(single ? float[].class : double[].class);
            if (single) {
                floatOutputs.add(out == null ? null : new float[out.length]);
                values.add(floatOutputs.get(floatOutputs.size() - 1));
            } else {
                values.add(out);
            }
        }
        try {
            Method m = type.getMethod(method, types.toArray(Class<?>[]::new));
            Object result = m.invoke(instance, values.toArray());
            for (int i = 0; i < floatOutputs.size(); i++) {
                float[] out = floatOutputs.get(i);
                for (int k = 0; out != null && k < out.length; k++) {
                    outputs.get(i)[k] = out[k];
                }
            }
            return result;
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated class " + type.getName() + " has no method " + method, e);
        }
    }

    private static float[] toFloat(double[] values) {
        float[] rounded = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            rounded[i] = (float) values[i];
        }
        return rounded;
    }

    private static RuntimeException rethrow(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException(cause);
    }
}

package dev.chainrule.tests;

import com.palantir.javapoet.JavaFile;
import dev.chainrule.codegen.CodeGenerator;
import dev.chainrule.codegen.InMemoryCompiler;
import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.syntax.CalcFile.DerivativeRequest;
import dev.chainrule.syntax.Precision;
import dev.chainrule.syntax.Source;
import dev.chainrule.syntax.Span;
import dev.chainrule.testing.property.Property;
import dev.chainrule.typing.TypedFile;
import dev.chainrule.typing.TypedFunction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Generated code computes what the interpreter computes: the value, the gradient by every
 * parameter, and the Jacobian, the Hessian and the Hessian-vector product by a parameter of any
 * kind (scalar, vector, matrix, symmetric matrix), to 1e-12 relative; for functions over the whole
 * language, entries, blocks, Kronecker products, reshapes and commutation matrices included.
 *
 * <p>Functions are generated in batches of {@value #BATCH}, one class each, compiled together in
 * memory: one javac run per batch instead of one per function. A batch that does not compile is
 * compiled function by function to find the culprit; shrinking compiles each candidate alone.
 *
 * <p>"Relative" is relative to the function's scale: every entry of every output (the value, each
 * gradient, the Jacobian, the Hessian) must agree to within {@code 1e-12 · S}, S the largest
 * magnitude among all of the function's outputs at that point. An entry that cancels to almost
 * nothing (the Hessian of {@code norm2(x)} for a vector of length 1 is 0, computed as
 * {@code 1/|x| − x²/|x|³}) is judged against the size of the terms that cancelled, not against
 * its own rounding residue: generated code evaluates the same formulas, reassociated and fused,
 * so rounding differs in the last bits.
 */
class CodegenPropertiesTest {
    /** A javac run per 50 functions makes this the slowest property: 300 tries in CI, 3,000 with -Pthorough. */
    static final int TRIES = 300;
    static final int BATCH = 50;
    static final double RELATIVE = 1e-12;

    private static final ExprGen.Options FUNCTIONS = new ExprGen.Options(ExprGen.Output.FUNCTION, true, true);
    private static final AtomicInteger FILES = new AtomicInteger();

    /**
     * A compiled function of a case, with the derivatives it was asked for: the gradients by every
     * variable (of a scalar function), and the Jacobian, the Hessian and the Hessian-vector
     * product by the case's {@code wrt} variable (the latter two of a scalar function).
     */
    record Compiled(TypedFunction function, Object instance, Map<Expr.Variable, Expr> gradients, Expr.Variable wrt,
                    Expr jacobian, Expr hessian, Expr hvp) {
        Compiled with(Object instance) {
            return new Compiled(function, instance, gradients, wrt, jacobian, hessian, hvp);
        }
    }

    /** The direction of the Hessian-vector products: the name DerivedFunction gives it. */
    private static final String DIRECTION = "v";

    @Test
    void generatedCodeEqualsTheInterpreter() {
        Map<Case, Compiled> compiled = java.util.Collections.synchronizedMap(new IdentityHashMap<>());
        Property.forAll("generated code = interpreter, value and every derivative", ExprGen.cases(FUNCTIONS))
                .tries(TRIES)
                .show(Case::show)
                .shrinkLimit(400, java.time.Duration.ofMinutes(3))
                .inBatches(BATCH, batch -> {
                    compiled.clear();
                    compiled.putAll(compile(batch));
                })
                .check(c -> compare(c, compiled.get(c)));
    }

    // ---- building and compiling -----------------------------------------------------------------

    static Map<Case, Compiled> compile(List<Case> cases) {
        return compile(cases, Precision.DOUBLE);
    }

    /** {@link #compile(List)} into classes of the given precision. */
    static Map<Case, Compiled> compile(List<Case> cases, Precision precision) {
        Span span = new Span(1, 1, 1);
        List<TypedFunction> functions = new ArrayList<>();
        List<Compiled> partial = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Expr body = c.expr();
            List<Expr.Variable> params = new ArrayList<>(c.variables().values());
            PrinterPropertiesTest.declarations(body).forEach((name, shape) -> {
                if (!c.variables().containsKey(name)) {
                    params.add((Expr.Variable) Expr.variable(name, shape)); // a parameter that only names a dimension
                }
            });
            List<Expr.Variable> read = new ArrayList<>(c.variables().values());
            List<TypedFunction.Request> requests = new ArrayList<>();
            Map<Expr.Variable, Expr> gradients = Map.of();
            Expr.Variable wrt = c.wrtVariable();
            Expr jacobian = null;
            Expr hessian = null;
            Expr hvp = null;
            if (body.shape().isScalar() && !read.isEmpty()) {
                request(requests, DerivativeRequest.Kind.GRADIENT, read);
                gradients = Derivatives.gradients(body, read);
            }
            if (wrt != null) {
                request(requests, DerivativeRequest.Kind.JACOBIAN, List.of(wrt));
                jacobian = Derivatives.jacobian(body, wrt);
                if (body.shape().isScalar()) {
                    request(requests, DerivativeRequest.Kind.HESSIAN, List.of(wrt));
                    hessian = Derivatives.hessian(body, wrt);
                    request(requests, DerivativeRequest.Kind.HVP, List.of(wrt));
                    hvp = Derivatives.hessianVectorProduct(body, wrt, (Expr.Variable) Expr.variable(DIRECTION, wrt.shape()));
                }
            }
            String name = "f" + i;
            TypedFunction function = new TypedFunction(name, span, params, body, requests);
            functions.add(function);
            partial.add(new Compiled(function, null, gradients, wrt, jacobian, hessian, hvp));
        }
        String packageName = "fuzz.b" + FILES.incrementAndGet();
        TypedFile file = new TypedFile(new Source("fuzz.calc", ""), packageName, functions);
        List<JavaFile> sources = CodeGenerator.generate(file, precision);
        Map<String, Class<?>> classes = InMemoryCompiler.compile(sources);
        Map<Case, Compiled> result = new IdentityHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            JavaFile source = sources.get(i);
            Class<?> type = classes.get(source.packageName() + "." + source.typeSpec().name());
            Compiled p = partial.get(i);
            result.put(cases.get(i), p.with(instantiate(type, p.function(), cases.get(i))));
        }
        return result;
    }

    private static void request(List<TypedFunction.Request> requests, DerivativeRequest.Kind kind,
                                List<Expr.Variable> wrt) {
        requests.add(new TypedFunction.Request(kind, wrt));
    }

    private static Object instantiate(Class<?> type, TypedFunction function, Case c) {
        List<String> dims = CodeGenerator.dimensionOrder(function);
        Class<?>[] types = new Class<?>[dims.size()];
        Object[] values = new Object[dims.size()];
        for (int i = 0; i < dims.size(); i++) {
            types[i] = int.class;
            values[i] = c.sizes().get(dims.get(i));
        }
        try {
            return type.getConstructor(types).newInstance(values);
        } catch (InvocationTargetException e) {
            throw new AssertionError("the constructor of " + type.getName() + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type.getName() + " has no constructor for " + dims, e);
        }
    }

    // ---- comparing ------------------------------------------------------------------------------

    static void compare(Case c, Compiled compiled) {
        Expr body = c.expr();
        List<Expr> exprs = Numeric.list(body);
        exprs.addAll(compiled.gradients().values());
        if (compiled.jacobian() != null) {
            exprs.add(compiled.jacobian());
        }
        if (compiled.hessian() != null) {
            exprs.add(compiled.hessian());
        }
        Numeric.atSmoothPoint(c, exprs, p -> {
            Map<String, double[]> point = p.values();
            TypedFunction f = compiled.function();
            Object[] args = arguments(f, c, point);
            String where = " of " + f.name() + " at " + p.show();
            // The function's scale: the largest magnitude among its value and derivatives and, where
            // they cancel to nothing, among the terms their sums add up (whose rounding error they carry).
            double scale = 0;
            for (Expr e : exprs) {
                scale = Math.max(scale, Numeric.maxAbs(p.data(e)));
            }
            Scale functionScale = new Scale(scale, () -> exprs.stream().mapToDouble(e -> Numeric.termScale(p, e))
                    .max().orElse(0));
            // The value.
            double[] value;
            if (body.shape().isScalar()) {
                value = new double[] {(Double) call(compiled.instance(), "value", args)};
            } else {
                value = new double[c.entries(body.shape())];
                call(compiled.instance(), "value", append(args, value));
            }
            assertAgree("value" + where, p.data(body), value, functionScale);
            // The gradients, with the value again.
            if (!compiled.gradients().isEmpty()) {
                List<Object> outputs = new ArrayList<>();
                Map<Expr.Variable, double[]> gradients = new LinkedHashMap<>();
                for (Expr.Variable v : compiled.gradients().keySet()) {
                    double[] out = new double[c.entries(v.shape())];
                    gradients.put(v, out);
                    outputs.add(out);
                }
                double again = (Double) call(compiled.instance(), "valueAndGradient", append(args, outputs.toArray()));
                assertAgree("valueAndGradient's value" + where, p.data(body), new double[] {again}, functionScale);
                for (Map.Entry<Expr.Variable, double[]> g : gradients.entrySet()) {
                    assertAgree("gradient by " + g.getKey().name() + where,
                            p.data(compiled.gradients().get(g.getKey())), g.getValue(), functionScale);
                }
            }
            String wrt = compiled.wrt() == null ? null : capitalize(compiled.wrt().name());
            if (compiled.jacobian() != null) {
                double[] out = new double[c.entries(compiled.jacobian().shape())];
                call(compiled.instance(), "jacobian" + wrt, append(args, out));
                assertAgree("Jacobian by " + compiled.wrt().name() + where, p.data(compiled.jacobian()), out,
                        functionScale);
            }
            if (compiled.hessian() != null) {
                double[] out = new double[c.entries(compiled.hessian().shape())];
                call(compiled.instance(), "hessian" + wrt, append(args, out));
                assertAgree("Hessian by " + compiled.wrt().name() + where, p.data(compiled.hessian()), out,
                        functionScale);
            }
            if (compiled.hvp() != null) {
                Expr.Variable x = compiled.wrt();
                double[] direction = HessianPropertiesTest.randomValues(new java.util.Random(c.seed()), x, c);
                Map<String, dev.chainrule.interpret.Value> inputs = new LinkedHashMap<>(c.inputs(point));
                inputs.put(DIRECTION, c.value(x.shape(), direction));
                double[] interpreted = dev.chainrule.interpret.Interpreter.evaluate(compiled.hvp(), inputs, c.sizes()).data();
                double[] out = new double[c.entries(x.shape())];
                Object v = x.shape().isScalar() ? (Object) direction[0] : direction.clone();
                call(compiled.instance(), "hessianVectorProduct" + wrt, append(args, v, out));
                assertAgree("Hessian-vector product by " + x.name() + where, interpreted, out,
                        new Scale(Math.max(functionScale.outputs, Numeric.maxAbs(interpreted)), functionScale::withTerms));
            }
        });
    }

    private static Object[] arguments(TypedFunction f, Case c, Map<String, double[]> point) {
        Object[] args = new Object[f.params().size()];
        for (int i = 0; i < args.length; i++) {
            Expr.Variable v = f.params().get(i);
            double[] data = point.get(v.name());
            if (data == null) {
                data = new double[c.entries(v.shape())]; // a parameter that only names a dimension
            }
            args[i] = v.shape().isScalar() ? (Object) data[0] : data.clone();
        }
        return args;
    }

    /** The arguments followed by more (the outputs). */
    static Object[] append(Object[] args, Object... more) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    /** A generated method by name and number of parameters, called reflectively; what it throws fails the test. */
    static Object call(Object instance, String name, Object[] args) {
        for (Method m : instance.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(instance, args);
                } catch (InvocationTargetException e) {
                    throw new AssertionError(name + " threw " + e.getCause(), e.getCause());
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("the generated class has no method " + name + " of " + args.length + " parameters");
    }

    /** The scale outputs are compared at: the outputs' own, and the terms' where needed (computed once, if asked). */
    private static final class Scale {
        private final double outputs;
        private final java.util.function.DoubleSupplier terms;
        private double termScale = -1;

        Scale(double outputs, java.util.function.DoubleSupplier terms) {
            this.outputs = outputs;
            this.terms = terms;
        }

        double withTerms() {
            if (termScale < 0) {
                termScale = Math.max(outputs, terms.getAsDouble());
            }
            return termScale;
        }
    }

    private static void assertAgree(String what, double[] interpreted, double[] generated, Scale functionScale) {
        if (interpreted.length != generated.length) {
            throw new AssertionError(what + ": " + interpreted.length + " entries interpreted, " + generated.length
                    + " generated");
        }
        double own = Math.max(Numeric.maxAbs(interpreted), Numeric.maxAbs(generated));
        double scale = Math.max(Math.max(1e-300, functionScale.outputs), own);
        for (int i = 0; i < interpreted.length; i++) {
            if (!Numeric.close(interpreted[i], generated[i], RELATIVE, scale)) {
                // Agreement to the terms' rounding where the outputs cancel to (almost) nothing.
                scale = Math.max(scale, functionScale.withTerms());
            }
            if (!Numeric.close(interpreted[i], generated[i], RELATIVE, scale)) {
                throw new AssertionError(String.format(Locale.ROOT, "%s: entry %d is %.17g interpreted, %.17g generated",
                        what, i, interpreted[i], generated[i]));
            }
        }
    }

    private static String capitalize(String name) {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}

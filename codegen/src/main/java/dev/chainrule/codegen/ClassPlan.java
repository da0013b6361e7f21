package dev.chainrule.codegen;

import com.palantir.javapoet.NameAllocator;
import dev.chainrule.derive.DerivedFunction;
import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import dev.chainrule.typing.TypedFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * What the class generated for a function declares, decided before any code is written: its name,
 * the Java names of its dimensions and parameters, and its methods, each with the expressions it
 * returns or writes into its output arrays. The derivatives come from the {@link DerivedFunction}
 * stage, taken once from the simplified body, so that the value and every derivative share their
 * nodes.
 */
final class ClassPlan {
    /** Names the class uses for itself, which no parameter or temporary may take. */
    static final List<String> RESERVED = List.of("value", "valueAndGradient", "checkLength", "square", "relu",
            "step", "sigmoid", "softplus", "logSumExp", "luFactor", "luInverse",
            "Math", "String", "IllegalArgumentException", "Double", "Integer", "Object", "System");

    /**
     * The java.lang types generated code names. A parameter or dimension so named would hide the
     * type in its method, and a class so named would hide it in its whole package (a function
     * {@code math} once became a class Math, in which Math.exp did not compile).
     */
    static final Set<String> JAVA_LANG_TYPES = Set.of("Math", "String", "IllegalArgumentException", "Double",
            "Integer", "Object", "System", "StrictMath", "Override", "SuppressWarnings", "Deprecated");

    enum Kind { VALUE, VALUE_AND_GRADIENT, JACOBIAN, HESSIAN, HESSIAN_VECTOR_PRODUCT }

    /** An output array parameter: its Java name, the variable it is a derivative by (or null), its value. */
    record Output(String name, Expr.Variable variable, Expr expr) {}

    /**
     * A public method: what it returns (or null) and what it writes into its outputs; a
     * Hessian-vector product also takes a direction, an input after the function's parameters.
     */
    record Method(String name, Kind kind, Expr.Variable wrt, Expr returned, List<Output> outputs,
                  Expr.Variable direction, String directionName) {
        Method(String name, Kind kind, Expr.Variable wrt, Expr returned, List<Output> outputs) {
            this(name, kind, wrt, returned, outputs, null, null);
        }
    }

    private final DerivedFunction derived;
    private final TypedFunction function;
    private final NameAllocator names = new NameAllocator();
    private final Map<Dim, String> dimensions = new LinkedHashMap<>();
    private final Map<Expr.Variable, String> parameters = new LinkedHashMap<>();
    private final Map<Expr.Variable, String> inputs = new LinkedHashMap<>();
    private final Set<String> taken = new LinkedHashSet<>(RESERVED);
    private final List<Method> methods = new ArrayList<>();
    private final Set<String> methodNames = new LinkedHashSet<>(List.of("value", "valueAndGradient"));

    private ClassPlan(DerivedFunction derived) {
        this.derived = derived;
        this.function = derived.function();
    }

    static ClassPlan of(DerivedFunction derived) {
        ClassPlan plan = new ClassPlan(derived);
        plan.plan();
        return plan;
    }

    private void plan() {
        RESERVED.forEach(reserved -> names.newName(reserved, "reserved:" + reserved));
        for (Expr.Variable p : function.params()) {
            for (Dim d : List.of(p.shape().rows(), p.shape().cols())) {
                if (d instanceof Dim.Symbol s && !dimensions.containsKey(d)) {
                    dimensions.put(d, name(s.name()));
                }
            }
        }
        for (Expr.Variable p : function.params()) {
            parameters.put(p, name(p.name()));
        }
        // The simplified body: the value shares its nodes with the derivatives, and gets the
        // numerically careful forms (log Σ exp as logsumexp, log(1 + exp) as softplus).
        Expr f = derived.body();
        if (f.shape().isScalar()) {
            methods.add(new Method("value", Kind.VALUE, null, f, List.of()));
        } else {
            methods.add(new Method("value", Kind.VALUE, null, null, List.of(new Output(name("value"), null, f))));
        }
        if (!derived.gradients().isEmpty()) {
            List<Output> outputs = new ArrayList<>();
            derived.gradients().forEach((v, g) -> outputs.add(new Output(name("grad" + capitalize(v.name())), v, g)));
            methods.add(new Method("valueAndGradient", Kind.VALUE_AND_GRADIENT, null, f, outputs));
        }
        for (DerivedFunction.Derivative d : derived.derivatives()) {
            switch (d.kind()) {
                case JACOBIAN -> derivative(Kind.JACOBIAN, "jacobian", d);
                case HESSIAN -> derivative(Kind.HESSIAN, "hessian", d);
                case HVP -> derivative(Kind.HESSIAN_VECTOR_PRODUCT, "hessianVectorProduct", d);
                case GRADIENT -> throw new IllegalStateException("gradients are one method, above");
            }
        }
    }

    private void derivative(Kind kind, String prefix, DerivedFunction.Derivative d) {
        String base = prefix + spelledOut(capitalize(d.wrt().name()));
        String method = base;
        // hessian wrt x, X: both would be hessianX.
        for (int k = 2; methodNames.contains(method); k++) {
            method = base + k;
        }
        methodNames.add(method);
        taken.add(method);
        String direction = d.direction() == null ? null : name("direction" + capitalize(d.wrt().name()));
        if (d.direction() != null) {
            inputs.put(d.direction(), direction);
        }
        methods.add(new Method(method, kind, d.wrt(), null, List.of(new Output(name(method), d.wrt(), d.value())),
                d.direction(), direction));
    }

    private String name(String suggestion) {
        String name = names.newName(suggestion);
        taken.add(name);
        return name;
    }

    DerivedFunction derived() {
        return derived;
    }

    TypedFunction function() {
        return function;
    }

    /** The Java class name for a function: {@code two_layer} becomes {@code TwoLayer}. */
    String className() {
        return className(function.name());
    }

    static String className(String functionName) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (int k = 0; k < functionName.length(); ) {
            int ch = functionName.codePointAt(k);
            k += Character.charCount(ch);
            if (ch == '_') {
                upper = true;
            } else if (!(out.length() == 0 ? Character.isJavaIdentifierStart(ch) : Character.isJavaIdentifierPart(ch))) {
                // A letter this Java does not know (the grammar follows newer Unicode): spelled out.
                out.append(out.length() == 0 ? "U" : "_u").append(String.format(Locale.ROOT, "%04X", ch));
                upper = true;
            } else {
                out.appendCodePoint(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        String name = out.toString();
        // A function named _ has no letters; one named math must not hide java.lang.Math.
        if (name.isEmpty() || JAVA_LANG_TYPES.contains(name) || !SourceVersion.isName(name)) {
            name = name + "Function";
        }
        return name;
    }

    /** The Java name of each symbolic dimension, in the order the constructor takes them. */
    Map<Dim, String> dimensions() {
        return dimensions;
    }

    /** The Java name of each parameter, in order. */
    Map<Expr.Variable, String> parameters() {
        return parameters;
    }

    /**
     * Every input a method body may read, with its Java name: the parameters, then the direction
     * of each Hessian-vector product (an input of that method only).
     */
    Map<Expr.Variable, String> inputs() {
        Map<Expr.Variable, String> all = new LinkedHashMap<>(parameters);
        all.putAll(inputs);
        return all;
    }

    List<Method> methods() {
        return methods;
    }

    /** Every name the class declares: reserved, dimensions, parameters, outputs, methods. */
    Set<String> taken() {
        return taken;
    }

    /** The name with each letter Java does not accept in a name (newer Unicode) spelled as _uXXXX. */
    static String spelledOut(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(ch -> {
            if (Character.isJavaIdentifierPart(ch)) {
                out.appendCodePoint(ch);
            } else {
                out.append("_u").append(String.format(Locale.ROOT, "%04X", ch));
            }
        });
        return out.toString();
    }

    static String capitalize(String name) {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}

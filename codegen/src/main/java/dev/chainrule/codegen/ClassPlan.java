package dev.chainrule.codegen;

import com.palantir.javapoet.NameAllocator;
import dev.chainrule.codegen.loop.LoopCompiler;
import dev.chainrule.codegen.loop.NumberType;
import dev.chainrule.derive.DerivedFunction;
import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import dev.chainrule.syntax.Precision;
import dev.chainrule.typing.TypedFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the class generated for a function declares, decided before any code is written: its name,
 * the Java names of its dimensions and parameters, and its methods, each with the expressions it
 * returns or writes into its output arrays. The derivatives come from the {@link DerivedFunction}
 * stage, taken once from the simplified body, so that the value and every derivative share their
 * nodes.
 */
final class ClassPlan {
    /** The methods the class may declare besides those named after a variable, which no other method may take. */
    static final List<String> METHODS = List.of("value", "valueAndGradient", "checkLength", "wrongLength", "aliased",
            "square", "cube", "relu", "step", "sigmoid", "softplus", "logSumExp", "luFactor", "luInverse",
            "valueAndGradientParallel", "valueOverRows", "valueAndGradientOverRows", "checkRows", "firstRow",
            "addInto", "runChunks", "awaitChunks", "chunksFor", "checkChunks", "valueOfRowFreeTerms", "valueAndGradientOfRowFreeTerms",
            "rowFreeTerms", "rowFreeTermsAndGradient");

    /**
     * The names the class uses as qualifiers ({@code Math.exp}, {@code Double.NaN},
     * {@code Float.NaN}, {@code System.arraycopy}, {@code java.util.Arrays.fill}, {@code Integer.MAX_VALUE}): a
     * variable or field of one of these names would hide the type or package, so none may take them.
     */
    static final List<String> QUALIFIERS = List.of("Math", "StrictMath", "Double", "Float", "System", "Integer", "java", "ForkJoinPool", "Thread");

    /**
     * The static fields a class may declare (the table of its own exp): a dimension, which is a
     * field too, must not take one of their names.
     */
    static final List<String> STATIC_FIELDS = LoopCompiler.STATIC_FIELDS;

    /** Names no parameter, dimension, output or temporary may take: the methods' (for clarity), the qualifiers. */
    static final List<String> RESERVED = java.util.stream.Stream.of(METHODS, QUALIFIERS, STATIC_FIELDS)
            .flatMap(List::stream).toList();

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

    /**
     * The methods over a range of rows and in parallel that a sum over rows gets ({@link RowSums}),
     * with the Java names they use: the range's parameters, the parallel method's, the scratch
     * array of each gradient (by output name) and the field of the per-chunk tasks; {@code sum} splits
     * the value and gradients into their sums over rows and their row-free terms.
     */
    record RowRange(RowSums.RowSum sum, String from, String to, String chunks,
                    String executor, Map<String, String> scratch, String tasks) {
        Dim.Symbol rows() {
            return sum.rows();
        }

        List<Expr.Variable> data() {
            return sum.data();
        }
    }

    private final DerivedFunction derived;
    private final TypedFunction function;
    /** The names of the class's variables: dimensions, parameters, outputs, local definitions. */
    private final NameAllocator names = new NameAllocator();
    /** The names of its methods, a namespace of their own. */
    private final NameAllocator methodNames = new NameAllocator();
    private final Map<Dim, String> dimensions = new LinkedHashMap<>();
    private final Map<Expr.Variable, String> parameters = new LinkedHashMap<>();
    private final Map<Expr.Variable, String> inputs = new LinkedHashMap<>();
    private final Map<String, Expr> localDefinitions = new LinkedHashMap<>();
    private final Set<String> taken = new LinkedHashSet<>(RESERVED);
    private final List<Method> methods = new ArrayList<>();
    private RowRange rowRange;

    /** The class's name: the function's ({@link #className(String)}), or one its caller chose. */
    private final String className;
    /** The number type of its arrays, arguments and results. */
    private final NumberType numbers;

    private ClassPlan(DerivedFunction derived, String className, NumberType numbers) {
        this.derived = derived;
        this.function = derived.function();
        this.className = className;
        this.numbers = numbers;
    }

    static ClassPlan of(DerivedFunction derived) {
        return of(derived, className(derived.function().name()));
    }

    /** The plan of a class of a name other than its function's (the annotation processor's). */
    static ClassPlan of(DerivedFunction derived, String className) {
        return of(derived, className, Precision.DOUBLE);
    }

    /** The plan of a class of a given name and precision. */
    static ClassPlan of(DerivedFunction derived, String className, Precision precision) {
        ClassPlan plan = new ClassPlan(derived, className, NumberType.of(precision));
        plan.plan();
        return plan;
    }

    /** How the class spells its numbers: {@code double} or {@code float}. */
    NumberType numbers() {
        return numbers;
    }

    private void plan() {
        RESERVED.forEach(reserved -> names.newName(reserved, "reserved:" + reserved));
        METHODS.forEach(method -> methodNames.newName(method, "reserved:" + method));
        for (Expr.Variable p : function.params()) {
            for (Dim d : List.of(p.shape().rows(), p.shape().cols())) {
                if (d instanceof Dim.Symbol s && !dimensions.containsKey(d)) {
                    dimensions.put(d, name(escape(s.name())));
                }
            }
        }
        for (Expr.Variable p : function.params()) {
            parameters.put(p, name(escape(p.name())));
        }
        // Held by the allocator, so that no output takes them, but not taken: their temporaries take them.
        function.locals().forEach((local, value) -> localDefinitions.put(names.newName(escape(local)), value));
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
            derived.gradients().forEach((v, g) -> outputs.add(new Output(name("grad" + capitalize(escape(v.name()))), v, g)));
            methods.add(new Method("valueAndGradient", Kind.VALUE_AND_GRADIENT, null, f, outputs));
        }
        RowSums.of(derived).ifPresent(rowSum -> {
            Map<String, String> scratch = new LinkedHashMap<>();
            methods.get(methods.size() - 1).outputs().forEach(out ->
                    scratch.put(out.name(), name("rows" + capitalize(out.name()))));
            rowRange = new RowRange(rowSum, name("fromRow"), name("toRow"), name("chunks"), name("executor"),
                    scratch, name("chunkTasks"));
        });
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
        // Variables x and X would both give hessianX: the second is hessianX_, as its Javadoc says.
        String method = methodNames.newName(prefix + capitalize(escape(d.wrt().name())));
        taken.add(method);
        String direction = d.direction() == null ? null : name("direction" + capitalize(escape(d.wrt().name())));
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

    /** What the constructor checks of the sizes beyond each being at least 1: the entries the body takes exist. */
    List<SizeRequirements.Requirement> sizeRequirements() {
        return SizeRequirements.of(function.body());
    }

    TypedFunction function() {
        return function;
    }

    /** The Java class name for a function: {@code two_layer} becomes {@code TwoLayer}. */
    String className() {
        return className;
    }

    static String className(String functionName) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (int c : functionName.codePoints().toArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.appendCodePoint(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
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

    /** The methods over rows this class offers, if its function is a sum over rows. */
    java.util.Optional<RowRange> rowRange() {
        return java.util.Optional.ofNullable(rowRange);
    }

    /**
     * The function's local definitions under the Java names their values take: the user's names,
     * escaped where Java needs it ({@code goto_}, {@code Math_}).
     */
    Map<String, Expr> localDefinitions() {
        return localDefinitions;
    }

    /** Every name the class declares: reserved, dimensions, parameters, outputs, methods. */
    Set<String> taken() {
        return taken;
    }

    /**
     * A user's name with each letter Java does not accept in names written as its code point
     * ({@code ࡰ} is {@code u0870}), which says more than the underscore a {@link NameAllocator}
     * would put there; keywords and clashes are then the allocator's to escape.
     */
    static String escape(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> {
            boolean accepted = out.length() == 0 ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c);
            if (accepted) {
                out.appendCodePoint(c);
            } else {
                out.append(String.format(Locale.ROOT, "u%04x", c));
            }
        });
        return out.toString();
    }

    static String capitalize(String name) {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}

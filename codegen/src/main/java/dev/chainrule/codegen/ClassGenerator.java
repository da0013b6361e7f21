package dev.chainrule.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.chainrule.codegen.loop.Array;
import dev.chainrule.codegen.loop.ArrayReuse;
import dev.chainrule.codegen.loop.Fusion;
import dev.chainrule.codegen.loop.Lowering;
import dev.chainrule.codegen.loop.Lowering.Root;
import dev.chainrule.codegen.loop.Lowering.Target;
import dev.chainrule.codegen.loop.SizeEstimate;
import dev.chainrule.codegen.loop.Splitter;
import dev.chainrule.codegen.loop.Stmt;
import dev.chainrule.codegen.loop.Workspace;
import dev.chainrule.derive.DerivedFunction;
import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.print.Format;
import dev.chainrule.print.Printer;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.CalcFile.DerivativeRequest;
import dev.chainrule.typing.TypedFunction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * One generated class for one function: a {@code value} method, a {@code valueAndGradient} method
 * sharing every common subexpression between the two, and {@code jacobian…}/{@code hessian…}
 * methods where the function asks for them. Symbolic dimensions are given to the constructor,
 * which sizes the workspace once; calls check their arrays' lengths and allocate nothing.
 */
final class ClassGenerator {
    /** Past this many nodes written as a tree, a Javadoc formula names its shared subexpressions. */
    private static final long FORMULA_TREE_NODES = 200;
    /** Past this length a Javadoc formula is not shown. */
    private static final int FORMULA_CHARACTERS = 4_000;

    private final DerivedFunction derived;
    private final TypedFunction function;
    private final String packageName;
    private final String sourceName;
    private final NameAllocator names = new NameAllocator();
    private final Workspace workspace = new Workspace(names::newName);
    private final Set<String> helpers = new LinkedHashSet<>();
    private final Set<String> referencedArrays = new HashSet<>();
    /** Bodies above this estimated size are split into parts; well under HotSpot's 8,000-byte limit. */
    private static final int METHOD_BUDGET = 4000;
    private final List<MethodSpec> parts = new ArrayList<>();
    private final ArrayReuse reuse;
    private final Map<Dim, String> dimNames = new LinkedHashMap<>();
    private final Map<String, Array> arrayParameters = new LinkedHashMap<>();
    private final Map<String, String> scalarParameters = new LinkedHashMap<>();
    private final boolean fixedSize;

    ClassGenerator(DerivedFunction derived, String packageName, String sourceName) {
        this.derived = derived;
        this.function = derived.function();
        this.packageName = packageName;
        this.sourceName = sourceName;
        for (String reserved : List.of("value", "valueAndGradient", "checkLength", "square", "relu", "step",
                "sigmoid", "softplus", "logSumExp", "luFactor", "luInverse")) {
            names.newName(reserved, "reserved:" + reserved);
        }
        boolean allFixed = true;
        for (Expr.Variable p : function.params()) {
            for (Dim d : List.of(p.shape().rows(), p.shape().cols())) {
                if (d instanceof Dim.Symbol s && !dimNames.containsKey(d)) {
                    dimNames.put(d, names.newName(s.name(), d));
                }
                allFixed &= d instanceof Dim.Fixed f && f.size() <= JavaEmitter.UNROLL_LIMIT;
            }
        }
        this.fixedSize = allFixed && dimNames.isEmpty();
        this.reuse = new ArrayReuse(workspace.namedTemporaries());
        for (Expr.Variable p : function.params()) {
            String javaName = names.newName(p.name(), p);
            if (p.shape().isScalar()) {
                scalarParameters.put(p.name(), javaName);
            } else {
                arrayParameters.put(p.name(), new Array(javaName, p.shape().rows(), p.shape().cols(),
                        Array.Role.PARAMETER));
            }
        }
    }

    JavaFile generate() {
        String className = className(function.name());
        TypeSpec.Builder type = TypeSpec.classBuilder(className)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("$L", classJavadoc());
        List<MethodSpec> methods = new ArrayList<>();
        // The simplified body: the value shares its nodes with the derivatives, and gets the
        // numerically careful forms (log Σ exp as logsumexp, log(1 + exp) as softplus).
        Expr f = derived.body();
        methods.add(valueMethod(f));
        if (!derived.gradients().isEmpty()) {
            methods.add(valueAndGradientMethod(f, derived.gradients()));
        }
        for (DerivedFunction.Derivative d : derived.derivatives()) {
            methods.add(d.kind() == DerivativeRequest.Kind.JACOBIAN
                    ? derivativeMethod("jacobian", d.wrt(), d.value(), "Jacobian in numerator layout")
                    : derivativeMethod("hessian", d.wrt(), d.value(), "Hessian"));
        }
        for (Map.Entry<Dim, String> dim : dimNames.entrySet()) {
            type.addField(FieldSpec.builder(TypeName.INT, dim.getValue(), Modifier.PRIVATE, Modifier.FINAL).build());
        }
        for (Array temp : workspaceArrays()) {
            type.addField(FieldSpec.builder(double[].class, temp.name(), Modifier.PRIVATE, Modifier.FINAL).build());
        }
        for (String pivots : workspace.pivotArrays().keySet()) {
            type.addField(FieldSpec.builder(int[].class, pivots, Modifier.PRIVATE, Modifier.FINAL).build());
        }
        type.addMethod(constructor());
        methods.forEach(type::addMethod);
        parts.forEach(type::addMethod);
        type.addMethod(checkLength());
        Helpers.used(helpers).forEach(type::addMethod);
        return JavaFile.builder(packageName, type.build())
                .addFileComment("Generated by chainrule from $L. Do not edit: change the .calc file and regenerate.",
                        sourceName)
                .indent("    ")
                .skipJavaLangImports(true)
                .build();
    }

    // ---- methods --------------------------------------------------------------------------------

    private MethodSpec valueMethod(Expr f) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("value").addModifiers(Modifier.PUBLIC);
        addParameters(m);
        List<Root> roots = new ArrayList<>();
        String doc = "The value of {@code " + function.name() + "}.\n\n" + parameterDocs();
        if (f.shape().isScalar()) {
            m.returns(TypeName.DOUBLE);
            roots.add(new Root(f, new Target.Returned()));
            doc += "@return " + javadocText(formula(f)) + "\n";
        } else {
            Array out = output("value", f.shape());
            m.addParameter(double[].class, out.name());
            roots.add(new Root(f, new Target.Into(out)));
            doc += "@param " + out.name() + " receives the value, " + layout(f.shape()) + "\n";
        }
        m.addJavadoc("$L", doc);
        m.addCode(checks(roots));
        m.addCode(body("value", roots, m));
        return m.build();
    }

    private MethodSpec valueAndGradientMethod(Expr f, Map<Expr.Variable, Expr> gradients) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("valueAndGradient").addModifiers(Modifier.PUBLIC)
                .returns(TypeName.DOUBLE);
        addParameters(m);
        List<Root> roots = new ArrayList<>();
        roots.add(new Root(f, new Target.Returned()));
        StringBuilder doc = new StringBuilder("The value of {@code " + function.name()
                + "} and its gradient, computed together in one pass.\n\n");
        StringBuilder outputs = new StringBuilder();
        for (Expr.Variable v : gradients.keySet()) {
            Array out = output("grad" + capitalize(v.name()), v.shape());
            m.addParameter(double[].class, out.name());
            roots.add(new Root(gradients.get(v), new Target.Into(out)));
            outputs.append("@param ").append(out.name()).append(" receives ∂").append(function.name()).append("/∂")
                    .append(v.name()).append(" = ").append(javadocText(formula(gradients.get(v)))).append(", ")
                    .append(v.shape().isScalar() ? "in its entry 0 (an array of length 1)" : layout(v.shape()))
                    .append("\n");
        }
        doc.append(parameterDocs()).append(outputs).append("@return the value\n");
        m.addJavadoc("$L", doc.toString());
        m.addCode(checks(roots));
        m.addCode(body("valueAndGradient", roots, m));
        return m.build();
    }

    private MethodSpec derivativeMethod(String kind, Expr.Variable v, Expr derivative, String what) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(kind + capitalize(v.name())).addModifiers(Modifier.PUBLIC);
        addParameters(m);
        Array out = output(kind + capitalize(v.name()), derivative.shape());
        m.addParameter(double[].class, out.name());
        List<Root> roots = List.of(new Root(derivative, new Target.Into(out)));
        m.addJavadoc("$L", "The " + what + " of {@code " + function.name() + "} with respect to {@code " + v.name()
                + "}.\n\n" + parameterDocs() + "@param " + out.name() + " receives "
                + javadocText(formula(derivative)) + ", " + layout(derivative.shape()) + "\n");
        m.addCode(checks(roots));
        m.addCode(body(kind + capitalize(v.name()), roots, m));
        return m.build();
    }

    private Array output(String suggestion, Shape shape) {
        String name = names.newName(suggestion);
        return new Array(name, shape.rows(), shape.cols(), Array.Role.OUTPUT);
    }

    private void addParameters(MethodSpec.Builder m) {
        for (Expr.Variable p : function.params()) {
            if (p.shape().isScalar()) {
                m.addParameter(TypeName.DOUBLE, scalarParameters.get(p.name()));
            } else {
                m.addParameter(double[].class, arrayParameters.get(p.name()).name());
            }
        }
    }

    private CodeBlock checks(List<Root> roots) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (Map.Entry<Dim, String> dim : dimNames.entrySet()) {
            code.addStatement("final int $L = this.$L", dim.getValue(), dim.getValue());
        }
        for (Expr.Variable p : function.params()) {
            if (!p.shape().isScalar()) {
                Array a = arrayParameters.get(p.name());
                code.addStatement("checkLength($S, $L, $L, $S)", a.name(), a.name(), length(a), describe(p.shape()));
            }
        }
        for (Root root : roots) {
            if (root.target() instanceof Target.Into into) {
                Array a = into.array();
                code.addStatement("checkLength($S, $L, $L, $S)", a.name(), a.name(), length(a),
                        root.expr().shape().isScalar() ? "an array of length 1" : describe(root.expr().shape()));
            }
        }
        return code.build();
    }

    /**
     * The statements computing the roots, fused; unrolled when every dimension is small and fixed
     * and the result stays small; split into private parts when it would be too large to JIT.
     */
    private CodeBlock body(String methodName, List<Root> roots, MethodSpec.Builder method) {
        List<Stmt> statements = reuse.assign(Fusion.optimize(new Lowering(arrayParameters, scalarParameters, workspace)
                .named(function.locals()).lower(roots)));
        boolean unroll = fixedSize && SizeEstimate.of(statements, JavaEmitter.UNROLL_LIMIT) <= METHOD_BUDGET;
        int unrollLimit = unroll ? JavaEmitter.UNROLL_LIMIT : 0;
        if (SizeEstimate.of(statements, unrollLimit) <= METHOD_BUDGET) {
            return emit(statements, unrollLimit, unroll);
        }
        Splitter.Split split = Splitter.split(statements, METHOD_BUDGET, unrollLimit, workspace);
        if (split.carried() != null) {
            referencedArrays.add(split.carried().name());
        }
        MethodSpec whole = method.build();
        CodeBlock.Builder calls = CodeBlock.builder();
        String arguments = String.join(", ", whole.parameters().stream().map(p -> p.name()).toList());
        for (int k = 0; k < split.parts().size(); k++) {
            List<Stmt> part = split.parts().get(k);
            boolean returns = !part.isEmpty() && part.get(part.size() - 1) instanceof Stmt.Return;
            String name = names.newName(methodName + "Part" + (k + 1));
            MethodSpec.Builder helper = MethodSpec.methodBuilder(name)
                    .addModifiers(Modifier.PRIVATE)
                    .addJavadoc("Part $L of {@link #$L}, which is split to stay small enough for the JIT.\n",
                            k + 1, methodName)
                    .addParameters(whole.parameters())
                    .returns(returns ? TypeName.DOUBLE : TypeName.VOID);
            for (Map.Entry<Dim, String> dim : dimNames.entrySet()) {
                helper.addStatement("final int $L = this.$L", dim.getValue(), dim.getValue());
            }
            helper.addCode(emit(part, unrollLimit, false));
            parts.add(helper.build());
            if (returns) {
                calls.addStatement("return $L($L)", name, arguments);
            } else {
                calls.addStatement("$L($L)", name, arguments);
            }
        }
        return calls.build();
    }

    private CodeBlock emit(List<Stmt> statements, int unrollLimit, boolean scalarize) {
        Set<String> reserved = new HashSet<>(dimNames.values());
        arrayParameters.values().forEach(a -> reserved.add(a.name()));
        reserved.addAll(scalarParameters.values());
        JavaEmitter emitter = new JavaEmitter(dimNames, unrollLimit, scalarize, reserved, helpers);
        CodeBlock code = emitter.emit(statements);
        referencedArrays.addAll(emitter.referencedArrays());
        return code;
    }

    private MethodSpec constructor() {
        MethodSpec.Builder c = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC);
        StringBuilder doc = new StringBuilder(dimNames.isEmpty()
                ? "Every dimension is fixed: nothing to size.\n"
                : "Sizes the workspace for the given dimensions, once; every call then allocates nothing.\n\n");
        for (String dim : dimNames.values()) {
            c.addParameter(TypeName.INT, dim);
            doc.append("@param ").append(dim).append(" the dimension ").append(dim).append(", at least 1\n");
            c.beginControlFlow("if ($L < 1)", dim)
                    .addStatement("throw new IllegalArgumentException($S + $L)", dim + " must be at least 1, not ", dim)
                    .endControlFlow();
            c.addStatement("this.$L = $L", dim, dim);
        }
        for (Array temp : workspaceArrays()) {
            c.addStatement("this.$L = new double[$L]", temp.name(), length(temp));
        }
        workspace.pivotArrays().forEach((name, n) -> c.addStatement("this.$L = new int[$L]", name, dim(n)));
        c.addJavadoc("$L", doc.toString());
        return c.build();
    }

    /** The workspace arrays the emitted code names: shared, dedicated and carried ones. */
    private List<Array> workspaceArrays() {
        List<Array> arrays = new ArrayList<>();
        for (Array temp : workspace.temporaries()) {
            if (referencedArrays.contains(temp.name())) {
                arrays.add(temp);
            }
        }
        return arrays;
    }

    private static MethodSpec checkLength() {
        return MethodSpec.methodBuilder("checkLength")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(String.class, "name")
                .addParameter(double[].class, "array")
                .addParameter(TypeName.INT, "expected")
                .addParameter(String.class, "shape")
                .beginControlFlow("if (array == null)")
                .addStatement("throw new IllegalArgumentException(name + $S + shape)", " must not be null: expected ")
                .endControlFlow()
                .beginControlFlow("if (array.length != expected)")
                .addStatement("throw new IllegalArgumentException(name + $S + expected + $S + shape + $S + array.length)",
                        ": expected length ", " (", "), got ")
                .endControlFlow()
                .build();
    }

    // ---- text -----------------------------------------------------------------------------------

    private String length(Array a) {
        String rows = dim(a.rows());
        String cols = dim(a.cols());
        if (a.cols().equals(Dim.ONE)) {
            return rows;
        }
        if (a.rows().equals(Dim.ONE)) {
            return cols;
        }
        if (a.rows() instanceof Dim.Fixed r && a.cols() instanceof Dim.Fixed c) {
            return Integer.toString(r.size() * c.size());
        }
        return rows + " * " + cols;
    }

    private String dim(Dim d) {
        return d instanceof Dim.Fixed f ? Integer.toString(f.size()) : dimNames.get(d);
    }

    private static String describe(Shape shape) {
        return shape.isMatrix() ? shape + ", row-major" : shape.isRow() ? "vector[" + shape.cols() + "]" : shape.toString();
    }

    private static String layout(Shape shape) {
        if (shape.isMatrix()) {
            return "a " + shape.rows() + " × " + shape.cols() + " matrix, row-major";
        }
        if (shape.isScalar()) {
            return "in its entry 0";
        }
        return "a vector of length " + shape.length();
    }

    private String parameterDocs() {
        StringBuilder doc = new StringBuilder();
        for (Expr.Variable p : function.params()) {
            String name = p.shape().isScalar() ? scalarParameters.get(p.name()) : arrayParameters.get(p.name()).name();
            doc.append("@param ").append(name).append(" ").append(p.name()).append(": ").append(describe(p.shape()))
                    .append("\n");
        }
        return doc.toString();
    }

    private String classJavadoc() {
        StringBuilder doc = new StringBuilder();
        String signature = function.name() + "(" + String.join(", ",
                function.params().stream().map(Expr.Variable::name).toList()) + ")";
        doc.append("<pre>").append(javadocText(signature + " = " + formula(function.body()))).append("</pre>\n\n");
        doc.append("<p>Parameters: ");
        doc.append(String.join(", ", function.params().stream()
                .map(p -> "{@code " + p.name() + "}: " + javadocText(p.shape().toString())).toList())).append(".\n");
        for (TypedFunction.Request r : function.requests()) {
            String kind = r.kind() == DerivativeRequest.Kind.GRADIENT ? "Gradient"
                    : r.kind() == DerivativeRequest.Kind.JACOBIAN ? "Jacobian" : "Hessian";
            doc.append("<p>").append(kind).append(" with respect to ")
                    .append(String.join(", ", r.wrt().stream().map(Expr.Variable::name).toList()))
                    .append(r.kind() == DerivativeRequest.Kind.GRADIENT ? ", each in the shape of its variable"
                            : r.kind() == DerivativeRequest.Kind.JACOBIAN ? ", in numerator layout (m × n)" : " (n × n)")
                    .append(".\n");
        }
        doc.append("\n<p>Vectors are {@code double[]}; a matrix is a row-major {@code double[]}: entry (i, j) of an "
                + "m × n matrix is at index {@code i * n + j}.\n");
        doc.append("\n<p>Not thread-safe: an instance owns its workspace, so use one instance per thread. "
                + "Calls allocate nothing.\n");
        doc.append("\n<p>Generated by chainrule from ").append(javadocText(sourceName)).append(", line ")
                .append(function.span().line()).append(".\n");
        return doc.toString();
    }

    /**
     * A formula for the Javadoc: as a tree while that stays short, else with its shared subexpressions
     * named, and if even that is too long for a comment, its size instead.
     */
    private static String formula(Expr e) {
        String text = Printer.printCompact(e, Format.TEXT, FORMULA_TREE_NODES);
        if (text.length() <= FORMULA_CHARACTERS) {
            return text;
        }
        return "a formula of " + Traversal.size(e) + " distinct operations, too long to show here";
    }

    /** Text safe inside Javadoc: HTML's special characters as entities, and no comment terminator. */
    static String javadocText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;")
                .replace("@", "&#64;");
    }

    static String className(String functionName) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char ch : functionName.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return out.toString();
    }

    private static String capitalize(String name) {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    static int size(Expr e) {
        return Traversal.size(e);
    }
}

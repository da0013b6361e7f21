package dev.chainrule.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.chainrule.codegen.loop.LoopCompiler;
import dev.chainrule.codegen.loop.LoopCompiler.Root;
import dev.chainrule.derive.Derivatives;
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

    private final TypedFunction function;
    private final String packageName;
    private final String sourceName;
    private final NameAllocator names = new NameAllocator();
    private final Map<Dim, String> dimNames = new LinkedHashMap<>();
    private final Map<String, String> javaNames = new LinkedHashMap<>();
    private final LoopCompiler loops;
    /** Each method's signature and Javadoc, waiting for its body. */
    private final Map<String, MethodSpec.Builder> methods = new LinkedHashMap<>();

    ClassGenerator(TypedFunction function, String packageName, String sourceName) {
        this.function = function;
        this.packageName = packageName;
        this.sourceName = sourceName;
        for (String reserved : List.of("value", "valueAndGradient", "checkLength", "square", "relu", "step",
                "sigmoid", "softplus", "logSumExp", "luFactor", "luInverse")) {
            names.newName(reserved, "reserved:" + reserved);
        }
        for (Expr.Variable p : function.params()) {
            for (Dim d : List.of(p.shape().rows(), p.shape().cols())) {
                if (d instanceof Dim.Symbol s && !dimNames.containsKey(d)) {
                    dimNames.put(d, names.newName(s.name(), d));
                }
            }
        }
        Map<Expr.Variable, String> parameters = new LinkedHashMap<>();
        for (Expr.Variable p : function.params()) {
            String javaName = names.newName(p.name(), p);
            javaNames.put(p.name(), javaName);
            parameters.put(p, javaName);
        }
        this.loops = new LoopCompiler(parameters, dimNames, function.locals(), names::newName);
    }

    JavaFile generate() {
        String className = className(function.name());
        TypeSpec.Builder type = TypeSpec.classBuilder(className)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("$L", classJavadoc());
        // The simplified body: the value shares its nodes with the derivatives, and gets the
        // numerically careful forms (log Σ exp as logsumexp, log(1 + exp) as softplus).
        Expr f = dev.chainrule.simplify.Simplifier.simplify(function.body());
        valueMethod(f);
        List<Expr.Variable> gradientVariables = new ArrayList<>();
        for (TypedFunction.Request request : function.requests()) {
            if (request.kind() == DerivativeRequest.Kind.GRADIENT) {
                request.wrt().stream().filter(v -> !gradientVariables.contains(v)).forEach(gradientVariables::add);
            }
        }
        if (!gradientVariables.isEmpty()) {
            valueAndGradientMethod(f, gradientVariables);
        }
        for (TypedFunction.Request request : function.requests()) {
            switch (request.kind()) {
                case GRADIENT -> { }
                case JACOBIAN -> request.wrt().forEach(v -> derivativeMethod("jacobian", v,
                        Derivatives.jacobian(f, v), "Jacobian in numerator layout"));
                case HESSIAN -> request.wrt().forEach(v -> derivativeMethod("hessian", v,
                        Derivatives.hessian(f, v), "Hessian"));
            }
        }
        for (Map.Entry<Dim, String> dim : dimNames.entrySet()) {
            type.addField(FieldSpec.builder(TypeName.INT, dim.getValue(), Modifier.PRIVATE, Modifier.FINAL).build());
        }
        loops.fields().forEach(type::addField);
        type.addMethod(constructor());
        List<MethodSpec> parts = new ArrayList<>();
        loops.methods().forEach((name, code) -> {
            MethodSpec.Builder method = methods.get(name);
            method.addCode(code.body());
            MethodSpec whole = method.build();
            type.addMethod(whole);
            for (int k = 0; k < code.parts().size(); k++) {
                LoopCompiler.PartCode part = code.parts().get(k);
                MethodSpec.Builder helper = MethodSpec.methodBuilder(part.name())
                        .addModifiers(Modifier.PRIVATE)
                        .addJavadoc("Part $L of {@link #$L}, which is split to stay small enough for the JIT.\n",
                                k + 1, name)
                        .addParameters(whole.parameters())
                        .returns(part.returnsValue() ? TypeName.DOUBLE : TypeName.VOID);
                for (Map.Entry<Dim, String> dim : dimNames.entrySet()) {
                    helper.addStatement("final int $L = this.$L", dim.getValue(), dim.getValue());
                }
                parts.add(helper.addCode(part.body()).build());
            }
        });
        parts.forEach(type::addMethod);
        type.addMethod(checkLength());
        loops.helpers().forEach(type::addMethod);
        return JavaFile.builder(packageName, type.build())
                .addFileComment("Generated by chainrule from $L. Do not edit: change the .calc file and regenerate.",
                        sourceName)
                .indent("    ")
                .skipJavaLangImports(true)
                .build();
    }

    // ---- methods --------------------------------------------------------------------------------

    private void valueMethod(Expr f) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("value").addModifiers(Modifier.PUBLIC);
        addParameters(m);
        List<Root> roots = new ArrayList<>();
        String doc = "The value of {@code " + function.name() + "}.\n\n" + parameterDocs();
        if (f.shape().isScalar()) {
            m.returns(TypeName.DOUBLE);
            roots.add(Root.returned(f));
            doc += "@return " + javadocText(formula(f)) + "\n";
        } else {
            String out = names.newName("value");
            m.addParameter(double[].class, out);
            roots.add(Root.into(out, f));
            doc += "@param " + out + " receives the value, " + layout(f.shape()) + "\n";
        }
        m.addJavadoc("$L", doc);
        m.addCode(checks(roots));
        add("value", m, roots);
    }

    private void valueAndGradientMethod(Expr f, List<Expr.Variable> wrt) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("valueAndGradient").addModifiers(Modifier.PUBLIC)
                .returns(TypeName.DOUBLE);
        addParameters(m);
        Map<Expr.Variable, Expr> gradients = Derivatives.gradients(f, wrt);
        List<Root> roots = new ArrayList<>();
        roots.add(Root.returned(f));
        StringBuilder doc = new StringBuilder("The value of {@code " + function.name()
                + "} and its gradient, computed together in one pass.\n\n");
        StringBuilder outputs = new StringBuilder();
        for (Expr.Variable v : wrt) {
            String out = names.newName("grad" + capitalize(v.name()));
            m.addParameter(double[].class, out);
            roots.add(Root.into(out, gradients.get(v)));
            outputs.append("@param ").append(out).append(" receives ∂").append(function.name()).append("/∂")
                    .append(v.name()).append(" = ").append(javadocText(formula(gradients.get(v)))).append(", ")
                    .append(v.shape().isScalar() ? "in its entry 0 (an array of length 1)" : layout(v.shape()))
                    .append("\n");
        }
        doc.append(parameterDocs()).append(outputs).append("@return the value\n");
        m.addJavadoc("$L", doc.toString());
        m.addCode(checks(roots));
        add("valueAndGradient", m, roots);
    }

    private void derivativeMethod(String kind, Expr.Variable v, Expr derivative, String what) {
        String name = kind + capitalize(v.name());
        MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC);
        addParameters(m);
        String out = names.newName(name);
        m.addParameter(double[].class, out);
        List<Root> roots = List.of(Root.into(out, derivative));
        m.addJavadoc("$L", "The " + what + " of {@code " + function.name() + "} with respect to {@code " + v.name()
                + "}.\n\n" + parameterDocs() + "@param " + out + " receives "
                + javadocText(formula(derivative)) + ", " + layout(derivative.shape()) + "\n");
        m.addCode(checks(roots));
        add(name, m, roots);
    }

    private void add(String name, MethodSpec.Builder method, List<Root> roots) {
        methods.put(name, method);
        String arguments = String.join(", ", method.build().parameters().stream().map(p -> p.name()).toList());
        loops.add(name, roots, arguments);
    }

    private void addParameters(MethodSpec.Builder m) {
        for (Expr.Variable p : function.params()) {
            m.addParameter(p.shape().isScalar() ? TypeName.DOUBLE : TypeName.get(double[].class), javaNames.get(p.name()));
        }
    }

    private CodeBlock checks(List<Root> roots) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (Map.Entry<Dim, String> dim : dimNames.entrySet()) {
            code.addStatement("final int $L = this.$L", dim.getValue(), dim.getValue());
        }
        for (Expr.Variable p : function.params()) {
            if (!p.shape().isScalar()) {
                String a = javaNames.get(p.name());
                code.addStatement("checkLength($S, $L, $L, $S)", a, a, length(p.shape()), describe(p.shape()));
            }
        }
        for (Root root : roots) {
            if (root.output() != null) {
                String a = root.output();
                code.addStatement("checkLength($S, $L, $L, $S)", a, a, length(root.expr().shape()),
                        root.expr().shape().isScalar() ? "an array of length 1" : describe(root.expr().shape()));
            }
        }
        return code.build();
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
        c.addCode(loops.allocations());
        c.addJavadoc("$L", doc.toString());
        return c.build();
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

    private String length(Shape shape) {
        String rows = dim(shape.rows());
        String cols = dim(shape.cols());
        if (shape.cols().equals(Dim.ONE)) {
            return rows;
        }
        if (shape.rows().equals(Dim.ONE)) {
            return cols;
        }
        if (shape.rows() instanceof Dim.Fixed r && shape.cols() instanceof Dim.Fixed c) {
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
            String name = javaNames.get(p.name());
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
                .append(function.decl().span().line()).append(".\n");
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

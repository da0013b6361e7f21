package dev.chainrule.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.chainrule.codegen.loop.LoopCompiler;
import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes the class a {@link ClassPlan} describes: fields, a constructor that sizes the workspace,
 * each method (argument checks, then the body the {@link LoopCompiler} writes), the private parts
 * of split methods, and the helpers the bodies call.
 */
final class ClassWriter {
    private final ClassPlan plan;
    private final String packageName;
    private final String sourceName;
    private final Javadocs docs;

    ClassWriter(ClassPlan plan, String packageName, String sourceName) {
        this.plan = plan;
        this.packageName = packageName;
        this.sourceName = sourceName;
        this.docs = new Javadocs(plan, sourceName);
    }

    JavaFile write() {
        LoopCompiler loops = new LoopCompiler(plan.inputs(), plan.dimensions(), plan.localDefinitions(),
                plan.taken(), plan.numbers());
        // The bodies over rows first: the whole calls of a class that has them call them.
        RowRangeWriter rows = plan.rowRange().map(range -> new RowRangeWriter(plan, range, this)).orElse(null);
        if (rows != null) {
            rows.addBodies(loops);
            if (!rows.offered()) {
                rows = null;
            }
        }
        List<MethodSpec.Builder> signatures = new ArrayList<>();
        for (ClassPlan.Method method : plan.methods()) {
            MethodSpec.Builder signature = signature(method);
            signatures.add(signature);
            if (rows != null && rows.delegates(method)) {
                continue;
            }
            List<LoopCompiler.Root> roots = new ArrayList<>();
            if (method.returned() != null) {
                roots.add(LoopCompiler.Root.returned(method.returned()));
            }
            method.outputs().forEach(out -> roots.add(LoopCompiler.Root.into(out.name(), out.expr())));
            String arguments = String.join(", ", signature.build().parameters().stream().map(p -> p.name()).toList());
            loops.add(method.name(), roots, arguments);
        }
        TypeSpec.Builder type = TypeSpec.classBuilder(plan.className())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("$L", docs.forClass(rows != null));
        plan.dimensions().values().forEach(dim ->
                type.addField(FieldSpec.builder(TypeName.INT, dim, Modifier.PRIVATE, Modifier.FINAL).build()));
        Map<String, LoopCompiler.MethodCode> bodies = loops.methods();
        loops.fields().forEach(type::addField);
        List<Dim> lengths = new ArrayList<>(loops.workspaceLengths());
        CodeBlock allocations = loops.allocations();
        if (rows != null) {
            rows.addFields(type);
            allocations = CodeBlock.builder().add(allocations).add(rows.allocations(lengths)).build();
        }
        type.addMethod(constructor(allocations, lengths));
        List<MethodSpec> parts = new ArrayList<>();
        for (int m = 0; m < plan.methods().size(); m++) {
            ClassPlan.Method method = plan.methods().get(m);
            if (rows != null && rows.delegates(method)) {
                type.addMethod(signatures.get(m).addCode(checks(method)).addCode(rows.delegation(method)).build());
                continue;
            }
            LoopCompiler.MethodCode code = bodies.get(method.name());
            MethodSpec whole = signatures.get(m).addCode(checks(method)).addCode(code.body()).build();
            type.addMethod(whole);
            for (int k = 0; k < code.parts().size(); k++) {
                parts.add(part(code.parts().get(k), k + 1, method.name(), whole.parameters()));
            }
        }
        if (rows != null) {
            rows.publicMethods().forEach(type::addMethod);
        }
        parts.forEach(type::addMethod);
        List<MethodSpec> rowHelpers = rows == null ? List.of() : rows.privateMethods(bodies);
        type.addMethod(checkLength());
        type.addMethod(wrongLength());
        if (plan.methods().stream().anyMatch(m -> !aliasing(m).isEmpty())) {
            type.addMethod(aliased());
        }
        rowHelpers.forEach(type::addMethod);
        loops.carefulPaths().forEach(type::addMethod);
        loops.helpers().forEach(type::addMethod);
        // Last, once every body has named the helpers it calls; JavaPoet writes static fields first.
        loops.helperConstants().forEach(type::addField);
        if (rows != null) {
            type.addType(rows.chunkTask());
        }
        return JavaFile.builder(packageName, type.build())
                .addFileComment("Generated by chainrule from $L. Do not edit: change the .calc file and regenerate.",
                        sourceName)
                .indent("    ")
                .skipJavaLangImports(true)
                .build();
    }

    private MethodSpec.Builder signature(ClassPlan.Method method) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(method.name()).addModifiers(Modifier.PUBLIC)
                .returns(method.returned() != null ? plan.numbers().scalar() : TypeName.VOID)
                .addJavadoc("$L", docs.forMethod(method, aliasing(method)));
        plan.parameters().forEach((p, javaName) -> m.addParameter(type(p.shape()), javaName));
        if (method.direction() != null) {
            m.addParameter(type(method.direction().shape()), method.directionName());
        }
        method.outputs().forEach(out -> m.addParameter(plan.numbers().array(), out.name()));
        return m;
    }

    /** The Java type of an argument of this shape: a number, or an array of them. */
    TypeName type(Shape shape) {
        return shape.isScalar() ? plan.numbers().scalar() : plan.numbers().array();
    }

    /** The dimensions as locals, then a length check of every array argument. */
    CodeBlock checks(ClassPlan.Method method) {
        return checks(method, plan.parameters());
    }

    /** The dimensions as locals, then a length check of every array argument among {@code parameters}. */
    CodeBlock checks(ClassPlan.Method method, Map<Expr.Variable, String> parameters) {
        CodeBlock.Builder code = CodeBlock.builder();
        code.add(dimensionLocals());
        parameters.forEach((p, javaName) -> {
            if (!p.shape().isScalar()) {
                code.addStatement("checkLength($S, $L, $L, $S)", javaName, javaName, length(p.shape()),
                        Javadocs.describe(p.shape()));
            }
        });
        if (method.direction() != null && !method.direction().shape().isScalar()) {
            code.addStatement("checkLength($S, $L, $L, $S)", method.directionName(), method.directionName(),
                    length(method.direction().shape()), Javadocs.describe(method.direction().shape()));
        }
        for (ClassPlan.Output out : method.outputs()) {
            Shape shape = out.expr().shape();
            code.addStatement("checkLength($S, $L, $L, $S)", out.name(), out.name(), length(shape),
                    shape.isScalar() ? "an array of length 1" : Javadocs.describe(shape));
        }
        aliasing(method).forEach((output, others) -> {
            CodeBlock.Builder condition = CodeBlock.builder();
            for (int i = 0; i < others.size(); i++) {
                condition.add(i == 0 ? "$L == $L" : "$W|| $L == $L", output, others.get(i));
            }
            code.beginControlFlow("if ($L)", condition.build())
                    .addStatement("throw aliased($S, $S)", output, Javadocs.orList(others))
                    .endControlFlow();
        });
        return code.build();
    }

    /**
     * The array arguments of a method that each output must not be: the array inputs the method
     * reads (it would read what it has overwritten) and the outputs before it (one would overwrite
     * the other), leaving out those whose lengths are fixed and differ from the output's. Which of
     * them would give wrong results depends on the order of reads and writes the optimiser chooses,
     * so none is allowed.
     */
    Map<String, List<String>> aliasing(ClassPlan.Method method) {
        Map<String, Shape> read = new LinkedHashMap<>();
        Set<String> variables = new HashSet<>();
        if (method.returned() != null) {
            variables.addAll(Traversal.variables(method.returned()).keySet());
        }
        method.outputs().forEach(out -> variables.addAll(Traversal.variables(out.expr()).keySet()));
        plan.inputs().forEach((v, javaName) -> {
            boolean isInput = plan.parameters().containsKey(v) || v.equals(method.direction());
            if (isInput && !v.shape().isScalar() && variables.contains(v.name())) {
                read.put(javaName, v.shape());
            }
        });
        Map<String, List<String>> aliasing = new LinkedHashMap<>();
        Map<String, Shape> others = new LinkedHashMap<>(read);
        for (ClassPlan.Output out : method.outputs()) {
            Shape shape = out.expr().shape();
            List<String> distinct = new ArrayList<>();
            others.forEach((other, otherShape) -> {
                if (mayHaveEqualLengths(shape, otherShape)) {
                    distinct.add(other);
                }
            });
            if (!distinct.isEmpty()) {
                aliasing.put(out.name(), distinct);
            }
            others.put(out.name(), shape);
        }
        return aliasing;
    }

    private static boolean mayHaveEqualLengths(Shape a, Shape b) {
        Dim first = Dim.product(a.rows(), a.cols());
        Dim second = Dim.product(b.rows(), b.cols());
        return !(first instanceof Dim.Fixed f && second instanceof Dim.Fixed g && f.size() != g.size());
    }

    CodeBlock dimensionLocals() {
        CodeBlock.Builder code = CodeBlock.builder();
        plan.dimensions().values().forEach(dim -> code.addStatement("final int $L = this.$L", dim, dim));
        return code.build();
    }

    MethodSpec part(LoopCompiler.PartCode part, int number, String method, List<ParameterSpec> parameters) {
        return MethodSpec.methodBuilder(part.name())
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("$L", part.whole() ? Javadocs.forUnchecked(method) : Javadocs.forPart(number, method))
                .addParameters(parameters)
                .addParameters(part.workspace())
                .returns(part.returnsValue() ? plan.numbers().scalar() : TypeName.VOID)
                .addCode(dimensionLocals())
                .addCode(part.body())
                .build();
    }

    /**
     * Checks each dimension, at least 1 or what the entries the function takes need (n ≥ 3 for
     * x[3]), then the requirements on compound sizes and that the workspace fits Java arrays, then
     * allocates the workspace.
     */
    private MethodSpec constructor(CodeBlock allocations, List<Dim> workspaceLengths) {
        MethodSpec.Builder c = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC);
        List<SizeRequirements.Requirement> requirements = new ArrayList<>(plan.sizeRequirements());
        plan.dimensions().forEach((d, dim) -> {
            c.addParameter(TypeName.INT, dim);
            SizeRequirements.Requirement own = requirements.stream().filter(r -> r.size().equals(d)).findFirst()
                    .orElse(null);
            requirements.remove(own);
            String least = own == null ? "1" : own.least().format(this::dimensionName);
            String because = own == null ? "" : " (" + own.because() + ")";
            c.beginControlFlow("if ($L < $L)", dim, least)
                    .addStatement("throw new IllegalArgumentException($S + $L)",
                            ((Dim.Symbol) d).name() + " must be at least " + (own == null ? "1" : own.least()) + because + ", not ", dim)
                    .endControlFlow();
            c.addStatement("this.$L = $L", dim, dim);
        });
        for (SizeRequirements.Requirement r : requirements) {
            String size = r.size().format(this::dimensionName);
            c.beginControlFlow("if ($L < $L)", size, r.least().format(this::dimensionName))
                    .addStatement("throw new IllegalArgumentException($S + $L)",
                            r.size() + " must be at least " + r.least() + " (" + r.because() + "), not ",
                            r.size() instanceof Dim.Symbol ? size : "(" + size + ")")
                    .endControlFlow();
        }
        c.addCode(lengthsFit(workspaceLengths));
        return c.addCode(allocations).addJavadoc("$L", docs.forConstructor()).build();
    }

    /**
     * A check for the length of each workspace array that is a product or sum of dimensions, such
     * as {@code n * n}: that it fits a Java array, computed in {@code double}, which cannot overflow
     * as {@code int} would (into a negative array size, or a smaller array than the loops index).
     * The arguments' lengths are checked by each call, in {@code long}.
     */
    private CodeBlock lengthsFit(List<Dim> workspaceLengths) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (Dim length : new java.util.LinkedHashSet<>(workspaceLengths)) {
            if (length instanceof Dim.Fixed || length instanceof Dim.Symbol) {
                continue;
            }
            String plain = length.format(this::dimensionName);
            String asDouble = isProduct(plain) ? "(double) " + plain
                    : length.format(symbol -> "(double) " + dimensionName(symbol));
            Set<String> symbols = new HashSet<>();
            length.substitute(symbol -> {
                symbols.add(symbol);
                return Dim.of(symbol);
            });
            CodeBlock.Builder values = CodeBlock.builder();
            String separator = ": ";
            for (Map.Entry<Dim, String> dim : plan.dimensions().entrySet()) {
                String symbol = ((Dim.Symbol) dim.getKey()).name();
                if (symbols.contains(symbol)) {
                    values.add("$W+ $S + $L", separator + symbol + " = ", dim.getValue());
                    separator = ", ";
                }
            }
            code.beginControlFlow("if ($L > Integer.MAX_VALUE)", asDouble)
                    .addStatement("throw new IllegalArgumentException($S$L)", "the workspace would need arrays of "
                            + length + " entries, more than a Java array holds", values.build())
                    .endControlFlow();
        }
        return code.build();
    }

    /** The exception of an output also passed as another argument (its checks are in each method). */
    private static MethodSpec aliased() {
        return MethodSpec.methodBuilder("aliased")
                .addJavadoc("The exception for an output array that is also passed as another argument: the method "
                        + "would\nread what it has overwritten, or write one output over another.\n")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(IllegalArgumentException.class)
                .addParameter(String.class, "output")
                .addParameter(String.class, "others")
                .addStatement("return new IllegalArgumentException(output + $S + others + $S)", " is also passed as ",
                        ": an output needs an array of its own")
                .build();
    }

    /**
     * The length check every method starts with. With symbolic dimensions it is an instance method,
     * so that a wrong length names their values and where they came from: "got 7; the constructor
     * was given N = 4, n = 2".
     */
    /**
     * {@code checkLength}: the test alone, small enough (under 35 bytes of bytecode) for HotSpot to
     * inline at every call, even one not yet hot; the message is built by {@link #wrongLength} only
     * where it is thrown.
     */
    private MethodSpec checkLength() {
        return MethodSpec.methodBuilder("checkLength")
                .addJavadoc("Throws unless {@code array} is an array of {@code expected} entries, an argument of the "
                        + "given\nshape.\n")
                .addModifiers(lengthCheckModifiers())
                .addParameter(String.class, "name")
                .addParameter(plan.numbers().array(), "array")
                .addParameter(TypeName.LONG, "expected")
                .addParameter(String.class, "shape")
                .beginControlFlow("if (array == null || array.length != expected)")
                .addStatement("throw wrongLength(name, array, expected, shape)")
                .endControlFlow()
                .build();
    }

    /** The exception for an argument that is null or of the wrong length, with the dimensions' values. */
    private MethodSpec wrongLength() {
        MethodSpec.Builder message = MethodSpec.methodBuilder("wrongLength")
                .addJavadoc("The exception for {@code array}, null or not of {@code expected} entries: what was "
                        + "expected and,\nfor a wrong length, what was given.\n")
                .addModifiers(lengthCheckModifiers())
                .returns(IllegalArgumentException.class)
                .addParameter(String.class, "name")
                .addParameter(plan.numbers().array(), "array")
                .addParameter(TypeName.LONG, "expected")
                .addParameter(String.class, "shape")
                .beginControlFlow("if (array == null)")
                .addStatement("return new IllegalArgumentException(name + $S + shape)", " must not be null: expected ")
                .endControlFlow();
        if (plan.dimensions().isEmpty()) {
            message.addStatement("return new IllegalArgumentException(name + $S + expected + $S + shape + $S + array.length)",
                    ": expected length ", " (", "), got ");
        } else {
            // this.n: a dimension may share its name with a parameter of this method (name, shape).
            CodeBlock.Builder given = CodeBlock.builder();
            String separator = "; the constructor was given ";
            for (Map.Entry<Dim, String> dim : plan.dimensions().entrySet()) {
                given.add("$W+ $S + this.$L", separator + ((Dim.Symbol) dim.getKey()).name() + " = ", dim.getValue());
                separator = ", ";
            }
            message.addStatement("return new IllegalArgumentException(name + $S + expected + $S + shape + $S$W+ array.length$L)",
                    ": expected length ", " (", "), got ", given.build());
        }
        return message.build();
    }

    /** Static where the message names no dimension of the instance. */
    private Modifier[] lengthCheckModifiers() {
        return plan.dimensions().isEmpty() ? new Modifier[] {Modifier.PRIVATE, Modifier.STATIC}
                : new Modifier[] {Modifier.PRIVATE};
    }

    /** The length of an array of this shape, as Java over the dimension locals: {@code n * n}, {@code 3}. */
    /**
     * The length of an array of this shape, as Java over the dimension locals: {@code n},
     * {@code 3}, and a product in {@code long} ({@code (long) m * n}), so that dimensions whose
     * product no array can hold give a length check that says so rather than an overflowed length.
     */
    private String length(Shape shape) {
        return inLong(Dim.product(shape.rows(), shape.cols()));
    }

    private String inLong(Dim length) {
        if (length instanceof Dim.Fixed || length instanceof Dim.Symbol) {
            return length.format(this::dimensionName);
        }
        String plain = length.format(this::dimensionName);
        return isProduct(plain) ? "(long) " + plain : length.format(symbol -> "(long) " + dimensionName(symbol));
    }

    private static boolean isProduct(String formatted) {
        return !formatted.contains(" + ") && !formatted.contains(" - ");
    }

    /** Names for the locals of a method written here, apart from every name the class declares. */
    com.palantir.javapoet.NameAllocator localNames() {
        com.palantir.javapoet.NameAllocator locals = new com.palantir.javapoet.NameAllocator();
        plan.taken().forEach(name -> locals.newName(name, "taken:" + name));
        return locals;
    }

    String dimensionName(String symbol) {
        String name = plan.dimensions().get(Dim.of(symbol));
        if (name == null) {
            throw new IllegalStateException("dimension " + symbol + " is not a parameter's");
        }
        return name;
    }
}

package dev.chainrule.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.chainrule.codegen.loop.LoopCompiler;
import dev.chainrule.codegen.loop.NumberType;
import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import javax.lang.model.element.Modifier;

/**
 * The methods of a sum over rows ({@link RowSums}) over a range of rows and in parallel:
 * {@code value(…, fromRow, toRow)}, {@code valueAndGradient(…, fromRow, toRow, grad…)} (adding
 * into its outputs) and {@code valueAndGradientParallel(…, grad…, chunks[, executor])}. Their
 * bodies are the loop compiler's, with every loop over the rows run over the range
 * ({@code valueOverRows}, {@code valueAndGradientOverRows}, private); the public methods check,
 * add the range's gradient into the caller's, or split the rows into chunks, one instance of the
 * class per chunk, and add the chunks' results up in chunk order.
 *
 * <p>The whole calls, {@code value} and {@code valueAndGradient}, are the bodies over rows called
 * with the range 0 to N ({@link #delegation}): one body, not two of the same text. The gradient's
 * body over rows overwrites its outputs (the public range method adds its buffer into the
 * caller's), so the whole call hands it the caller's outputs directly and costs nothing more.
 *
 * <p>A function that is a sum over rows plus terms that read no data ({@code sum(…)/N + λ‖w‖²})
 * has those terms apart, in {@code rowFreeTerms} and {@code rowFreeTermsAndGradient} (private,
 * over the parameters that are not data) and the public {@code valueOfRowFreeTerms} and
 * {@code valueAndGradientOfRowFreeTerms} (adding). The range methods compute the sum over their
 * rows only, so that ranges stay additive: calls over any partition of the rows, with the row-free
 * terms added once, are the whole, however the rows are laid out over instances (one per block of
 * a cluster job, each block's rows from 0). Adding the terms in the range that starts at row 0
 * instead would count them once per block there. The whole and parallel calls add them once.
 */
final class RowRangeWriter {
    static final String VALUE_OVER_ROWS = "valueOverRows";
    static final String GRADIENT_OVER_ROWS = "valueAndGradientOverRows";
    static final String ROW_FREE_VALUE = "rowFreeTerms";
    static final String ROW_FREE_GRADIENT = "rowFreeTermsAndGradient";

    private static final TypeName TASK = ParameterizedTypeName.get(ClassName.get(Future.class),
            WildcardTypeName.subtypeOf(Object.class));

    private final ClassPlan plan;
    private final ClassPlan.RowRange range;
    private final ClassWriter writer;
    private final Javadocs docs;
    private final ClassPlan.Method value;
    private final ClassPlan.Method gradient;
    private final boolean mixed;
    /** The parameters that are not data, which the row-free terms may read. */
    private final Map<Expr.Variable, String> rowFreeParameters = new LinkedHashMap<>();
    private boolean valueOffered;
    private boolean gradientOffered;

    RowRangeWriter(ClassPlan plan, ClassPlan.RowRange range, ClassWriter writer) {
        this.plan = plan;
        this.range = range;
        this.writer = writer;
        this.docs = new Javadocs(plan, plan.function().name());
        this.value = method(plan, ClassPlan.Kind.VALUE);
        this.gradient = method(plan, ClassPlan.Kind.VALUE_AND_GRADIENT);
        this.mixed = range.sum().hasRowFreePart();
        plan.parameters().forEach((p, javaName) -> {
            if (!range.data().contains(p)) {
                rowFreeParameters.put(p, javaName);
            }
        });
    }

    private static ClassPlan.Method method(ClassPlan plan, ClassPlan.Kind kind) {
        return plan.methods().stream().filter(m -> m.kind() == kind).findFirst().orElseThrow();
    }

    /**
     * Hands the loop compiler the bodies over rows. The gradient's first: if its loops cannot run
     * over a range (see {@code RowRestriction}), the class offers none of these methods.
     */
    void addBodies(LoopCompiler loops) {
        LoopCompiler.Rows rows = new LoopCompiler.Rows(range.rows(), range.from(), range.to());
        RowSums.Parts valueParts = range.sum().value();
        List<LoopCompiler.Root> gradientRoots = new ArrayList<>();
        gradientRoots.add(LoopCompiler.Root.returned(orZero(valueParts, valueParts.rows())));
        gradient.outputs().forEach(out -> {
            RowSums.Parts parts = range.sum().gradients().get(out.variable());
            gradientRoots.add(LoopCompiler.Root.into(out.name(), orZero(parts, parts.rows())));
        });
        gradientOffered = loops.addOverRows(GRADIENT_OVER_ROWS, gradientRoots, arguments(true), rows);
        valueOffered = gradientOffered && loops.addOverRows(VALUE_OVER_ROWS,
                List.of(LoopCompiler.Root.returned(orZero(valueParts, valueParts.rows()))), arguments(false), rows);
        if (gradientOffered && mixed) {
            LoopCompiler.Root freeValue = LoopCompiler.Root.returned(orZero(valueParts, valueParts.rowFree()));
            loops.addPrivate(ROW_FREE_VALUE, List.of(freeValue), rowFreeArguments(List.of()));
            List<LoopCompiler.Root> freeRoots = new ArrayList<>(List.of(freeValue));
            gradient.outputs().forEach(out -> {
                RowSums.Parts parts = range.sum().gradients().get(out.variable());
                freeRoots.add(LoopCompiler.Root.into(out.name(), orZero(parts, parts.rowFree())));
            });
            loops.addPrivate(ROW_FREE_GRADIENT, freeRoots,
                    rowFreeArguments(gradient.outputs().stream().map(ClassPlan.Output::name).toList()));
        }
    }

    /** A part of an expression, or a zero of its shape where the part is absent. */
    private static Expr orZero(RowSums.Parts parts, Expr part) {
        return part != null ? part : Expr.zero(parts.whole().shape());
    }

    private String rowFreeArguments(List<String> outputs) {
        List<String> names = new ArrayList<>(rowFreeParameters.values());
        names.addAll(outputs);
        return String.join(", ", names);
    }

    boolean offered() {
        return gradientOffered;
    }

    /** Whether a whole call is written as a call of the body over rows ({@link #delegation}). */
    boolean delegates(ClassPlan.Method method) {
        return method.kind() == ClassPlan.Kind.VALUE && valueOffered
                || method.kind() == ClassPlan.Kind.VALUE_AND_GRADIENT && gradientOffered;
    }

    /**
     * The body of a whole call, after its checks: the body over rows over rows 0 to N, which
     * overwrites the outputs as the whole call does, plus the row-free terms once if there are any
     * (their gradient computed into the range buffers, then added).
     */
    CodeBlock delegation(ClassPlan.Method method) {
        CodeBlock.Builder code = CodeBlock.builder()
                .add("// The whole is the range of every row: one body for both\n");
        String all = writer.dimensionName(rows());
        if (method.kind() == ClassPlan.Kind.VALUE) {
            String rowsCall = call(VALUE_OVER_ROWS, "0", all, List.of());
            return code.addStatement("return $L", mixed ? rowsCall + " + " + rowFreeCall(ROW_FREE_VALUE, List.of())
                    : rowsCall).build();
        }
        List<String> outputs = gradient.outputs().stream().map(ClassPlan.Output::name).toList();
        String rowsCall = call(GRADIENT_OVER_ROWS, "0", all, outputs);
        if (!mixed) {
            return code.addStatement("return $L", rowsCall).build();
        }
        NameAllocator locals = writer.localNames();
        String rowsValue = locals.newName("rowsValue");
        String freeValue = locals.newName("rowFreeValue");
        code.addStatement("final $L $L = $L", numbers().keyword(), rowsValue, rowsCall)
                .addStatement("final $L $L = $L", numbers().keyword(), freeValue, rowFreeCall(ROW_FREE_GRADIENT, scratchOutputs()));
        gradient.outputs().forEach(out -> code.addStatement("addInto($L, this.$L)", out.name(),
                range.scratch().get(out.name())));
        return code.addStatement("return $L + $L", rowsValue, freeValue).build();
    }

    private List<String> scratchOutputs() {
        return gradient.outputs().stream().map(out -> "this." + range.scratch().get(out.name())).toList();
    }

    private String rowFreeCall(String method, List<String> outputs) {
        List<String> names = new ArrayList<>(rowFreeParameters.values());
        names.addAll(outputs);
        return method + "(" + String.join(", ", names) + ")";
    }

    private String arguments(boolean outputs) {
        List<String> names = new ArrayList<>(plan.parameters().values());
        names.add(range.from());
        names.add(range.to());
        if (outputs) {
            gradient.outputs().forEach(out -> names.add(out.name()));
        }
        return String.join(", ", names);
    }

    /** The scratch arrays of the range method and the per-chunk state, as fields. */
    void addFields(TypeSpec.Builder type) {
        range.scratch().values().forEach(field ->
                type.addField(FieldSpec.builder(numbers().array(), field, Modifier.PRIVATE, Modifier.FINAL).build()));
        type.addField(FieldSpec.builder(ArrayTypeName.of(ClassName.bestGuess(plan.className())), range.workers(),
                Modifier.PRIVATE).addJavadoc("One instance per chunk of the parallel method, made when the number of chunks changes.\n").build());
        type.addField(FieldSpec.builder(numbers().array(), range.values(), Modifier.PRIVATE).build());
        type.addField(FieldSpec.builder(ArrayTypeName.of(TASK), range.tasks(), Modifier.PRIVATE).build());
    }

    /** The constructor's allocations of the scratch arrays, and their lengths to check. */
    CodeBlock allocations(List<Dim> lengths) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (ClassPlan.Output out : gradient.outputs()) {
            Dim length = Dim.product(out.expr().shape().rows(), out.expr().shape().cols());
            lengths.add(length);
            code.addStatement("this.$L = new $L[$L]", range.scratch().get(out.name()), numbers().keyword(),
                    length.format(writer::dimensionName));
        }
        return code.build();
    }

    /** The public methods. */
    List<MethodSpec> publicMethods() {
        List<MethodSpec> methods = new ArrayList<>();
        if (valueOffered) {
            methods.add(valueOverRange());
        }
        methods.add(gradientOverRange());
        if (mixed) {
            methods.add(rowFreeValue());
            methods.add(rowFreeGradient());
        }
        methods.add(parallel());
        methods.add(parallelOnCommonPool());
        return methods;
    }

    /** The private methods: the bodies over rows and their parts, then the helpers. */
    List<MethodSpec> privateMethods(Map<String, LoopCompiler.MethodCode> bodies) {
        List<MethodSpec> methods = new ArrayList<>();
        for (String name : valueOffered ? List.of(GRADIENT_OVER_ROWS, VALUE_OVER_ROWS) : List.of(GRADIENT_OVER_ROWS)) {
            boolean withGradient = name.equals(GRADIENT_OVER_ROWS);
            LoopCompiler.MethodCode code = bodies.get(name);
            MethodSpec.Builder body = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE)
                    .returns(numbers().scalar())
                    .addJavadoc("$L", "The " + (withGradient ? "value and gradient" : "value") + " over rows {@code "
                            + range.from() + "} to {@code " + range.to() + " - 1} only, every loop over the rows\n"
                            + "running over those; " + (withGradient ? "the outputs are overwritten with the range's "
                            + "terms.\n" : "the arguments are checked.\n"));
            parameters(body);
            range(body);
            addBody(methods, name, body, code, withGradient);
        }
        if (mixed) {
            for (String name : List.of(ROW_FREE_GRADIENT, ROW_FREE_VALUE)) {
                boolean withGradient = name.equals(ROW_FREE_GRADIENT);
                LoopCompiler.MethodCode code = bodies.get(name);
                MethodSpec.Builder body = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE)
                        .returns(numbers().scalar())
                        .addJavadoc("$L", "The terms that read no rows, " + rowFreeFormula() + (withGradient
                                ? ", and their gradient;\nthe outputs are overwritten with it. " : ". ")
                                + "The arguments are checked.\n");
                rowFreeParameters(body);
                addBody(methods, name, body, code, withGradient);
            }
        }
        methods.add(checkRows());
        methods.add(firstRow());
        methods.add(addInto());
        methods.add(checkChunks());
        methods.add(chunksFor());
        methods.add(awaitChunks());
        return methods;
    }

    private void parameters(MethodSpec.Builder m) {
        plan.parameters().forEach((p, javaName) -> m.addParameter(writer.type(p.shape()), javaName));
    }

    private void rowFreeParameters(MethodSpec.Builder m) {
        rowFreeParameters.forEach((p, javaName) ->
                m.addParameter(writer.type(p.shape()), javaName));
    }

    /** The row-free terms of the value as a formula, in code font. */
    private String rowFreeFormula() {
        RowSums.Parts value = range.sum().value();
        return value.rowFree() == null ? "0 in the value" : Javadocs.text(docs.formula(value.rowFree()));
    }

    /** What the range methods leave out, for their Javadoc: nothing, or the row-free terms. */
    private String leftOut() {
        if (!mixed) {
            return "";
        }
        return "<p>The function also has terms that read no rows, " + rowFreeFormula() + ": the range "
                + "methods leave them\nout (so that the ranges of any partition of the rows add up to the rest), "
                + "and {@link\n#valueOfRowFreeTerms} and {@link #valueAndGradientOfRowFreeTerms} compute them: "
                + "add them once to the\nsum of the ranges. The whole calls and {@link #valueAndGradientParallel} "
                + "include them.\n\n";
    }

    private void range(MethodSpec.Builder m) {
        m.addParameter(TypeName.INT, range.from()).addParameter(TypeName.INT, range.to());
    }

    private void outputs(MethodSpec.Builder m) {
        gradient.outputs().forEach(out -> m.addParameter(numbers().array(), out.name()));
    }

    private NumberType numbers() {
        return plan.numbers();
    }

    private String rows() {
        return range.rows().name();
    }

    /** "rows of X and y", in the user's names. */
    private String dataRows() {
        return "rows of " + Javadocs.orList(range.data().stream().map(v -> "{@code " + Javadocs.text(v.name()) + "}")
                .toList()).replace(" or ", " and ");
    }

    private String parameterDocs() {
        return parameterDocs(plan.parameters());
    }

    private String parameterDocs(Map<Expr.Variable, String> parameters) {
        StringBuilder doc = new StringBuilder();
        parameters.forEach((p, javaName) -> doc.append("@param ").append(javaName).append(" ")
                .append(Javadocs.text(p.name())).append(": ").append(Javadocs.text(Javadocs.describe(p.shape())))
                .append("\n"));
        return doc.toString();
    }

    private String rangeDocs() {
        return "@param " + range.from() + " the first row of the range, at least 0\n"
                + "@param " + range.to() + " one past the last row, from " + range.from() + " to " + rows()
                + " (" + range.from() + " itself for an empty range)\n";
    }

    private String call(String method, String from, String to, List<String> outputs) {
        List<String> names = new ArrayList<>(plan.parameters().values());
        names.add(from);
        names.add(to);
        names.addAll(outputs);
        return method + "(" + String.join(", ", names) + ")";
    }

    private MethodSpec valueOverRange() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("value").addModifiers(Modifier.PUBLIC).returns(numbers().scalar())
                .addJavadoc("$L", "The value of {@code " + Javadocs.text(plan.function().name()) + "} over the "
                        + dataRows() + " from {@code " + range.from() + "} to\n{@code " + range.to() + " - 1} only: "
                        + "its sum over the rows taken over those rows, every other factor as in\n"
                        + "{@link #value} (a division by " + rows() + " stays a division by " + rows() + "). The values "
                        + "of ranges that\npartition 0 to " + rows() + " add up to the value" + (mixed ? " less its row-free terms" : "")
                        + ", up to rounding.\n\n" + leftOut() + parameterDocs() + rangeDocs() + "@return the range's terms of the value\n"
                        + "@throws IllegalArgumentException if an array is null or its length does not fit its shape, "
                        + "or\nunless 0 ≤ " + range.from() + " ≤ " + range.to() + " ≤ " + rows() + "\n");
        parameters(m);
        range(m);
        return m.addCode(writer.checks(value))
                .addStatement("checkRows($L, $L)", range.from(), range.to())
                .addStatement("return $L", call(VALUE_OVER_ROWS, range.from(), range.to(), List.of()))
                .build();
    }

    private MethodSpec gradientOverRange() {
        StringBuilder doc = new StringBuilder("The value of {@code " + Javadocs.text(plan.function().name())
                + "} and its gradient over the " + dataRows() + " from\n{@code " + range.from() + "} to {@code "
                + range.to() + " - 1} only, <b>adding</b> the gradient into the outputs: unlike\n{@link "
                + "#valueAndGradient}, which overwrites them, this method accumulates, so that calls over\n"
                + "ranges that partition 0 to " + rows() + ", into outputs first set to zero, leave the whole "
                + "gradient in them\nand return values that add up to the whole value (up to rounding). Each sum "
                + "over rows\nruns over the range, every other factor is as in the whole (a division by " + rows()
                + " stays one\nby " + rows() + "). The range's gradient is computed into a buffer of the instance, "
                + "then added.\n\n");
        doc.append(leftOut()).append(parameterDocs()).append(rangeDocs());
        gradient.outputs().forEach(out -> doc.append("@param ").append(out.name()).append(" the range's ∂")
                .append(Javadocs.text(plan.function().name())).append("/∂").append(Javadocs.text(out.variable().name()))
                .append(" is added to it\n"));
        doc.append("@return the range's terms of the value\n")
                .append("@throws IllegalArgumentException if an array is null or its length does not fit its shape, "
                        + "if an\noutput is also passed as an input it reads or as another output, or unless\n0 ≤ "
                        + range.from() + " ≤ " + range.to() + " ≤ " + rows() + "\n");
        MethodSpec.Builder m = MethodSpec.methodBuilder("valueAndGradient").addModifiers(Modifier.PUBLIC)
                .returns(numbers().scalar()).addJavadoc("$L", doc.toString());
        parameters(m);
        range(m);
        outputs(m);
        NameAllocator locals = writer.localNames();
        String result = locals.newName("rangeValue");
        m.addCode(writer.checks(gradient))
                .addStatement("checkRows($L, $L)", range.from(), range.to())
                .addStatement("final $L $L = $L", numbers().keyword(), result, call(GRADIENT_OVER_ROWS, range.from(), range.to(),
                        gradient.outputs().stream().map(out -> "this." + range.scratch().get(out.name())).toList()));
        gradient.outputs().forEach(out ->
                m.addStatement("addInto($L, this.$L)", out.name(), range.scratch().get(out.name())));
        return m.addStatement("return $L", result).build();
    }

    private MethodSpec rowFreeValue() {
        String name = Javadocs.text(plan.function().name());
        MethodSpec.Builder m = MethodSpec.methodBuilder("valueOfRowFreeTerms").addModifiers(Modifier.PUBLIC)
                .returns(numbers().scalar())
                .addJavadoc("$L", "The terms of {@code " + name + "} that read no rows of the data, " + rowFreeFormula()
                        + ": what\nthe range methods leave out. The value is the sum of {@link #value(" + rangeTypes()
                        + ")}\nover ranges that partition 0 to " + rows() + " plus this, once (up to rounding).\n\n"
                        + parameterDocs(rowFreeParameters) + "@return the row-free terms of the value\n"
                        + "@throws IllegalArgumentException if an array is null or its length does not fit its shape\n");
        rowFreeParameters(m);
        ClassPlan.Method terms = new ClassPlan.Method("valueOfRowFreeTerms", ClassPlan.Kind.VALUE, null,
                orZero(range.sum().value(), range.sum().value().rowFree()), List.of());
        return m.addCode(writer.checks(terms, rowFreeParameters))
                .addStatement("return $L", rowFreeCall(ROW_FREE_VALUE, List.of()))
                .build();
    }

    private MethodSpec rowFreeGradient() {
        String name = Javadocs.text(plan.function().name());
        StringBuilder doc = new StringBuilder("The terms of {@code " + name + "} that read no rows of the data, "
                + rowFreeFormula() + ", and their\ngradient, <b>adding</b> it into the outputs as the range methods "
                + "do: what those leave out. Over\noutputs first set to zero, calls of {@link #valueAndGradient("
                + rangeTypes() + ", " + outputTypes() + ")} over ranges\nthat partition 0 to " + rows()
                + " and one call of this method leave the whole gradient, and their values\nadd up to the whole "
                + "value (up to rounding).\n\n");
        doc.append(parameterDocs(rowFreeParameters));
        gradient.outputs().forEach(out -> doc.append("@param ").append(out.name()).append(" the row-free terms' ∂")
                .append(name).append("/∂").append(Javadocs.text(out.variable().name())).append(" is added to it\n"));
        doc.append("@return the row-free terms of the value\n")
                .append("@throws IllegalArgumentException if an array is null or its length does not fit its shape, "
                        + "or if an\noutput is also passed as an input it reads or as another output\n");
        MethodSpec.Builder m = MethodSpec.methodBuilder("valueAndGradientOfRowFreeTerms").addModifiers(Modifier.PUBLIC)
                .returns(numbers().scalar()).addJavadoc("$L", doc.toString());
        rowFreeParameters(m);
        outputs(m);
        List<ClassPlan.Output> freeOutputs = new ArrayList<>();
        gradient.outputs().forEach(out -> {
            RowSums.Parts parts = range.sum().gradients().get(out.variable());
            freeOutputs.add(new ClassPlan.Output(out.name(), out.variable(), orZero(parts, parts.rowFree())));
        });
        ClassPlan.Method terms = new ClassPlan.Method("valueAndGradientOfRowFreeTerms",
                ClassPlan.Kind.VALUE_AND_GRADIENT, null, orZero(range.sum().value(), range.sum().value().rowFree()),
                freeOutputs);
        NameAllocator locals = writer.localNames();
        String result = locals.newName("rowFreeValue");
        m.addCode(writer.checks(terms, rowFreeParameters))
                .addStatement("final $L $L = $L", numbers().keyword(), result, rowFreeCall(ROW_FREE_GRADIENT, scratchOutputs()));
        gradient.outputs().forEach(out ->
                m.addStatement("addInto($L, this.$L)", out.name(), range.scratch().get(out.name())));
        return m.addStatement("return $L", result).build();
    }

    /** The parameter types of the range methods, for a {@code @link}: {@code double[], double, int, int}. */
    private String rangeTypes() {
        List<String> types = new ArrayList<>();
        for (Expr.Variable p : plan.parameters().keySet()) {
            types.add(p.shape().isScalar() ? numbers().keyword() : numbers().keyword() + "[]");
        }
        types.add("int");
        types.add("int");
        return String.join(", ", types);
    }

    private String outputTypes() {
        return String.join(", ", gradient.outputs().stream().map(out -> numbers().keyword() + "[]").toList());
    }

    private MethodSpec parallel() {
        String name = Javadocs.text(plan.function().name());
        StringBuilder doc = new StringBuilder("The value of {@code " + name + "} and its gradient, as {@link "
                + "#valueAndGradient} computes them, with the\n" + dataRows() + " split into {@code " + range.chunks()
                + "} ranges of consecutive rows (chunks of\nequal size, to within a row) computed at the same time: "
                + "the first by the calling thread, the\nothers by tasks submitted to {@code " + range.executor()
                + "}. The outputs are overwritten.\n\n"
                + "<p>Each chunk has an instance of this class of its own, with its own workspace and gradient\n"
                + "buffers, made on the first call with a given number of chunks (and again when it\nchanges); "
                + "a call with as many chunks as the one before allocates only the tasks it submits.\n"
                + "The chunks' values and gradients are added up in chunk order once all are done, so the\n"
                + "result is the same, bit for bit, for the same number of chunks, whatever the threads;\n"
                + "it differs from {@link #valueAndGradient}'s by rounding only (another order of the sums).\n"
                + (mixed ? "The terms that read no rows, " + rowFreeFormula() + ", are added once, after the "
                + "chunks.\n" : "") + "\n"
                + "<p>Not thread-safe, like every method of the class: one call at a time per instance. If a\n"
                + "task fails its exception is thrown here; if the waiting thread is interrupted the tasks\n"
                + "still to run are cancelled, the interrupt flag is set again, and an\n"
                + "{@code IllegalStateException} is thrown.\n\n");
        doc.append(parameterDocs());
        gradient.outputs().forEach(out -> doc.append("@param ").append(out.name()).append(" overwritten with ∂")
                .append(name).append("/∂").append(Javadocs.text(out.variable().name())).append("\n"));
        doc.append("@param ").append(range.chunks()).append(" the number of chunks, from 1 to ").append(rows())
                .append("; 1 computes all in the calling thread\n")
                .append("@param ").append(range.executor()).append(" runs the chunks after the first\n")
                .append("@return the value\n")
                .append("@throws IllegalArgumentException if an array is null or its length does not fit its shape, "
                        + "if an\noutput is also passed as an input it reads or as another output, if {@code ")
                .append(range.executor()).append("} is null, or\nunless 1 ≤ ").append(range.chunks()).append(" ≤ ")
                .append(rows()).append("\n");
        MethodSpec.Builder m = MethodSpec.methodBuilder("valueAndGradientParallel").addModifiers(Modifier.PUBLIC)
                .returns(numbers().scalar()).addJavadoc("$L", doc.toString());
        parameters(m);
        outputs(m);
        m.addParameter(TypeName.INT, range.chunks()).addParameter(ExecutorService.class, range.executor());
        NameAllocator locals = writer.localNames();
        String workers = locals.newName("workers");
        String values = locals.newName("values");
        String tasks = locals.newName("tasks");
        String submitted = locals.newName("submitted");
        String chunk = locals.newName("chunk");
        String worker = locals.newName("worker");
        String first = locals.newName("first");
        String end = locals.newName("end");
        String total = locals.newName("total");
        String entry = locals.newName("i");
        String sum = locals.newName("sum");
        String chunks = range.chunks();
        m.addCode(writer.checks(gradient))
                .addStatement("checkChunks($L, $L)", chunks, range.executor())
                .addStatement("chunksFor($L)", chunks)
                .addStatement("final $L[] $L = this.$L", plan.className(), workers, range.workers())
                .addStatement("final $L[] $L = this.$L", numbers().keyword(), values, range.values())
                .addStatement("final $T $L = this.$L", ArrayTypeName.of(TASK), tasks, range.tasks())
                .addStatement("int $L = 1", submitted)
                .beginControlFlow("try")
                .beginControlFlow("for (; $L < $L; $L++)", submitted, chunks, submitted)
                .addStatement("final $L $L = $L[$L]", plan.className(), worker, workers, submitted)
                .addStatement("final int $L = $L", chunk, submitted)
                .addStatement("final int $L = firstRow($L, $L)", first, chunk, chunks)
                .addStatement("final int $L = firstRow($L + 1, $L)", end, chunk, chunks)
                .addCode("$L[$L] = $L.submit(() -> {\n$>", tasks, chunk, range.executor())
                .addStatement("$L[$L] = $L.$L", values, chunk, worker, callOn(first, end, worker))
                .addCode("$<});\n")
                .endControlFlow()
                .nextControlFlow("finally")
                .beginControlFlow("if ($L < $L)", submitted, chunks)
                .addComment("A task could not be submitted: wait for those that were before the exception leaves")
                .addStatement("awaitChunks($L, $L)", tasks, submitted)
                .endControlFlow()
                .endControlFlow()
                .addStatement("$L[0] = $L[0].$L", values, workers, callOn("0", "firstRow(1, " + chunks + ")",
                        workers + "[0]"))
                .addStatement("awaitChunks($L, $L)", tasks, chunks)
                .addComment("The chunks added up in chunk order, whichever finished first")
                .addStatement("double $L = $L[0]", total, values)
                .beginControlFlow("for (int $L = 1; $L < $L; $L++)", chunk, chunk, chunks, chunk)
                .addStatement("$L += $L[$L]", total, values, chunk)
                .endControlFlow();
        if (mixed) {
            m.addComment("Then the terms that read no rows, once, into this instance's buffers")
                    .addStatement("$L += $L", total, rowFreeCall(ROW_FREE_GRADIENT, scratchOutputs()));
        }
        for (ClassPlan.Output out : gradient.outputs()) {
            String buffer = range.scratch().get(out.name());
            m.beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", entry, entry, out.name(), entry)
                    .addStatement("double $L = $L[0].$L[$L]", sum, workers, buffer, entry)
                    .beginControlFlow("for (int $L = 1; $L < $L; $L++)", chunk, chunk, chunks, chunk)
                    .addStatement("$L += $L[$L].$L[$L]", sum, workers, chunk, buffer, entry)
                    .endControlFlow()
                    .addStatement("$L[$L] = $L", out.name(), entry,
                            numbers().narrow(mixed ? sum + " + this." + buffer + "[" + entry + "]" : sum))
                    .endControlFlow();
        }
        return m.addStatement("return $L", numbers().narrow(total)).build();
    }

    /** The call of a chunk's worker: its range into its own buffers. */
    private String callOn(String from, String to, String worker) {
        List<String> names = new ArrayList<>(plan.parameters().values());
        names.add(from);
        names.add(to);
        gradient.outputs().forEach(out -> names.add(worker + "." + range.scratch().get(out.name())));
        return GRADIENT_OVER_ROWS + "(" + String.join(", ", names) + ")";
    }

    private MethodSpec parallelOnCommonPool() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("valueAndGradientParallel").addModifiers(Modifier.PUBLIC)
                .returns(numbers().scalar())
                .addJavadoc("$L", "{@link #valueAndGradientParallel(" + signatureTypes() + ", int, "
                        + "java.util.concurrent.ExecutorService)}\non the common fork-join pool, "
                        + "{@link ForkJoinPool#commonPool()}: the chunks after the first run on its\nthreads. "
                        + "(Its parallelism is one less than the number of processors, the calling thread\nmaking up "
                        + "the last.)\n\n" + parameterDocs()
                        + gradient.outputs().stream().map(out -> "@param " + out.name() + " overwritten with ∂"
                        + Javadocs.text(plan.function().name()) + "/∂" + Javadocs.text(out.variable().name()) + "\n")
                        .reduce("", String::concat)
                        + "@param " + range.chunks() + " the number of chunks, from 1 to " + rows() + "\n"
                        + "@return the value\n"
                        + "@throws IllegalArgumentException if an array is null or its length does not fit its shape, "
                        + "if an\noutput is also passed as an input it reads or as another output, or unless\n1 ≤ "
                        + range.chunks() + " ≤ " + rows() + "\n");
        parameters(m);
        outputs(m);
        m.addParameter(TypeName.INT, range.chunks());
        List<String> names = new ArrayList<>(plan.parameters().values());
        gradient.outputs().forEach(out -> names.add(out.name()));
        names.add(range.chunks());
        return m.addStatement("return valueAndGradientParallel($L, $T.commonPool())", String.join(", ", names),
                ForkJoinPool.class).build();
    }

    private String signatureTypes() {
        List<String> types = new ArrayList<>();
        for (Expr.Variable p : plan.parameters().keySet()) {
            types.add(p.shape().isScalar() ? numbers().keyword() : numbers().keyword() + "[]");
        }
        gradient.outputs().forEach(out -> types.add(numbers().keyword() + "[]"));
        return String.join(", ", types);
    }

    // ---- helpers --------------------------------------------------------------------------------

    /**
     * A private body with its parameters so far: the gradient's outputs after them where it has a
     * gradient, its code, and the methods its parts were split into.
     */
    private void addBody(List<MethodSpec> methods, String name, MethodSpec.Builder body, LoopCompiler.MethodCode code,
                         boolean withGradient) {
        if (withGradient) {
            gradient.outputs().forEach(out -> body.addParameter(numbers().array(), out.name()));
        }
        MethodSpec whole = body.addCode(writer.dimensionLocals()).addCode(code.body()).build();
        methods.add(whole);
        for (int k = 0; k < code.parts().size(); k++) {
            methods.add(writer.part(code.parts().get(k), k + 1, name, whole.parameters()));
        }
    }

    private MethodSpec checkRows() {
        String dim = writer.dimensionName(rows());
        return MethodSpec.methodBuilder("checkRows").addModifiers(Modifier.PRIVATE)
                .addJavadoc("Throws unless 0 ≤ from ≤ to ≤ " + rows() + ": a range of rows.\n")
                .addParameter(TypeName.INT, "from")
                .addParameter(TypeName.INT, "to")
                .beginControlFlow("if (from < 0 || from > to || to > this.$L)", dim)
                .addStatement("throw new IllegalArgumentException($S + from + $S + to + $S + this.$L)",
                        "rows from " + range.from() + " = ", " to " + range.to() + " = ",
                        ": a range of rows needs 0 <= " + range.from() + " <= " + range.to() + " <= " + rows() + " = ",
                        dim)
                .endControlFlow()
                .build();
    }

    private MethodSpec checkChunks() {
        String dim = writer.dimensionName(rows());
        return MethodSpec.methodBuilder("checkChunks").addModifiers(Modifier.PRIVATE)
                .addJavadoc("Throws unless 1 ≤ chunks ≤ " + rows() + " and there is an executor.\n")
                .addParameter(TypeName.INT, "chunks")
                .addParameter(ExecutorService.class, "executor")
                .beginControlFlow("if (chunks < 1 || chunks > this.$L)", dim)
                .addStatement("throw new IllegalArgumentException($S + this.$L + $S + chunks)", range.chunks()
                        + " must be from 1 to " + rows() + " = ", dim, ", not ")
                .endControlFlow()
                .beginControlFlow("if (executor == null)")
                .addStatement("throw new IllegalArgumentException($S)", range.executor() + " must not be null")
                .endControlFlow()
                .build();
    }

    private MethodSpec firstRow() {
        return MethodSpec.methodBuilder("firstRow").addModifiers(Modifier.PRIVATE).returns(TypeName.INT)
                .addJavadoc("The first row of a chunk, and one past the last row of the chunk before: the rows "
                        + "split\ninto chunks of equal size, to within a row. Computed in {@code long}, which cannot "
                        + "overflow.\n")
                .addParameter(TypeName.INT, "chunk")
                .addParameter(TypeName.INT, "chunks")
                .addStatement("return (int) ((long) this.$L * chunk / chunks)", writer.dimensionName(rows()))
                .build();
    }

    private MethodSpec addInto() {
        return MethodSpec.methodBuilder("addInto").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("Adds {@code term} into {@code sum}, entry by entry (arrays of one length).\n")
                .addParameter(numbers().array(), "sum")
                .addParameter(numbers().array(), "term")
                .beginControlFlow("for (int i = 0; i < sum.length; i++)")
                .addStatement("sum[i] += term[i]")
                .endControlFlow()
                .build();
    }

    private MethodSpec chunksFor() {
        String className = plan.className();
        List<String> dims = plan.dimensions().values().stream().map(d -> "this." + d).toList();
        return MethodSpec.methodBuilder("chunksFor").addModifiers(Modifier.PRIVATE)
                .addJavadoc("Makes the instance, value slot and task slot of each chunk, unless the last call had as many.\n")
                .addParameter(TypeName.INT, "chunks")
                .beginControlFlow("if (this.$L != null && this.$L.length == chunks)", range.workers(), range.workers())
                .addStatement("return")
                .endControlFlow()
                .addStatement("final $L[] workers = new $L[chunks]", className, className)
                .beginControlFlow("for (int chunk = 0; chunk < chunks; chunk++)")
                .addStatement("workers[chunk] = new $L($L)", className, String.join(", ", dims))
                .endControlFlow()
                .addStatement("this.$L = workers", range.workers())
                .addStatement("this.$L = new $L[chunks]", range.values(), numbers().keyword())
                .addStatement("this.$L = new $T[chunks]", range.tasks(), TASK)
                .build();
    }

    private static MethodSpec awaitChunks() {
        return MethodSpec.methodBuilder("awaitChunks").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("Waits for the tasks of chunks 1 to {@code count - 1}, in order, and throws what a task "
                        + "threw.\nInterrupted, it cancels the tasks still to run and sets the interrupt flag "
                        + "again.\n")
                .addParameter(ArrayTypeName.of(TASK), "tasks")
                .addParameter(TypeName.INT, "count")
                .beginControlFlow("for (int chunk = 1; chunk < count; chunk++)")
                .addStatement("final $T task = tasks[chunk]", TASK)
                .addComment("Not kept past the call: a task holds on to the arguments")
                .addStatement("tasks[chunk] = null")
                .beginControlFlow("try")
                .addStatement("task.get()")
                .nextControlFlow("catch ($T interrupted)", InterruptedException.class)
                .addStatement("task.cancel(true)")
                .beginControlFlow("for (int rest = chunk + 1; rest < count; rest++)")
                .addStatement("tasks[rest].cancel(true)")
                .addStatement("tasks[rest] = null")
                .endControlFlow()
                .addStatement("Thread.currentThread().interrupt()")
                .addStatement("throw new IllegalStateException($S, interrupted)",
                        "interrupted while waiting for the chunks of rows")
                .nextControlFlow("catch ($T failed)", ExecutionException.class)
                .addStatement("final Throwable cause = failed.getCause()")
                .beginControlFlow("if (cause instanceof RuntimeException)")
                .addStatement("throw (RuntimeException) cause")
                .endControlFlow()
                .beginControlFlow("if (cause instanceof Error)")
                .addStatement("throw (Error) cause")
                .endControlFlow()
                .addStatement("throw new IllegalStateException(cause)")
                .endControlFlow()
                .endControlFlow()
                .build();
    }
}

package dev.chainrule.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
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
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.locks.LockSupport;
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
 * <p>The parallel method allocates nothing per call: each chunk has a task, a nested class of
 * the generated one ({@link #chunkTask}), made with the chunk's instance when the number of chunks
 * changes and reused from call to call; the arguments reach it through its fields, set before it is
 * handed over. A {@code ForkJoinPool} runs the task itself ({@code execute(ForkJoinTask)} wraps
 * nothing) and the calling thread takes back and computes the chunks no thread has started
 * ({@code tryUnfork}); a chunk another thread computes is waited for parked on the task
 * ({@code LockSupport}), since a fork-join join that has to block allocates a node (JDK 17's
 * {@code ForkJoinTask.awaitDone}), then joined (done at once) so that it may be reinitialized.
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

    /** The scratch arrays of the range method and the per-chunk tasks, as fields. */
    void addFields(TypeSpec.Builder type) {
        range.scratch().values().forEach(field ->
                type.addField(FieldSpec.builder(numbers().array(), field, Modifier.PRIVATE, Modifier.FINAL).build()));
        type.addField(FieldSpec.builder(ArrayTypeName.of(taskType()), range.tasks(), Modifier.PRIVATE)
                .addJavadoc("One task per chunk of the parallel method, each with an instance of this class of its own, "
                        + "made\nwhen the number of chunks changes (or after an interrupted call), else reused.\n")
                .build());
    }

    /**
     * The name of the nested class of the chunk tasks: {@code ChunkTask}, unless the generated class
     * is so named (a nested class cannot share its enclosing class's name).
     */
    private ClassName taskType() {
        String name = plan.className().equals("ChunkTask") ? "RowChunkTask" : "ChunkTask";
        return ClassName.get("", name);
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
        methods.add(runChunks());
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
                + "the first by the calling thread, the\nothers by tasks handed to {@code " + range.executor()
                + "}. The outputs are overwritten.\n\n"
                + "<p>Each chunk has a task and an instance of this class of its own, with its own workspace and\n"
                + "gradient buffers, made on the first call with a given number of chunks (and again when it\n"
                + "changes, or after an interrupted call) and reused: the arguments reach the tasks through\n"
                + "their fields, set before they are handed over. A call with as many chunks as the one before\n"
                + "allocates nothing itself. On a {@code ForkJoinPool} (the common pool of the overload without\n"
                + "an executor, or the caller's) the tasks are fork-join tasks that the pool runs as they are,\n"
                + "and the calling thread, once its own chunk is done, computes those that no thread has\n"
                + "started: nothing is allocated, and a caller that is itself a worker of the pool computes\n"
                + "what no other worker takes instead of waiting for it. Any other executor is given the tasks\n"
                + "through {@code execute(Runnable)}; what it allocates to queue them is its own (a\n"
                + "{@code ThreadPoolExecutor} on a {@code LinkedBlockingQueue}, as\n"
                + "{@code Executors.newFixedThreadPool} makes, allocates a node of its queue per chunk after\n"
                + "the first).\n\n"
                + "<p>The chunks' values and gradients are added up in chunk order once all are done, so the\n"
                + "result is the same, bit for bit, for the same number of chunks, whatever the threads;\n"
                + "it differs from {@link #valueAndGradient}'s by rounding only (another order of the sums).\n"
                + (mixed ? "The terms that read no rows, " + rowFreeFormula() + ", are added once, after the "
                + "chunks.\n" : "") + "\n"
                + "<p>Not thread-safe, like every method of the class: one call at a time per instance. If a\n"
                + "chunk throws, its exception (the first in chunk order) is thrown here once every chunk is\n"
                + "done; if the executor rejects a chunk, its exception is thrown once the chunks handed over\n"
                + "before it are done; if the waiting thread is interrupted, the chunks still to run are\n"
                + "abandoned (not computed, if no thread has started them), the interrupt flag is set again,\n"
                + "and an {@code IllegalStateException} is thrown. An executor that drops a task without\n"
                + "running it or throwing (a {@code ThreadPoolExecutor.DiscardPolicy}) leaves the call\n"
                + "waiting for ever.\n\n");
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
        String tasks = locals.newName("tasks");
        String chunk = locals.newName("chunk");
        String total = locals.newName("total");
        String entry = locals.newName("i");
        String sum = locals.newName("sum");
        String chunks = range.chunks();
        List<String> prepared = new ArrayList<>(plan.parameters().values());
        prepared.add("firstRow(" + chunk + ", " + chunks + ")");
        prepared.add("firstRow(" + chunk + " + 1, " + chunks + ")");
        m.addCode(writer.checks(gradient))
                .addStatement("checkChunks($L, $L)", chunks, range.executor())
                .addStatement("chunksFor($L)", chunks)
                .addStatement("final $T[] $L = this.$L", taskType(), tasks, range.tasks())
                .beginControlFlow("for (int $L = 0; $L < $L; $L++)", chunk, chunk, chunks, chunk)
                .addStatement("$L[$L].prepare($L)", tasks, chunk, String.join(", ", prepared))
                .endControlFlow()
                .addStatement("runChunks($L, $L)", tasks, range.executor())
                .addComment("The chunks added up in chunk order, whichever finished first")
                .addStatement("double $L = $L[0].value", total, tasks)
                .beginControlFlow("for (int $L = 1; $L < $L; $L++)", chunk, chunk, chunks, chunk)
                .addStatement("$L += $L[$L].value", total, tasks, chunk)
                .endControlFlow();
        if (mixed) {
            m.addComment("Then the terms that read no rows, once, into this instance's buffers")
                    .addStatement("$L += $L", total, rowFreeCall(ROW_FREE_GRADIENT, scratchOutputs()));
        }
        for (ClassPlan.Output out : gradient.outputs()) {
            String buffer = range.scratch().get(out.name());
            m.beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", entry, entry, out.name(), entry)
                    .addStatement("double $L = $L[0].worker.$L[$L]", sum, tasks, buffer, entry)
                    .beginControlFlow("for (int $L = 1; $L < $L; $L++)", chunk, chunk, chunks, chunk)
                    .addStatement("$L += $L[$L].worker.$L[$L]", sum, tasks, chunk, buffer, entry)
                    .endControlFlow()
                    .addStatement("$L[$L] = $L", out.name(), entry,
                            numbers().narrow(mixed ? sum + " + this." + buffer + "[" + entry + "]" : sum))
                    .endControlFlow();
        }
        return m.addStatement("return $L", numbers().narrow(total)).build();
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
                .addJavadoc("Makes the task of each chunk, with its instance, unless the last call left as many.\n")
                .addParameter(TypeName.INT, "chunks")
                .beginControlFlow("if (this.$L != null && this.$L.length == chunks)", range.tasks(), range.tasks())
                .addStatement("return")
                .endControlFlow()
                .addStatement("final $T[] tasks = new $T[chunks]", taskType(), taskType())
                .beginControlFlow("for (int chunk = 0; chunk < chunks; chunk++)")
                .addStatement("tasks[chunk] = new $T(new $L($L))", taskType(), className, String.join(", ", dims))
                .endControlFlow()
                .addStatement("this.$L = tasks", range.tasks())
                .build();
    }

    /** Hands the chunks over, computes the first, waits for the rest, and throws what a chunk threw. */
    private MethodSpec runChunks() {
        ClassName task = taskType();
        return MethodSpec.methodBuilder("runChunks").addModifiers(Modifier.PRIVATE)
                .addJavadoc("Hands the tasks of chunks 1 to {@code tasks.length - 1} to the executor, computes chunk 0 "
                        + "in this\nthread, then waits for the others and throws what a chunk threw, the first in "
                        + "chunk order.\nOn a fork-join pool the tasks are its own kind (it wraps nothing), and "
                        + "this thread takes\nback and computes those no thread has started, the last handed over "
                        + "first: they are at\nthe top of this thread's queue if it is a worker of the pool, or of "
                        + "its queue in the\ncommon pool.\n")
                .addParameter(ArrayTypeName.of(task), "tasks")
                .addParameter(ExecutorService.class, "executor")
                .addStatement("final $T pool = executor instanceof $T ? ($T) executor : null", ForkJoinPool.class,
                        ForkJoinPool.class, ForkJoinPool.class)
                .addStatement("int handedOver = 1")
                .beginControlFlow("try")
                .beginControlFlow("for (; handedOver < tasks.length; handedOver++)")
                .beginControlFlow("if (pool != null)")
                .addStatement("tasks[handedOver].handTo(pool)")
                .nextControlFlow("else")
                .addStatement("executor.execute(tasks[handedOver])")
                .endControlFlow()
                .endControlFlow()
                .addStatement("tasks[0].run()")
                .addComment("Chunks no thread has started, the last handed over first: computed here, not waited for")
                .beginControlFlow("for (int chunk = tasks.length - 1; pool != null && chunk > 0 && tasks[chunk].tryUnfork(); "
                        + "chunk--)")
                .addStatement("tasks[chunk].quietlyInvoke()")
                .endControlFlow()
                .nextControlFlow("finally")
                .addComment("Also when a chunk was rejected: those handed over before it are not left running")
                .addStatement("awaitChunks(tasks, handedOver, pool)")
                .endControlFlow()
                .beginControlFlow("for ($T task : tasks)", task)
                .addStatement("final Throwable failure = task.failure")
                .beginControlFlow("if (failure instanceof RuntimeException)")
                .addStatement("throw (RuntimeException) failure")
                .endControlFlow()
                .beginControlFlow("if (failure instanceof Error)")
                .addStatement("throw (Error) failure")
                .endControlFlow()
                .beginControlFlow("if (failure != null)")
                .addStatement("throw new IllegalStateException(failure)")
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    private MethodSpec awaitChunks() {
        ClassName task = taskType();
        return MethodSpec.methodBuilder("awaitChunks").addModifiers(Modifier.PRIVATE)
                .addJavadoc("Waits for the tasks of chunks 1 to {@code count - 1}, in order, then lets every task "
                        + "forget the\narguments. Interrupted, it abandons the tasks still to run and this "
                        + "instance's tasks (the\nnext call makes new ones), sets the interrupt flag again and "
                        + "throws.\n")
                .addParameter(ArrayTypeName.of(task), "tasks")
                .addParameter(TypeName.INT, "count")
                .addParameter(ForkJoinPool.class, "pool")
                .beginControlFlow("for (int chunk = 1; chunk < count; chunk++)")
                .beginControlFlow("if (!tasks[chunk].awaitFinished(pool))")
                .beginControlFlow("for (int rest = chunk; rest < count; rest++)")
                .addStatement("tasks[rest].abandon()")
                .endControlFlow()
                .addStatement("this.$L = null", range.tasks())
                .addStatement("Thread.currentThread().interrupt()")
                .addStatement("throw new IllegalStateException($S)", "interrupted while waiting for the chunks of rows")
                .endControlFlow()
                .endControlFlow()
                .beginControlFlow("for ($T task : tasks)", task)
                .addStatement("task.forgetArguments()")
                .endControlFlow()
                .build();
    }

    /**
     * The nested class of the chunk tasks: a fork-join task that is also a {@code Runnable}, holding
     * its chunk's instance, rows and the arguments of the current call, and its result.
     */
    TypeSpec chunkTask() {
        ClassName task = taskType();
        NameAllocator names = new NameAllocator();
        for (String own : List.of("worker", "fromRow", "toRow", "value", "failure", "started", "finished", "abandoned",
                "waiter", "serialVersionUID", "pool", "interrupted", "waiting", "thrown", "unused", "impossible",
                "Thread", "LockSupport", "ForkJoinPool", "ForkJoinTask", "ExecutionException", "Throwable",
                "IllegalStateException", "InterruptedException", "Void", "Override", task.simpleName(),
                plan.className())) {
            names.newName(own, own);
        }
        // The task's fields of the arguments, named as the parameters unless a name above is theirs.
        Map<Expr.Variable, String> arguments = new LinkedHashMap<>();
        plan.parameters().forEach((p, javaName) -> arguments.put(p, names.newName(javaName)));
        TypeSpec.Builder type = TypeSpec.classBuilder(task.simpleName())
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(ClassName.get(ForkJoinTask.class), ClassName.get(Void.class)))
                .addSuperinterface(Runnable.class)
                .addJavadoc("$L", "The task of one chunk of {@link " + plan.className() + "#valueAndGradientParallel}: the "
                        + "chunk's\ninstance of the class, the rows and arguments of the current call, and its results, kept "
                        + "from call to call so\nthat a call allocates nothing. The caller sets the fields before "
                        + "it hands the task over,\nwhich makes them visible to the thread that runs it, and reads "
                        + "the results once the task\nhas finished. A {@code ForkJoinTask}, so that a "
                        + "{@code ForkJoinPool} runs it as it is and a\ncaller can take it back, and a "
                        + "{@code Runnable} for any other executor. It never completes\nabnormally: what the "
                        + "chunk throws is kept in {@code failure} for the caller to throw. (A\nfork-join task is "
                        + "{@code Serializable}; these are never serialized, and what is not\nserializable in them "
                        + "is transient.)\n")
                .addField(FieldSpec.builder(TypeName.LONG, "serialVersionUID", Modifier.PRIVATE, Modifier.STATIC,
                        Modifier.FINAL).initializer("1L").build())
                .addField(FieldSpec.builder(ClassName.get("", plan.className()), "worker", Modifier.FINAL,
                        Modifier.TRANSIENT).addJavadoc("Computes the chunk, into its own workspace and gradient buffers.\n")
                        .build())
                .addField(FieldSpec.builder(TypeName.INT, "fromRow").addJavadoc("The rows of the chunk in the current "
                        + "call.\n").build())
                .addField(TypeName.INT, "toRow");
        arguments.forEach((p, field) -> type.addField(FieldSpec.builder(writer.type(p.shape()), field)
                .addJavadoc("$L", "Argument {@code " + Javadocs.text(p.name()) + "} of the current call" + (p.shape().isScalar() ? ".\n"
                        : ", forgotten after it.\n")).build()));
        type.addField(FieldSpec.builder(numbers().scalar(), "value").addJavadoc("The chunk's value, once it has "
                        + "finished.\n").build())
                .addField(FieldSpec.builder(Throwable.class, "failure").addJavadoc("What the chunk threw, or null.\n")
                        .build())
                .addField(FieldSpec.builder(TypeName.BOOLEAN, "started", Modifier.VOLATILE).addJavadoc("Set when a "
                        + "thread starts computing the chunk; cleared before the task is handed over.\n").build())
                .addField(FieldSpec.builder(TypeName.BOOLEAN, "finished", Modifier.VOLATILE).addJavadoc("Set when "
                        + "the chunk is computed, after its results; cleared before the task is handed\nover.\n")
                        .build())
                .addField(FieldSpec.builder(TypeName.BOOLEAN, "abandoned", Modifier.VOLATILE).addJavadoc("Set when "
                        + "the caller gives up on the chunk, interrupted: it is not to be computed.\n").build())
                .addField(FieldSpec.builder(Thread.class, "waiter", Modifier.VOLATILE, Modifier.TRANSIENT)
                        .addJavadoc("The thread parked until the chunk has finished, or null.\n").build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addParameter(ClassName.get("", plan.className()), "worker")
                        .addStatement("this.worker = worker")
                        .addComment("Done, as a task out of a pool is (see handTo)")
                        .addStatement("complete(null)").build());
        MethodSpec.Builder prepare = MethodSpec.methodBuilder("prepare")
                .addJavadoc("Sets the rows and arguments of the current call, before the task is handed over.\n");
        arguments.forEach((p, field) -> prepare.addParameter(writer.type(p.shape()), field)
                .addStatement("this.$L = $L", field, field));
        prepare.addParameter(TypeName.INT, "fromRow").addParameter(TypeName.INT, "toRow")
                .addStatement("this.fromRow = fromRow")
                .addStatement("this.toRow = toRow")
                .addStatement("this.failure = null")
                .addStatement("this.started = false")
                .addStatement("this.finished = false");
        type.addMethod(prepare.build());
        MethodSpec.Builder forget = MethodSpec.methodBuilder("forgetArguments")
                .addJavadoc("Lets go of the arrays of the call, once it is over.\n");
        arguments.forEach((p, field) -> {
            if (!p.shape().isScalar()) {
                forget.addStatement("this.$L = null", field);
            }
        });
        type.addMethod(forget.build());
        List<String> callArguments = new ArrayList<>(arguments.values());
        callArguments.add("fromRow");
        callArguments.add("toRow");
        gradient.outputs().forEach(out -> callArguments.add("worker." + range.scratch().get(out.name())));
        type.addMethod(MethodSpec.methodBuilder("run").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .addJavadoc("Computes the chunk in this thread, unless abandoned, keeping what it throws; then says it "
                        + "has\nfinished and unparks the thread waiting for it.\n")
                .addStatement("this.started = true")
                .beginControlFlow("try")
                .beginControlFlow("if (!this.abandoned)")
                .addStatement("this.value = worker.$L($L)", GRADIENT_OVER_ROWS, String.join(", ", callArguments))
                .endControlFlow()
                .nextControlFlow("catch (Throwable thrown)")
                .addStatement("this.failure = thrown")
                .nextControlFlow("finally")
                .addStatement("this.finished = true")
                .addStatement("final Thread waiting = this.waiter")
                .beginControlFlow("if (waiting != null)")
                .addStatement("$T.unpark(waiting)", LockSupport.class)
                .endControlFlow()
                .endControlFlow()
                .build());
        type.addMethod(MethodSpec.methodBuilder("handTo")
                .addJavadoc("Hands the task to a fork-join pool, which runs it as it is (as a {@code Runnable} it "
                        + "would be\nwrapped). A task out of a pool is done before it is reinitialized: made so, or "
                        + "marked so\nby the pool after {@link #run} returns, which can be after the last call saw the "
                        + "chunk\nfinished, since run then still unparks the caller. That is waited out yielding, "
                        + "which\nallocates nothing, then joined, which returns at once unless the pool's thread is "
                        + "paused\nthere (a join that has to block allocates a node).\n")
                .addParameter(ForkJoinPool.class, "pool")
                .beginControlFlow("for (int yields = 0; yields < 1000 && !isDone(); yields++)")
                .addStatement("Thread.yield()")
                .endControlFlow()
                .addStatement("quietlyJoin()")
                .addStatement("reinitialize()")
                .beginControlFlow("try")
                .addComment("As the fork-join task it is: execute(Runnable) would wrap it")
                .addStatement("pool.execute(($T) this)",
                        ParameterizedTypeName.get(ClassName.get(ForkJoinTask.class), ClassName.get(Void.class)))
                .nextControlFlow("catch (RuntimeException rejected)")
                .addComment("Out of the pool, so done again: the next call's join must not wait for it")
                .addStatement("complete(null)")
                .addStatement("throw rejected")
                .endControlFlow()
                .build());
        type.addMethod(MethodSpec.methodBuilder("exec").addAnnotation(Override.class).addModifiers(Modifier.PROTECTED)
                .returns(TypeName.BOOLEAN)
                .addJavadoc("Run by a fork-join pool: {@link #run}, after which the task is done.\n")
                .addStatement("run()")
                .addStatement("return true")
                .build());
        type.addMethod(MethodSpec.methodBuilder("getRawResult").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(Void.class)
                .addJavadoc("None: the results are in the fields.\n")
                .addStatement("return null")
                .build());
        type.addMethod(MethodSpec.methodBuilder("setRawResult").addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED).addParameter(Void.class, "unused")
                .addJavadoc("None: the results are in the fields.\n")
                .build());
        type.addMethod(MethodSpec.methodBuilder("awaitFinished").returns(TypeName.BOOLEAN)
                .addJavadoc("Waits until the chunk has finished; false if this thread is interrupted first (its flag "
                        + "then\ncleared). A chunk no thread has started is joined if this thread is a worker of its "
                        + "pool\nor the pool is the common pool: the join computes it here if it is still in a queue "
                        + "this\nthread may take it from, or helps the pool, so that a worker waiting for its own "
                        + "chunks\ncannot deadlock the pool. Any other chunk is waited for parked, which allocates "
                        + "nothing (a\nfork-join join that has to block allocates a node).\n")
                .addParameter(ForkJoinPool.class, "pool")
                .beginControlFlow("if (pool != null && !this.started && (pool == $T.commonPool() || $T.getPool() == pool))",
                        ForkJoinPool.class, ForkJoinTask.class)
                .beginControlFlow("try")
                .addStatement("get()")
                .nextControlFlow("catch ($T interrupted)", InterruptedException.class)
                .addStatement("return false")
                .nextControlFlow("catch ($T impossible)", ExecutionException.class)
                .addStatement("throw new IllegalStateException($S, impossible)",
                        "a chunk task completed abnormally, which it never does")
                .endControlFlow()
                .endControlFlow()
                .beginControlFlow("if (!this.finished)")
                .addStatement("this.waiter = Thread.currentThread()")
                .beginControlFlow("try")
                .beginControlFlow("while (!this.finished)")
                .beginControlFlow("if (Thread.interrupted())")
                .addStatement("return false")
                .endControlFlow()
                .addStatement("$T.park(this)", LockSupport.class)
                .endControlFlow()
                .nextControlFlow("finally")
                .addStatement("this.waiter = null")
                .endControlFlow()
                .endControlFlow()
                .addStatement("return true")
                .build());
        type.addMethod(MethodSpec.methodBuilder("abandon")
                .addJavadoc("Gives up on the chunk: not computed if no thread has started it, and off a fork-join "
                        + "pool's\nqueue.\n")
                .addStatement("this.abandoned = true")
                .addStatement("cancel(false)")
                .build());
        return type.build();
    }
}

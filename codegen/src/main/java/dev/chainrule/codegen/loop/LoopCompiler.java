package dev.chainrule.codegen.loop;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.lang.model.element.Modifier;

/**
 * From the expressions a generated class computes to the Java of its method bodies: lowering to
 * loop IR, the optimiser's passes ({@link #passes}), naming, printing. One instance per class,
 * since the methods of a class share its workspace arrays.
 */
public final class LoopCompiler {
    /** Bodies above this estimated size are split into parts; well under HotSpot's 8,000-byte limit. */
    static final int METHOD_BUDGET = 4000;

    /** What a method computes: an expression it returns, or writes into an output array parameter. */
    public record Root(Expr expr, String output) {
        public static Root returned(Expr expr) {
            return new Root(expr, null);
        }

        public static Root into(String output, Expr expr) {
            return new Root(expr, output);
        }
    }

    /** A method's body, and the private parts it calls (each called with the method's arguments). */
    public record MethodCode(CodeBlock body, List<PartCode> parts) {}

    public record PartCode(String name, CodeBlock body, boolean returnsValue) {}

    private final Map<Dim, String> dimNames;
    private final Map<String, Array> arrayParameters = new LinkedHashMap<>();
    private final Map<String, Name> scalarParameters = new LinkedHashMap<>();
    /** The name of each local definition's value, for the temporary that holds it. */
    private final Map<Expr, String> userNames = new java.util.IdentityHashMap<>();
    private final UnaryOperator<String> fresh;
    private final Workspace workspace;
    private final ArrayReuse reuse = new ArrayReuse();
    private final boolean fixedSize;
    private final Set<String> reserved = new HashSet<>();
    private final Set<String> helpers = new LinkedHashSet<>();
    private final Map<String, List<Stmt>> bodies = new LinkedHashMap<>();
    private final Map<String, String> arguments = new LinkedHashMap<>();

    /**
     * @param parameters       the function's parameters and their Java names
     * @param dimNames         the Java name of each symbolic dimension
     * @param localDefinitions the user's local definitions, whose names temporaries take
     * @param fresh            makes a name unused so far in the class from a suggestion
     */
    public LoopCompiler(Map<Expr.Variable, String> parameters, Map<Dim, String> dimNames,
                        Map<String, Expr> localDefinitions, UnaryOperator<String> fresh) {
        this.dimNames = dimNames;
        localDefinitions.forEach((name, e) -> userNames.putIfAbsent(e, name));
        this.fresh = fresh;
        this.workspace = new Workspace(fresh);
        boolean allFixed = true;
        for (Map.Entry<Expr.Variable, String> p : parameters.entrySet()) {
            Expr.Variable v = p.getKey();
            if (v.shape().isScalar()) {
                scalarParameters.put(v.name(), Name.of(p.getValue()));
            } else {
                arrayParameters.put(v.name(), new Array(Name.of(p.getValue()), v.shape().rows(), v.shape().cols(),
                        Array.Role.PARAMETER));
            }
            for (Dim d : List.of(v.shape().rows(), v.shape().cols())) {
                allFixed &= d instanceof Dim.Fixed f && f.size() <= Unrolling.LIMIT;
            }
            reserved.add(p.getValue());
        }
        reserved.addAll(dimNames.values());
        this.fixedSize = allFixed && dimNames.isEmpty();
    }

    /**
     * Lowers and optimises one method.
     *
     * @param method    the method's name
     * @param roots     what it computes
     * @param arguments its parameters, as its parts are called with them
     */
    public void add(String method, List<Root> roots, String arguments) {
        List<Placement.Root> planned = new ArrayList<>();
        for (Root root : roots) {
            planned.add(new Placement.Root(root.expr(), root.output() == null ? null
                    : new Array(Name.of(root.output()), root.expr().shape().rows(), root.expr().shape().cols(),
                    Array.Role.OUTPUT)));
        }
        Emission.Lowered lowered = Emission.of(Placement.of(planned), arrayParameters, scalarParameters, workspace,
                userNames);
        bodies.put(method, Pass.run(passes(method), lowered.body()));
        this.arguments.put(method, arguments);
    }

    /** The optimiser's passes for one method, in order. */
    private List<Pass> passes(String method) {
        return List.of(
                new Pass("hoist constant initialisers", Hoisting::constantInitialisers),
                new Pass("hoist scalars", Hoisting::scalars),
                new Pass("fuse loops", Fusion::fuse),
                new Pass("contract arrays", Contraction::contract),
                new Pass("propagate copies", CopyPropagation::propagate),
                new Pass("unroll small loops and scalarise", this::unroll),
                new Pass("fold constants", ConstantFolding::fold),
                new Pass("fold zero initialisations", ZeroInitialisers::fold),
                new Pass("inline locals used once", LocalInlining::inline),
                new Pass("share workspace arrays", reuse::assign),
                new Pass("split large methods", body -> Splitter.split(body, METHOD_BUDGET, workspace::carried,
                        k -> fresh.apply(method + "Part" + k))),
                new Pass("name", Naming::asIs));
    }

    /**
     * Loops of a small fixed extent unrolled, with every temporary a local, when every dimension is
     * small and fixed and the unrolled body stays small; else only single-iteration loops.
     */
    private List<Stmt> unroll(List<Stmt> body) {
        boolean all = fixedSize && SizeEstimate.of(body, Unrolling.LIMIT) <= METHOD_BUDGET;
        List<Stmt> unrolled = Unrolling.unroll(body, all ? Unrolling.LIMIT : 0);
        return all ? Unrolling.scalarise(unrolled) : unrolled;
    }

    /** The Java of every method added. */
    public Map<String, MethodCode> methods() {
        Map<String, MethodCode> code = new LinkedHashMap<>();
        bodies.forEach((method, body) -> {
            JavaEmitter.Emitted emitted = new JavaEmitter(dimNames, reserved, arguments.get(method), helpers).emit(body);
            List<PartCode> parts = emitted.parts().stream()
                    .map(p -> new PartCode(p.method(), p.code(), p.returnsValue())).toList();
            code.put(method, new MethodCode(emitted.code(), parts));
        });
        return code;
    }

    /** The workspace fields the method bodies use, in the order they were made. */
    public List<FieldSpec> fields() {
        List<FieldSpec> fields = new ArrayList<>();
        for (Array a : usedArrays()) {
            fields.add(FieldSpec.builder(a.role() == Array.Role.PIVOTS ? int[].class : double[].class,
                    Naming.text(a.name()), Modifier.PRIVATE, Modifier.FINAL).build());
        }
        return fields;
    }

    /** The constructor's statements that allocate the workspace. */
    public CodeBlock allocations() {
        CodeBlock.Builder code = CodeBlock.builder();
        for (Array a : usedArrays()) {
            code.addStatement("this.$L = new $L[$L]", Naming.text(a.name()),
                    a.role() == Array.Role.PIVOTS ? "int" : "double", length(a));
        }
        return code.build();
    }

    /** The private static helpers the method bodies call. */
    public List<MethodSpec> helpers() {
        return Helpers.used(helpers);
    }

    private List<Array> usedArrays() {
        Set<String> used = new HashSet<>();
        Mapper collect = new Mapper() {
            @Override public Array array(Array a) {
                if (a.role() != Array.Role.PARAMETER && a.role() != Array.Role.OUTPUT) {
                    used.add(Naming.text(a.name()));
                }
                return a;
            }
        };
        bodies.values().forEach(collect::body);
        // Double arrays first, then the int pivots.
        List<Array> arrays = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (boolean pivots : new boolean[] {false, true}) {
            for (Array a : workspace.arrays()) {
                if ((a.role() == Array.Role.PIVOTS) == pivots && used.contains(Naming.text(a.name()))
                        && listed.add(Naming.text(a.name()))) {
                    arrays.add(a);
                }
            }
        }
        return arrays;
    }

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
}

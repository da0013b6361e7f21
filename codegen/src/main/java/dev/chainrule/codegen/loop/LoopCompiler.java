package dev.chainrule.codegen.loop;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.lang.model.element.Modifier;

/**
 * From the expressions a generated class computes to the Java of its method bodies, workspace
 * fields and helpers: each method is planned ({@link Placement}), lowered to loop IR
 * ({@link Emission}) and optimised by the passes {@link #passes} lists; once every method is in,
 * the temporaries are named ({@link Naming}, arrays once for the class since its methods share
 * them) and the IR printed ({@link JavaEmitter}). One instance per class.
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

    /** A method's body, and the private parts it calls (each with the method's own arguments). */
    /** The names of the static fields the helpers may declare, which no field of the class may take. */
    public static final List<String> STATIC_FIELDS = List.of(Helpers.EXP_TABLE);

    public record MethodCode(CodeBlock body, List<PartCode> parts) {}

    /**
     * A private method a public one calls: a part of a body split for size, or the whole body
     * ({@code whole}), apart from the argument checks of the public method. It takes the public
     * method's parameters, then the workspace arrays it uses ({@code workspace}).
     */
    public record PartCode(String name, CodeBlock body, boolean returnsValue, boolean whole,
                           List<ParameterSpec> workspace) {}

    /**
     * A method over a range of rows: every loop over the row dimension {@code rows} runs from the
     * method's parameter {@code from} to its parameter {@code to} ({@link RowRestriction}).
     */
    public record Rows(Dim.Symbol rows, String from, String to) {
        /** The dimension that stands for the first row in the loop IR: a name no user's dimension can take. */
        Dim.Symbol fromDim() {
            return new Dim.Symbol("rows.from");
        }

        Dim.Symbol toDim() {
            return new Dim.Symbol("rows.to");
        }
    }

    private record Method(List<Stmt> body, String arguments) {}

    private final NumberType numbers;
    private final Map<Dim, String> dimNames;
    private final Map<String, Array> arrayParameters = new LinkedHashMap<>();
    private final Map<String, Name> scalarParameters = new LinkedHashMap<>();
    /** The name of each local definition's value, for the temporary that holds it. */
    private final Map<Expr, String> userNames = new IdentityHashMap<>();
    private final Set<String> taken;
    private final Set<String> chosenByUser = new HashSet<>();
    private final Workspace workspace = new Workspace();
    private final ArrayReuse reuse = new ArrayReuse();
    private final boolean fixedSize;
    private final Map<String, Method> methods = new LinkedHashMap<>();
    private final Set<String> helpers = new LinkedHashSet<>();
    /** The private methods that hold a whole body, apart from its public method's checks. */
    private final Set<String> whole = new HashSet<>();
    private Map<Name, String> arrayNames;
    private Map<String, MethodCode> code;
    /** Careful paths moved out of line, shared by the methods whose careful paths are the same. */
    private final SharedMethods carefulPaths = new SharedMethods(this::numberedMethodName);

    /**
     * @param parameters       the function's parameters and their Java names
     * @param dimNames         the Java name of each symbolic dimension
     * @param localDefinitions the user's local definitions, whose names their temporaries take
     * @param taken            every name the class declares besides temporaries: parameters,
     *                         dimensions, outputs, methods, helpers
     */
    public LoopCompiler(Map<Expr.Variable, String> parameters, Map<Dim, String> dimNames,
                        Map<String, Expr> localDefinitions, Set<String> taken) {
        this(parameters, dimNames, localDefinitions, taken, NumberType.DOUBLE);
    }

    /** @param numbers the number type of the arrays, parameters and locals, {@code double} or {@code float} */
    public LoopCompiler(Map<Expr.Variable, String> parameters, Map<Dim, String> dimNames,
                        Map<String, Expr> localDefinitions, Set<String> taken, NumberType numbers) {
        this.numbers = numbers;
        this.dimNames = new LinkedHashMap<>(dimNames);
        this.taken = new HashSet<>(taken);
        localDefinitions.forEach((name, e) -> userNames.putIfAbsent(e, name));
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
            chosenByUser.add(p.getValue());
        }
        chosenByUser.addAll(dimNames.values());
        chosenByUser.addAll(localDefinitions.keySet());
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
        add(method, roots, arguments, null, true);
    }

    /**
     * Lowers and optimises a private method that public ones call once they have checked the
     * arguments: its body is the whole method, with no part apart from checks (it has none).
     *
     * @param method    the method's name
     * @param roots     what it computes
     * @param arguments its parameters, as its parts are called with them
     */
    public void addPrivate(String method, List<Root> roots, String arguments) {
        add(method, roots, arguments, null, false);
    }

    /**
     * Lowers and optimises a private method that computes its roots over a range of rows only,
     * if its loops allow it (see {@link RowRestriction}). Its body is the whole method: no part
     * apart from checks, since the method has none.
     *
     * @return whether the method is added; if not, nothing is
     */
    public boolean addOverRows(String method, List<Root> roots, String arguments, Rows rows) {
        try {
            add(method, roots, arguments, rows, false);
            return true;
        } catch (RowRestriction.NotRestrictable notRestrictable) {
            return false;
        }
    }

    private void add(String method, List<Root> roots, String arguments, Rows rows, boolean apartFromChecks) {
        if (code != null) {
            throw new IllegalStateException("methods added after the class is compiled");
        }
        List<Placement.Root> planned = new ArrayList<>();
        for (Root root : roots) {
            planned.add(new Placement.Root(root.expr(), root.output() == null ? null
                    : new Array(Name.of(root.output()), root.expr().shape().rows(), root.expr().shape().cols(),
                    Array.Role.OUTPUT)));
        }
        Placement plan = Placement.of(planned);
        Emission.Lowered lowered = Emission.of(plan, arrayParameters, scalarParameters, workspace, userNames);
        boolean sweeps = roots.stream().anyMatch(r -> r.output() == null) && roots.stream().anyMatch(r -> r.output() != null);
        UnaryOperator<List<Stmt>> markSweeps = sweeps ? body -> Sweeps.mark(body, lowered.forwardNames()) : body -> body;
        List<Pass> passes = passes(method, markSweeps);
        if (rows != null) {
            passes = new ArrayList<>(passes);
            int sweepsAt = passes.indexOf(passes.stream().filter(p -> p.name().startsWith("mark")).findFirst().orElseThrow());
            passes.add(sweepsAt, new Pass("run the loops over rows over the range only",
                    body -> RowRestriction.restrict(body, rows.rows(), rows.fromDim(), rows.toDim())));
            dimNames.put(rows.fromDim(), rows.from());
            dimNames.put(rows.toDim(), rows.to());
        }
        if (!apartFromChecks) {
            passes = new ArrayList<>(passes);
            passes.removeIf(p -> p.name().equals("loops in a method of their own"));
        }
        List<Stmt> body = Pass.run(passes, lowered.body());
        methods.put(method, new Method(body, arguments));
    }

    /** The optimiser's passes over one method body, in order. (Naming follows, for the whole class.) */
    private List<Pass> passes(String method, UnaryOperator<List<Stmt>> markSweeps) {
        return List.of(
                new Pass("hoist constant initialisers", Hoisting::constantInitialisers),
                new Pass("hoist scalars", Hoisting::scalars),
                new Pass("fuse loops", Fusion::fuse),
                new Pass("contract arrays", Contraction::contract),
                new Pass("propagate copies", CopyPropagation::propagate),
                new Pass("unroll small loops and scalarise", this::unroll),
                new Pass("fold constants", ConstantFolding::fold),
                new Pass("fold zero initialisations", ZeroInitialisers::fold),
                new Pass("merge locals of equal value", EqualLocals::merge),
                new Pass("merge accumulators of equal updates", TwinAccumulators::merge),
                new Pass("inline locals used once", LocalInlining::inline),
                new Pass("one exp for a softplus and a sigmoid of one argument",
                        body -> numbers == NumberType.DOUBLE ? SharedExp.share(body, workspace::local) : body),
                new Pass("jam rows that share entries", body -> Jamming.jam(body, workspace::local)),
                new Pass("read each entry once", body -> RepeatedLoads.once(body, workspace::local)),
                new Pass("split reductions over several accumulators", Accumulators::split),
                new Pass("mark the forward and backward sweeps", markSweeps),
                new Pass("share workspace arrays", reuse::assign),
                new Pass("split large methods", body -> Splitter.split(body, METHOD_BUDGET, workspace::carried,
                        k -> partName(method, k))),
                new Pass("loops in a method of their own", body -> apartFromChecks(method, body)));
    }

    /** The body in a method of its own, apart from the checks ({@link Splitter#apartFromChecks}). */
    private List<Stmt> apartFromChecks(String method, List<Stmt> body) {
        String name = method + "Unchecked";
        while (taken.contains(name)) {
            name = name + "_";
        }
        List<Stmt> apart = Splitter.apartFromChecks(body, name);
        if (apart != body) {
            taken.add(name);
            whole.add(name);
        }
        return apart;
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

    private String partName(String method, int k) {
        return uniqueMethodName(method + "Part" + k);
    }

    /** {@code name}, or with 2, 3, … after it until it is a method name no other method of the class has. */
    private String numberedMethodName(String name) {
        String numbered = name;
        for (int k = 2; !taken.add(numbered); k++) {
            numbered = name + k;
        }
        return numbered;
    }

    /** {@code name}, or with underscores after it until it is a method name no other method of the class has. */
    private String uniqueMethodName(String name) {
        while (!taken.add(name)) {
            name = name + "_";
        }
        return name;
    }

    /** The Java of every method added. */
    public Map<String, MethodCode> methods() {
        compile();
        return code;
    }

    private void compile() {
        if (code != null) {
            return;
        }
        Naming.Scope scope = new Naming.Scope(taken, chosenByUser);
        arrayNames = Naming.arrays(methods.values().stream().map(Method::body).toList(), reuse::rolesOf, scope);
        Naming.Scope methodScope = scope.with(arrayNames.values());
        code = new LinkedHashMap<>();
        methods.forEach((name, method) -> {
            Map<Name.Temp, String> locals = Naming.locals(method.body(), methodScope);
            List<Stmt> named = Naming.apply(method.body(), arrayNames, locals);
            Set<String> reserved = new HashSet<>(methodScope.taken());
            reserved.addAll(locals.values());
            JavaEmitter.Emitted emitted = new JavaEmitter(dimNames, reserved, method.arguments(), helpers, numbers,
                    carefulPaths)
                    .emit(named);
            List<PartCode> parts = emitted.parts().stream()
                    .map(p -> new PartCode(p.method(), p.code(), p.returnsValue(), whole.contains(p.method()),
                            p.workspace())).toList();
            code.put(name, new MethodCode(emitted.code(), parts));
        });
    }

    /** The workspace fields the method bodies use: number arrays in order of first use, then pivots. */
    public List<FieldSpec> fields() {
        List<FieldSpec> fields = new ArrayList<>();
        for (Array a : workspaceArrays()) {
            fields.add(FieldSpec.builder(a.role() == Array.Role.PIVOTS ? TypeName.get(int[].class) : numbers.array(),
                    arrayNames.get(a.name()), Modifier.PRIVATE, Modifier.FINAL).build());
        }
        return fields;
    }

    /** The constructor's statements that allocate the workspace. */
    public CodeBlock allocations() {
        CodeBlock.Builder allocations = CodeBlock.builder();
        for (Array a : workspaceArrays()) {
            allocations.addStatement("this.$L = new $L[$L]", arrayNames.get(a.name()),
                    a.role() == Array.Role.PIVOTS ? "int" : numbers.keyword(), length(a));
        }
        return allocations.build();
    }

    /** The length of each workspace array, for the constructor to check that it fits an array. */
    public List<Dim> workspaceLengths() {
        return workspaceArrays().stream().map(a -> Dim.product(a.rows(), a.cols())).toList();
    }

    /** The private static methods the method bodies' careful paths were moved into, each once. */
    public List<MethodSpec> carefulPaths() {
        compile();
        return carefulPaths.methods();
    }

    /** The private static helpers the method bodies call. */
    public List<MethodSpec> helpers() {
        compile();
        return Helpers.used(helpers, numbers);
    }

    /** The private static constants the helpers read (exp's table). */
    public List<FieldSpec> helperConstants() {
        compile();
        return Helpers.constants(helpers, numbers);
    }

    /** Each workspace array once, as large as its largest use (the slots of split methods differ). */
    private List<Array> workspaceArrays() {
        compile();
        Map<Name, Array> arrays = new LinkedHashMap<>();
        Mapper collect = new Mapper() {
            @Override public Array array(Array a) {
                if (a.role() != Array.Role.PARAMETER && a.role() != Array.Role.OUTPUT) {
                    arrays.merge(a.name(), a, (x, y) -> x.rows() instanceof Dim.Fixed fx && y.rows() instanceof Dim.Fixed fy
                            && fy.size() > fx.size() ? y : x);
                }
                return a;
            }
        };
        methods.values().forEach(m -> collect.body(m.body()));
        List<Array> ordered = new ArrayList<>();
        arrays.values().stream().filter(a -> a.role() != Array.Role.PIVOTS).forEach(ordered::add);
        arrays.values().stream().filter(a -> a.role() == Array.Role.PIVOTS).forEach(ordered::add);
        return ordered;
    }

    /**
     * rows × cols as an int expression: one polynomial in the dimensions, so that a compound size
     * (the {@code 2 * m} of a commutation matrix, the {@code m + 1} of a block) needs no parentheses.
     */
    private String length(Array a) {
        return Dim.product(a.rows(), a.cols()).format(symbol -> dimNames.get(Dim.of(symbol)));
    }
}

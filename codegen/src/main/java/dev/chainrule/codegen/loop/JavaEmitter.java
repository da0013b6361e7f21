package dev.chainrule.codegen.loop;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.chainrule.codegen.loop.Stmt.*;
import dev.chainrule.shape.Dim;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Prints loop IR as Java, and nothing else: every decision (what is unrolled, what is a local,
 * what each local is called) has been taken by the passes. Loop variables are named by depth
 * ({@code i}, {@code j}, ...).
 */
final class JavaEmitter implements Stmt.Visitor<Void> {
    private static final String[] INDEX_NAMES = {"i", "j", "k", "l", "p", "q", "r", "s"};

    /** A method's code: its body, and the bodies of the private parts it calls. */
    record Emitted(CodeBlock code, List<EmittedPart> parts) {}

    /**
     * A private method's code; {@code workspace} are the workspace arrays it takes as parameters
     * after the public method's own, passed by the caller.
     */
    record EmittedPart(String method, CodeBlock code, boolean returnsValue, List<ParameterSpec> workspace) {}

    private final Map<Dim, String> dimNames;
    private final Set<String> reserved;
    private final String arguments;
    private final Set<String> usedHelpers;
    private final NumberType numbers;
    private final Map<Index.Var, String> indices = new HashMap<>();
    private final List<EmittedPart> parts = new ArrayList<>();
    private final SharedMethods carefulPaths;
    /** The names of the dimensions the code emitted so far used, while a careful path is emitted; else null. */
    private Set<String> dimensionsUsed;
    private final Values values = new Values();
    private CodeBlock.Builder code = CodeBlock.builder();
    private int depth;

    /**
     * @param dimNames    the Java name of each symbolic dimension (an int local)
     * @param reserved    names loop variables must not take
     * @param arguments   the method's parameters, as a part of it is called with them
     * @param usedHelpers receives the names of the private helpers the code calls
     * @param numbers     the type of arrays, parameters, locals and literals ({@link NumberType})
     * @param carefulPaths the class's methods that careful paths are moved into ({@link #visitIfOutside})
     */
    JavaEmitter(Map<Dim, String> dimNames, Set<String> reserved, String arguments, Set<String> usedHelpers,
                NumberType numbers, SharedMethods carefulPaths) {
        this.numbers = numbers;
        this.carefulPaths = carefulPaths;
        this.dimNames = dimNames;
        this.reserved = reserved;
        this.arguments = arguments;
        this.usedHelpers = usedHelpers;
    }

    Emitted emit(List<Stmt> body) {
        workspaceLocals(body);
        body(body);
        return new Emitted(code.build(), List.copyOf(parts));
    }

    /**
     * {@code final double[] hidden = this.hidden;} for each workspace array a body uses (not in its
     * parts, which are methods of their own): the JIT then keeps the array in a register across the
     * loops, rather than reading the field again where it cannot tell that nothing changed it.
     */
    private void workspaceLocals(List<Stmt> body) {
        workspaceArrays(body).forEach((name, a) -> code.addStatement("final $L[] $L = this.$L", elementType(a), name, name));
    }

    /** The workspace arrays a body uses (not in its parts), by name, in order of first use. */
    private Map<String, Array> workspaceArrays(List<Stmt> body) {
        Map<String, Array> arrays = new java.util.LinkedHashMap<>();
        Mapper collect = new Mapper() {
            @Override public Array array(Array a) {
                if (a.role() != Array.Role.PARAMETER && a.role() != Array.Role.OUTPUT) {
                    arrays.putIfAbsent(name(a.name()), a);
                }
                return a;
            }

            @Override public Stmt stmt(Stmt s) {
                return s instanceof Part ? s : s.map(this);
            }
        };
        collect.body(body);
        return arrays;
    }

    private String elementType(Array a) {
        return a.role() == Array.Role.PIVOTS ? "int" : numbers.keyword();
    }

    private void body(List<Stmt> body) {
        for (Stmt s : body) {
            s.accept(this);
        }
    }

    private static String name(Name name) {
        if (name instanceof Name.Fixed f) {
            return f.text();
        }
        throw new IllegalStateException("unnamed in emitted code: " + name);
    }

    // ---- statements -----------------------------------------------------------------------------

    @Override public Void visitLet(Let s) {
        code.addStatement("final $L $L = $L", numbers.keyword(), name(s.name()), expr(s.value()));
        return null;
    }

    @Override public Void visitInit(Init s) {
        code.addStatement("$L $L = $L", numbers.keyword(), name(s.name()), expr(s.value()));
        return null;
    }

    @Override public Void visitAssign(Assign s) {
        code.addStatement("$L = $L", name(s.name()), expr(s.value()));
        return null;
    }

    @Override public Void visitUpdate(Update s) {
        String local = name(s.name());
        switch (s.op()) {
            case ADD -> code.addStatement("$L += $L", local, expr(s.value()));
            case MULTIPLY -> code.addStatement("$L *= $L", local, expr(s.value()));
            case MAX -> code.addStatement("$L = Math.max($L, $L)", local, local, expr(s.value()));
            default -> throw new IllegalStateException("no update " + s.op());
        }
        return null;
    }

    @Override public Void visitStore(Store s) {
        code.addStatement("$L[$L] = $L", name(s.array().name()), offset(s.array(), s.row(), s.col()), stored(s.value()));
        return null;
    }

    @Override public Void visitAccumulate(Accumulate s) {
        code.addStatement("$L[$L] += $L", name(s.array().name()), offset(s.array(), s.row(), s.col()), stored(s.value()));
        return null;
    }

    @Override public Void visitLoop(Loop loop) {
        String from = index(loop.from());
        String index = indexName();
        indices.put(loop.index(), index);
        depth++;
        code.beginControlFlow("for (int $L = $L; $L < $L; $L++)", index, from, index, dim(loop.extent()), index);
        body(loop.body());
        code.endControlFlow();
        depth--;
        indices.remove(loop.index());
        return null;
    }

    /**
     * {@code for (int j = 0; j < n - 3; j += 4) { … }} then {@code for (int j = n - n % 4; j < n; j++)
     * { … }}: the second loop starts where the first stops.
     */
    @Override public Void visitBlocked(Blocked blocked) {
        String from = index(blocked.from());
        String extent = dim(blocked.extent());
        String operand = factor(blocked.extent());
        int lanes = blocked.lanes();
        String index = indexName();
        indices.put(blocked.index(), index);
        depth++;
        code.beginControlFlow("for (int $L = $L; $L < $L - $L; $L += $L)", index, from, index, operand, lanes - 1,
                index, lanes);
        body(blocked.body());
        code.endControlFlow();
        String rest = blocked.from().equals(Index.ZERO) ? operand + " % " + lanes
                : "(" + extent + " - " + operand(blocked.from()) + ") % " + lanes;
        code.beginControlFlow("for (int $L = $L - $L; $L < $L; $L++)", index, operand, rest, index, extent, index);
        body(blocked.remainder());
        code.endControlFlow();
        depth--;
        indices.remove(blocked.index());
        return null;
    }

    @Override public Void visitFactor(Factor s) {
        usedHelpers.add("luFactor");
        code.addStatement("final $L $L = luFactor($L, $L, $L, $L)", numbers.keyword(), name(s.sign()), name(s.source().name()),
                name(s.lu().name()), name(s.pivots().name()), dim(s.source().rows()));
        return null;
    }

    @Override public Void visitInvert(Invert s) {
        usedHelpers.add("luInverse");
        code.addStatement("luInverse($L, $L, $L, $L, $L)", name(s.lu().name()), name(s.pivots().name()),
                name(s.sign()), name(s.out().name()), dim(s.lu().rows()));
        return null;
    }

    @Override public Void visitUnlessZero(UnlessZero s) {
        code.beginControlFlow("if ($L != $L)", expr(s.condition(), EQUALITY + 1), numbers.literal("0.0"));
        body(s.body());
        code.endControlFlow();
        return null;
    }

    @Override public Void visitUnlessAnyZero(UnlessAnyZero s) {
        String zero = numbers.literal("0.0");
        String noneZero = s.conditions().stream().map(c -> expr(c, EQUALITY + 1) + " != " + zero)
                .collect(java.util.stream.Collectors.joining(" && "));
        code.beginControlFlow("if ($L)", noneZero);
        body(s.body());
        code.nextControlFlow("else");
        body(s.otherwise());
        code.endControlFlow();
        return null;
    }

    @Override public Void visitIfOutside(IfOutside s) {
        String value = expr(s.value(), ADDITIVE);
        code.beginControlFlow("if ($L < $L || $L > $L)", value, numbers.low(s.range()), value, numbers.high(s.range()));
        Assign result = indices.isEmpty() ? CarefulPath.result(s.body()) : null;
        if (result != null) {
            callCarefulPath(s, result);
        } else {
            body(s.body());
        }
        code.endControlFlow();
        return null;
    }

    /**
     * The careful path in a private static method of its own, called with what it reads: the
     * method that runs the fast path then stays small enough for HotSpot to inline it where it is
     * called (325 bytes of bytecode for a hot method; the spring's gradient was 349 with its careful
     * path inline, and ran 1.25× slower than the same code with it out of line, measured side by
     * side), and the rare path costs a call only where it runs. Its locals take the names of their
     * roles, so that methods with the same careful path share one.
     */
    private void callCarefulPath(IfOutside s, Assign result) {
        List<String> passed = new ArrayList<>();
        List<ParameterSpec> parameters = new ArrayList<>();
        CarefulPath.arrays(s.body()).forEach(a -> {
            parameters.add(ParameterSpec.builder(a.role() == Array.Role.PIVOTS ? TypeName.get(int[].class)
                    : numbers.array(), name(a.name())).build());
            passed.add(name(a.name()));
        });
        for (Name read : CarefulPath.localsRead(s.body())) {
            parameters.add(ParameterSpec.builder(numbers.scalar(), name(read)).build());
            passed.add(name(read));
        }
        Set<String> taken = new LinkedHashSet<>(passed);
        taken.addAll(dimNames.values());
        List<Stmt> body = CarefulPath.localsByRole(s.body(), taken);
        CodeBlock.Builder caller = code;
        code = CodeBlock.builder();
        dimensionsUsed = new LinkedHashSet<>();
        body(body.subList(0, body.size() - 1));
        code.addStatement("return $L", expr(((Assign) body.get(body.size() - 1)).value()));
        CodeBlock careful = code.build();
        List<String> dimensions = List.copyOf(dimensionsUsed);
        dimensionsUsed = null;
        code = caller;
        String local = name(result.name());
        String role = CarefulPath.role(local);
        String method = carefulPaths.name("careful" + Character.toUpperCase(role.charAt(0)) + role.substring(1), name -> {
            MethodSpec.Builder m = MethodSpec.methodBuilder(name)
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addJavadoc("$L", CarefulPath.javadoc(s.range()))
                    .returns(numbers.scalar());
            dimensions.forEach(d -> m.addParameter(TypeName.INT, d));
            return m.addParameters(parameters).addCode(careful).build();
        });
        List<String> arguments = new ArrayList<>(dimensions);
        arguments.addAll(passed);
        code.addStatement("$L = $L($L)", local, method, String.join(", ", arguments));
    }

    @Override public Void visitReturn(Return s) {
        code.addStatement("return $L", stored(s.value()));
        return null;
    }

    @Override public Void visitComment(Comment s) {
        code.add("// $L\n", s.text());
        return null;
    }

    /**
     * A part in a method of its own, called with the method's arguments and then the workspace
     * arrays it uses. Passed as parameters, not read from the fields in the part: the JIT then
     * compiled the two-layer network's loops around a call to {@code Math.tanh} (a native method)
     * 16% faster, as fast as the hand-written code, which takes its scratch arrays as parameters.
     */
    @Override public Void visitPart(Part part) {
        CodeBlock.Builder caller = code;
        code = CodeBlock.builder();
        Map<String, Array> workspace = workspaceArrays(part.body());
        body(part.body());
        List<ParameterSpec> parameters = new ArrayList<>();
        workspace.forEach((name, a) -> parameters.add(ParameterSpec.builder(
                a.role() == Array.Role.PIVOTS ? TypeName.get(int[].class) : numbers.array(), name).build()));
        parts.add(new EmittedPart(part.method(), code.build(), part.returnsValue(), List.copyOf(parameters)));
        code = caller;
        String passed = workspace.isEmpty() ? arguments
                : (arguments.isEmpty() ? "" : arguments + ", ") + String.join(", ", workspace.keySet());
        if (part.returnsValue()) {
            code.addStatement("return $L($L)", part.method(), passed);
        } else {
            code.addStatement("$L($L)", part.method(), passed);
        }
        return null;
    }

    private String indexName() {
        for (int d = depth; d < depth + INDEX_NAMES.length; d++) {
            String candidate = INDEX_NAMES[d % INDEX_NAMES.length] + (d >= INDEX_NAMES.length ? d : "");
            if (!reserved.contains(candidate) && !indices.containsValue(candidate)) {
                return candidate;
            }
        }
        return "index" + depth;
    }

    // ---- indices --------------------------------------------------------------------------------

    /** The Java text of an index. */
    private String index(Index i) {
        return i.accept(new Index.Visitor<>() {
            @Override public String visitVar(Index.Var v) {
                String name = indices.get(v);
                if (name == null) {
                    throw new IllegalStateException("loop variable " + v + " used outside its loop");
                }
                return name;
            }

            @Override public String visitAt(Index.At a) {
                return Integer.toString(a.position());
            }

            @Override public String visitShifted(Index.Shifted s) {
                if (s.base().equals(Index.ZERO)) {
                    return dim(s.offset());  // a loop over a range of rows, from its first
                }
                return index(s.base()) + " + " + factor(s.offset());
            }

            @Override public String visitCombined(Index.Combined c) {
                return operand(c.outer()) + " * " + factor(c.stride()) + " + " + index(c.inner());
            }
        });
    }

    /** An index as an operand of a product: a composite in parentheses. */
    private String operand(Index i) {
        boolean single = i instanceof Index.Var || i instanceof Index.At
                || i instanceof Index.Shifted s && s.base().equals(Index.ZERO) && s.offset() instanceof Dim.Symbol;
        return single ? index(i) : "(" + index(i) + ")";
    }

    /** A dimension as an operand of a product or a sum: a compound in parentheses. */
    private String factor(Dim d) {
        return d instanceof Dim.Compound ? "(" + dim(d) + ")" : dim(d);
    }

    /** The row-major offset of entry (r, c). */
    private String offset(Array array, Index r, Index c) {
        if (array.cols().equals(Dim.ONE)) {
            return index(r);
        }
        if (array.rows().equals(Dim.ONE)) {
            return index(c);
        }
        if (r instanceof Index.At ra && c instanceof Index.At ca && array.cols() instanceof Dim.Fixed cols) {
            return Integer.toString(ra.position() * cols.size() + ca.position());
        }
        String row = r.equals(Index.ZERO) ? null : operand(r) + " * " + factor(array.cols());
        return row == null ? index(c) : c.equals(Index.ZERO) ? row : row + " + " + index(c);
    }

    private String dim(Dim d) {
        if (d instanceof Dim.Fixed f) {
            return Integer.toString(f.size());
        }
        return d instanceof Dim.Symbol ? dimensionName(d) : d.format(symbol -> dimensionName(Dim.of(symbol)));
    }

    private String dimensionName(Dim symbol) {
        String name = dimNames.get(symbol);
        if (dimensionsUsed != null) {
            dimensionsUsed.add(name);
        }
        return name;
    }

    // ---- values ---------------------------------------------------------------------------------

    private static final int EQUALITY = 0;
    private static final int ADDITIVE = 1;
    private static final int MULTIPLICATIVE = 2;
    private static final int UNARY = 3;

    private String expr(Val v) {
        return expr(v, 0);
    }

    /** A value stored into an array or returned: every value is of the class's number type already. */
    private String stored(Val v) {
        return expr(v);
    }

    /** The Java expression for v, parenthesised if its precedence is below {@code context}. */
    private String expr(Val v, int context) {
        int saved = values.context;
        values.context = context;
        try {
            return v.accept(values);
        } finally {
            values.context = saved;
        }
    }

    private final class Values implements Val.Visitor<String> {
        /** The precedence the printed value must have, or be parenthesised. */
        int context;

        @Override public String visitNum(Val.Num n) {
            return numberText(n.value(), context);
        }

        @Override public String visitLocal(Val.Local l) {
            return name(l.name());
        }

        @Override public String visitSize(Val.Size s) {
            return s.dim() instanceof Dim.Fixed f ? numbers.literal(f.size() + ".0")
                    : wrap("(" + numbers.keyword() + ") " + dim(s.dim()), UNARY, context);
        }

        @Override public String visitLoad(Val.Load load) {
            return name(load.array().name()) + "[" + offset(load.array(), load.row(), load.col()) + "]";
        }

        @Override public String visitNegate(Val.Negate n) {
            String inner = expr(n.operand(), UNARY + 1);
            return wrap("-" + (inner.startsWith("-") ? "(" + inner + ")" : inner), UNARY, context);
        }

        @Override public String visitBinary(Val.Binary b) {
            int p = b.op() == Val.Op.ADD || b.op() == Val.Op.SUBTRACT ? ADDITIVE : MULTIPLICATIVE;
            // Java evaluates a + b + c as (a + b) + c; in floating point a + (b + c) is another sum,
            // so a right operand of the same precedence keeps its parentheses, whatever the operator.
            boolean rightTight = true;
            String symbol = switch (b.op()) {
                case ADD -> " + ";
                case SUBTRACT -> " - ";
                case MULTIPLY -> " * ";
                case DIVIDE -> " / ";
                case MAX -> throw new IllegalStateException("MAX is an update, not an operator");
            };
            int outer = context;
            return wrap(expr(b.left(), p) + symbol + expr(b.right(), rightTight ? p + 1 : p), p, outer);
        }

        @Override public String visitCall(Val.Call c) {
            String call = call(c.function(), expr(c.argument(), 0));
            // Math's methods are double but for abs and signum; the helpers are of the class's type.
            boolean ofDouble = c.function().javaName() != null && !c.function().isHelper()
                    && c.function() != MathFunction.ABS && c.function() != MathFunction.SIGNUM;
            return ofDouble ? wrap(numbers.fromDouble(call), UNARY, context) : call;
        }

        @Override public String visitMax(Val.Max m) {
            return "Math.max(" + expr(m.left(), 0) + ", " + expr(m.right(), 0) + ")";
        }

        @Override public String visitPower(Val.Power p) {
            if (p.exponent() instanceof Val.Num n) {
                double e = n.value();
                if (e == 2) {
                    usedHelpers.add("square");
                    return "square(" + expr(p.base(), 0) + ")";
                }
                if (e == 3) {
                    usedHelpers.add("cube");
                    return "cube(" + expr(p.base(), 0) + ")";
                }
                if (e == 1) {
                    return expr(p.base(), UNARY);
                }
                if (e == 0.5) {
                    return wrap(numbers.fromDouble("Math.sqrt(" + expr(p.base(), 0) + ")"), UNARY, context);
                }
                if (e == -1) {
                    return "(" + numbers.literal("1.0") + " / " + expr(p.base(), MULTIPLICATIVE + 1) + ")";
                }
            }
            return wrap(numbers.fromDouble("Math.pow(" + expr(p.base(), 0) + ", " + expr(p.exponent(), 0) + ")"), UNARY,
                    context);
        }

        @Override public String visitLogSumExpOf(Val.LogSumExpOf l) {
            usedHelpers.add("logSumExp");
            return "logSumExp(" + expr(l.max(), 0) + ", " + expr(l.shiftedSum(), 0) + ")";
        }

        @Override public String visitFromExp(Val.FromExp f) {
            String helper = f.function().javaName();
            usedHelpers.add(helper + SharedExp.HELPER_SUFFIX);
            return helper + "(" + expr(f.argument(), 0) + ", " + expr(f.exp(), 0) + ")";
        }

        @Override public String visitOnDiagonal(Val.OnDiagonal d) {
            if (d.row() instanceof Index.At ra && d.col() instanceof Index.At ca) {
                return ra.position() == ca.position() ? expr(d.value(), context) : numbers.literal("0.0");
            }
            return "(" + index(d.row()) + " == " + index(d.col()) + " ? " + expr(d.value(), 0) + " : "
                    + numbers.literal("0.0") + ")";
        }
    }

    private String call(MathFunction f, String argument) {
        if (f == MathFunction.EXP) {
            // Helpers#exp: table-driven, measured 1.5 times as fast as the Math.exp intrinsic (ExpBenchmark).
            usedHelpers.add("exp");
            return "exp(" + argument + ")";
        }
        if (f.javaName() == null || f.isHelper()) {
            String helper = f == MathFunction.RELU ? "relu" : f == MathFunction.STEP ? "step" : f.javaName();
            usedHelpers.add(helper);
            return helper + "(" + argument + ")";
        }
        return f.javaName() + "(" + argument + ")";
    }

    private static String wrap(String text, int precedence, int context) {
        return precedence < context ? "(" + text + ")" : text;
    }

    /** A literal of the class's number type. */
    private String numberText(double value, int context) {
        if (numbers == NumberType.DOUBLE) {
            return number(value, context);
        }
        float f = (float) value;
        String text;
        if (Float.isNaN(f)) {
            text = "Float.NaN";
        } else if (Float.isInfinite(f)) {
            text = f > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY";
        } else {
            text = (f == Math.rint(f) && Math.abs(f) < 1e7 ? (long) f + ".0" : Float.toString(f)) + "f";
        }
        return text.startsWith("-") ? wrap(text, UNARY, context) : text;
    }

    static String number(double value, int context) {
        if (Double.isNaN(value)) {
            return "Double.NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        }
        String text = value == Math.rint(value) && Math.abs(value) < 1e15 ? (long) value + ".0" : Double.toString(value);
        return value < 0 ? wrap(text, UNARY, context) : text;
    }
}

package dev.chainrule.codegen;

import com.palantir.javapoet.CodeBlock;
import dev.chainrule.codegen.loop.Array;
import dev.chainrule.codegen.loop.Index;
import dev.chainrule.codegen.loop.MathFunction;
import dev.chainrule.codegen.loop.Stmt;
import dev.chainrule.codegen.loop.Val;
import dev.chainrule.shape.Dim;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes loop-IR statements as Java. Loop indices are named by depth ({@code i}, {@code j}, ...);
 * loops of a small fixed extent are unrolled, and in a fully unrolled body temporaries become
 * scalar locals ({@code w1_0}, {@code w1_1}, ...), so that fixed-size code has no arrays at all.
 */
final class JavaEmitter {
    /** Loops over at most this many entries are unrolled. */
    static final int UNROLL_LIMIT = 4;

    private static final String[] INDEX_NAMES = {"i", "j", "k", "l", "p", "q", "r", "s"};

    private final Map<Dim, String> dimNames;
    private final boolean scalarizeTemporaries;
    private final int unrollLimit;
    private final Set<String> reserved;
    private final Map<String, Index> indices = new HashMap<>();
    private final Set<String> declaredScalars = new java.util.LinkedHashSet<>();
    private final Set<String> passedWhole = new HashSet<>();
    private final Set<String> usedHelpers;
    private final Set<String> referencedArrays = new HashSet<>();
    /** Locals declared in an unrolled body get a suffix per copy: {@code a2_0}, {@code a2_1}, ... */
    private final Map<String, String> localNames = new HashMap<>();
    private int depth;

    /**
     * @param dimNames             the Java name of each symbolic dimension (an int field or local)
     * @param unrollLimit          loops over a fixed extent up to this count are unrolled (0: none)
     * @param scalarizeTemporaries true when every loop is unrolled, so temporaries can be locals
     * @param reserved             names loop indices must not take
     * @param usedHelpers          receives the names of the private helpers the code calls
     */
    JavaEmitter(Map<Dim, String> dimNames, int unrollLimit, boolean scalarizeTemporaries, Set<String> reserved,
                Set<String> usedHelpers) {
        this.dimNames = dimNames;
        this.unrollLimit = unrollLimit;
        this.scalarizeTemporaries = scalarizeTemporaries;
        this.reserved = reserved;
        this.usedHelpers = usedHelpers;
    }

    CodeBlock emit(List<Stmt> body) {
        wholeArrays(body);
        CodeBlock.Builder code = CodeBlock.builder();
        for (Stmt s : body) {
            statement(s, code);
        }
        if (declaredScalars.isEmpty()) {
            return code.build();
        }
        // Scalarised temporaries are declared up front: a first store may sit inside a block.
        CodeBlock.Builder declarations = CodeBlock.builder();
        for (String scalar : declaredScalars) {
            declarations.addStatement("double $L = 0.0", scalar);
        }
        return declarations.add(code.build()).build();
    }

    private void statement(Stmt s, CodeBlock.Builder code) {
        if (s instanceof Stmt.Let l) {
            code.addStatement("final double $L = $L", local(l.name()), expr(l.value(), 0));
        } else if (s instanceof Stmt.Init i) {
            code.addStatement("double $L = $L", local(i.name()), expr(i.value(), 0));
        } else if (s instanceof Stmt.Update u && u.op() == Val.Op.MAX) {
            code.addStatement("$L = Math.max($L, $L)", local(u.name()), local(u.name()), expr(u.value(), 0));
        } else if (s instanceof Stmt.Update u) {
            code.addStatement("$L $L= $L", local(u.name()), u.op() == Val.Op.ADD ? "+" : "*", expr(u.value(), 0));
        } else if (s instanceof Stmt.Store st) {
            store(st.array(), st.row(), st.col(), "=", st.value(), code);
        } else if (s instanceof Stmt.Accumulate a) {
            store(a.array(), a.row(), a.col(), "+=", a.value(), code);
        } else if (s instanceof Stmt.Loop loop) {
            loop(loop, code);
        } else if (s instanceof Stmt.UnlessZero guard) {
            code.beginControlFlow("if ($L != 0.0)", local(guard.local()));
            for (Stmt inner : guard.body()) {
                statement(inner, code);
            }
            code.endControlFlow();
        } else if (s instanceof Stmt.Factor f) {
            usedHelpers.add("luFactor");
            referencedArrays.add(f.source().name());
            referencedArrays.add(f.lu().name());
            code.addStatement("final double $L = luFactor($L, $L, $L, $L)", local(f.sign()), f.source().name(), f.lu().name(),
                    f.pivots(), dim(f.source().rows()));
        } else if (s instanceof Stmt.Invert inv) {
            usedHelpers.add("luInverse");
            referencedArrays.add(inv.out().name());
            code.addStatement("luInverse($L, $L, $L, $L, $L)", inv.lu().name(), inv.pivots(), local(inv.sign()),
                    inv.out().name(), dim(inv.lu().rows()));
        } else if (s instanceof Stmt.Return r) {
            code.addStatement("return $L", expr(r.value(), 0));
        }
    }

    private String local(String name) {
        return localNames.getOrDefault(name, name);
    }

    /** The locals a body declares, at any depth: each unrolled copy needs its own. */
    private static void declaredIn(List<Stmt> body, Set<String> out) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Let l) {
                out.add(l.name());
            } else if (s instanceof Stmt.Init i) {
                out.add(i.name());
            } else if (s instanceof Stmt.Factor f) {
                out.add(f.sign());
            } else if (s instanceof Stmt.Loop loop) {
                declaredIn(loop.body(), out);
            } else if (s instanceof Stmt.UnlessZero guard) {
                declaredIn(guard.body(), out);
            }
        }
    }

    private void loop(Stmt.Loop loop, CodeBlock.Builder code) {
        if (loop.extent() instanceof Dim.Fixed fixed && (fixed.size() <= unrollLimit || fixed.size() == 1)) {
            int n = ((Dim.Fixed) loop.extent()).size();
            Set<String> declared = new HashSet<>();
            declaredIn(loop.body(), declared);
            Map<String, String> outer = new HashMap<>(localNames);
            for (int v = 0; v < n; v++) {
                indices.put(loop.index(), new Index.At(v));
                for (String name : declared) {
                    if (n > 1) {
                        localNames.put(name, local(name) + "_" + v);
                    }
                }
                for (Stmt s : loop.body()) {
                    statement(s, code);
                }
                localNames.clear();
                localNames.putAll(outer);
            }
            indices.remove(loop.index());
            return;
        }
        String name = indexName();
        indices.put(loop.index(), new Index.Var(name));
        depth++;
        code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", name, name, dim(loop.extent()), name);
        for (Stmt s : loop.body()) {
            statement(s, code);
        }
        code.endControlFlow();
        depth--;
        indices.remove(loop.index());
    }

    private String indexName() {
        for (int d = depth; d < depth + INDEX_NAMES.length; d++) {
            String candidate = INDEX_NAMES[d % INDEX_NAMES.length] + (d >= INDEX_NAMES.length ? d : "");
            if (!reserved.contains(candidate) && !indices.values().contains(new Index.Var(candidate))) {
                return candidate;
            }
        }
        return "index" + depth;
    }

    private void store(Array array, Index row, Index col, String op, Val value, CodeBlock.Builder code) {
        Index r = resolve(row);
        Index c = resolve(col);
        String rhs = expr(value, 0);
        if (isScalarized(array, r, c)) {
            String local = scalarName(array, r, c);
            declaredScalars.add(local);
            code.addStatement("$L $L $L", local, op, rhs);
            return;
        }
        referencedArrays.add(array.name());
        code.addStatement("$L[$L] $L $L", array.name(), offset(array, r, c), op, rhs);
    }

    private boolean isScalarized(Array array, Index r, Index c) {
        return scalarizeTemporaries && array.role() == Array.Role.TEMPORARY && !passedWhole.contains(array.name())
                && r instanceof Index.At && c instanceof Index.At;
    }

    /** Arrays handed whole to a helper (an LU factorisation, an inverse) stay arrays. */
    private void wholeArrays(List<Stmt> body) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Factor f) {
                passedWhole.add(f.source().name());
                passedWhole.add(f.lu().name());
            } else if (s instanceof Stmt.Invert inv) {
                passedWhole.add(inv.lu().name());
                passedWhole.add(inv.out().name());
            } else if (s instanceof Stmt.Loop loop) {
                wholeArrays(loop.body());
            } else if (s instanceof Stmt.UnlessZero guard) {
                wholeArrays(guard.body());
            }
        }
    }

    private String scalarName(Array array, Index r, Index c) {
        return array.name() + "_" + ((Index.At) r).position() + (array.cols().equals(Dim.ONE) || array.rows().equals(Dim.ONE)
                ? (array.rows().equals(Dim.ONE) ? "_" + ((Index.At) c).position() : "") : "_" + ((Index.At) c).position());
    }

    private Index resolve(Index index) {
        return index instanceof Index.Var v ? indices.getOrDefault(v.name(), index) : index;
    }

    /** The row-major offset of entry (r, c). */
    private String offset(Array array, Index r, Index c) {
        boolean singleColumn = array.cols().equals(Dim.ONE);
        boolean singleRow = array.rows().equals(Dim.ONE);
        if (singleColumn) {
            return index(r);
        }
        if (singleRow) {
            return index(c);
        }
        if (r instanceof Index.At ra && c instanceof Index.At ca && array.cols() instanceof Dim.Fixed cols) {
            return Integer.toString(ra.position() * cols.size() + ca.position());
        }
        String row = r instanceof Index.At ra && ra.position() == 0 ? null : index(r) + " * " + dim(array.cols());
        return row == null ? index(c) : c instanceof Index.At ca && ca.position() == 0 ? row : row + " + " + index(c);
    }

    private static String index(Index i) {
        return i.toString();
    }

    private String dim(Dim d) {
        return d instanceof Dim.Fixed f ? Integer.toString(f.size()) : dimNames.get(d);
    }

    // ---- expressions ----------------------------------------------------------------------------

    private static final int ADDITIVE = 1;
    private static final int MULTIPLICATIVE = 2;
    private static final int UNARY = 3;

    /** The Java expression for v, parenthesised if its precedence is below {@code context}. */
    private String expr(Val v, int context) {
        if (v instanceof Val.Num n) {
            return number(n.value(), context);
        }
        if (v instanceof Val.Local l) {
            return local(l.name());
        }
        if (v instanceof Val.Size s) {
            return s.dim() instanceof Dim.Fixed f ? f.size() + ".0" : wrap("(double) " + dim(s.dim()), UNARY, context);
        }
        if (v instanceof Val.Load load) {
            Index r = resolve(load.row());
            Index c = resolve(load.col());
            if (isScalarized(load.array(), r, c)) {
                return scalarName(load.array(), r, c);
            }
            referencedArrays.add(load.array().name());
            return load.array().name() + "[" + offset(load.array(), r, c) + "]";
        }
        if (v instanceof Val.Negate n) {
            String inner = expr(n.operand(), UNARY + 1);
            return wrap("-" + (inner.startsWith("-") ? "(" + inner + ")" : inner), UNARY, context);
        }
        if (v instanceof Val.Binary b) {
            int p = b.op() == Val.Op.ADD || b.op() == Val.Op.SUBTRACT ? ADDITIVE : MULTIPLICATIVE;
            boolean rightTight = b.op() == Val.Op.SUBTRACT || b.op() == Val.Op.DIVIDE || b.op() == Val.Op.MULTIPLY;
            String symbol = switch (b.op()) {
                case ADD -> " + ";
                case SUBTRACT -> " - ";
                case MULTIPLY -> " * ";
                case DIVIDE -> " / ";
                case MAX -> throw new IllegalStateException("MAX is an update, not an operator");
            };
            return wrap(expr(b.left(), p) + symbol + expr(b.right(), rightTight ? p + 1 : p), p, context);
        }
        if (v instanceof Val.Call c) {
            return call(c.function(), expr(c.argument(), 0));
        }
        if (v instanceof Val.Max m) {
            return "Math.max(" + expr(m.left(), 0) + ", " + expr(m.right(), 0) + ")";
        }
        if (v instanceof Val.Power p) {
            return power(p);
        }
        if (v instanceof Val.LogSumExpOf l) {
            usedHelpers.add("logSumExp");
            return "logSumExp(" + expr(l.max(), 0) + ", " + expr(l.shiftedSum(), 0) + ")";
        }
        if (v instanceof Val.OnDiagonal d) {
            Index r = resolve(d.row());
            Index c = resolve(d.col());
            if (r instanceof Index.At ra && c instanceof Index.At ca) {
                return ra.position() == ca.position() ? expr(d.value(), context) : "0.0";
            }
            return "(" + index(r) + " == " + index(c) + " ? " + expr(d.value(), 0) + " : 0.0)";
        }
        throw new IllegalStateException("unknown value " + v);
    }

    private String call(MathFunction f, String argument) {
        if (f.javaName() == null || f.isHelper()) {
            String helper = f == MathFunction.RELU ? "relu" : f == MathFunction.STEP ? "step" : f.javaName();
            usedHelpers.add(helper);
            return helper + "(" + argument + ")";
        }
        return f.javaName() + "(" + argument + ")";
    }

    private String power(Val.Power p) {
        if (p.exponent() instanceof Val.Num n) {
            double e = n.value();
            String base = expr(p.base(), 0);
            if (e == 2) {
                usedHelpers.add("square");
                return "square(" + base + ")";
            }
            if (e == 1) {
                return expr(p.base(), UNARY);
            }
            if (e == 0.5) {
                return "Math.sqrt(" + base + ")";
            }
            if (e == -1) {
                return "(1.0 / " + expr(p.base(), MULTIPLICATIVE + 1) + ")";
            }
        }
        return "Math.pow(" + expr(p.base(), 0) + ", " + expr(p.exponent(), 0) + ")";
    }

    private static String wrap(String text, int precedence, int context) {
        return precedence < context ? "(" + text + ")" : text;
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

    /** The arrays the emitted code names (scalarised temporaries are not among them). */
    Set<String> referencedArrays() {
        return referencedArrays;
    }
}

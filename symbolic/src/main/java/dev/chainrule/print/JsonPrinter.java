package dev.chainrule.print;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Expr.Add;
import dev.chainrule.graph.Expr.Apply;
import dev.chainrule.graph.Expr.Constant;
import dev.chainrule.graph.Expr.Det;
import dev.chainrule.graph.Expr.Diagonal;
import dev.chainrule.graph.Expr.DiagonalMatrix;
import dev.chainrule.graph.Expr.Divide;
import dev.chainrule.graph.Expr.Hadamard;
import dev.chainrule.graph.Expr.Identity;
import dev.chainrule.graph.Expr.Inverse;
import dev.chainrule.graph.Expr.LogDet;
import dev.chainrule.graph.Expr.LogSumExp;
import dev.chainrule.graph.Expr.Max;
import dev.chainrule.graph.Expr.Negate;
import dev.chainrule.graph.Expr.Norm2;
import dev.chainrule.graph.Expr.Power;
import dev.chainrule.graph.Expr.Product;
import dev.chainrule.graph.Expr.Scale;
import dev.chainrule.graph.Expr.Size;
import dev.chainrule.graph.Expr.Sum;
import dev.chainrule.graph.Expr.Trace;
import dev.chainrule.graph.Expr.Transpose;
import dev.chainrule.graph.Expr.Variable;
import dev.chainrule.graph.Traversal;
import dev.chainrule.shape.Dim;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph as JSON, each distinct node once, children before parents, so that the size is linear
 * in the number of distinct nodes however much they are shared:
 *
 * <pre>{"root":2,"nodes":[
 *   {"id":0,"op":"variable","name":"x","shape":"vector[n]"},
 *   {"id":1,"op":"constant","value":2,"shape":"scalar"},
 *   {"id":2,"op":"scale","shape":"vector[n]","args":[1,0]}]}</pre>
 *
 * (on one line). Every node has an {@code id} (its index in {@code nodes}), an {@code op} named
 * after its record ({@code add}, {@code negate}, {@code scale}, {@code hadamard}, {@code divide},
 * {@code power}, {@code product}, {@code transpose}, {@code apply}, {@code max}, {@code sum},
 * {@code norm2}, {@code logsumexp}, {@code trace}, {@code det}, {@code logdet}, {@code inverse},
 * {@code diagonalMatrix}, {@code diagonal}, and the leaves {@code variable}, {@code constant},
 * {@code identity}, {@code size}), its {@code shape} as the language declares it, and its operands'
 * ids in order as {@code args} (none for a leaf). A variable has a {@code name}, a constant a
 * {@code value} (a number, or the string {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"},
 * which JSON numbers cannot be), {@code apply} the function's name in the language as {@code fn},
 * an identity its {@code size} and a size its {@code dim}: a number for a fixed dimension, a string
 * for a symbol.
 */
final class JsonPrinter {
    private JsonPrinter() {}

    static String print(Expr root) {
        List<Expr> nodes = Traversal.postOrder(root);
        Map<Expr, Integer> ids = new IdentityHashMap<>();
        StringBuilder out = new StringBuilder(64 * nodes.size() + 32);
        out.append("{\"root\":").append(nodes.size() - 1).append(",\"nodes\":[");
        for (Expr node : nodes) {
            int id = ids.size();
            ids.put(node, id);
            if (id > 0) {
                out.append(',');
            }
            out.append("{\"id\":").append(id).append(",\"op\":");
            quote(op(node), out);
            if (node instanceof Variable v) {
                out.append(",\"name\":");
                quote(v.name(), out);
            } else if (node instanceof Constant c) {
                out.append(",\"value\":");
                number(c.value(), out);
            } else if (node instanceof Apply a) {
                out.append(",\"fn\":");
                quote(a.fn().symbol(), out);
            } else if (node instanceof Identity i) {
                out.append(",\"size\":");
                dim(i.size(), out);
            } else if (node instanceof Size s) {
                out.append(",\"dim\":");
                dim(s.dim(), out);
            }
            out.append(",\"shape\":");
            quote(node.shape().toString(), out);
            List<Expr> children = node.children();
            if (!children.isEmpty()) {
                out.append(",\"args\":[");
                for (int i = 0; i < children.size(); i++) {
                    out.append(i == 0 ? "" : ",").append(ids.get(children.get(i)));
                }
                out.append(']');
            }
            out.append('}');
        }
        return out.append("]}").toString();
    }

    static String op(Expr e) {
        if (e instanceof Variable) {
            return "variable";
        }
        if (e instanceof Constant) {
            return "constant";
        }
        if (e instanceof Identity) {
            return "identity";
        }
        if (e instanceof Size) {
            return "size";
        }
        if (e instanceof Add) {
            return "add";
        }
        if (e instanceof Negate) {
            return "negate";
        }
        if (e instanceof Scale) {
            return "scale";
        }
        if (e instanceof Hadamard) {
            return "hadamard";
        }
        if (e instanceof Divide) {
            return "divide";
        }
        if (e instanceof Power) {
            return "power";
        }
        if (e instanceof Product) {
            return "product";
        }
        if (e instanceof Transpose) {
            return "transpose";
        }
        if (e instanceof Apply) {
            return "apply";
        }
        if (e instanceof Max) {
            return "max";
        }
        if (e instanceof Sum) {
            return "sum";
        }
        if (e instanceof Norm2) {
            return "norm2";
        }
        if (e instanceof LogSumExp) {
            return "logsumexp";
        }
        if (e instanceof Expr.Softmax) {
            return "softmax";
        }
        if (e instanceof Trace) {
            return "trace";
        }
        if (e instanceof Det) {
            return "det";
        }
        if (e instanceof LogDet) {
            return "logdet";
        }
        if (e instanceof Inverse) {
            return "inverse";
        }
        if (e instanceof DiagonalMatrix) {
            return "diagonalMatrix";
        }
        if (e instanceof Diagonal) {
            return "diagonal";
        }
        throw new IllegalArgumentException("cannot print a " + e.getClass().getSimpleName() + " node");
    }

    private static void number(double value, StringBuilder out) {
        if (Double.isNaN(value)) {
            out.append("\"NaN\"");
        } else if (Double.isInfinite(value)) {
            out.append(value > 0 ? "\"Infinity\"" : "\"-Infinity\"");
        } else {
            out.append(value < 0 ? "-" : "").append(Numbers.magnitude(Math.abs(value)));
        }
    }

    private static void dim(Dim dim, StringBuilder out) {
        if (dim instanceof Dim.Fixed fixed) {
            out.append(fixed.size());
        } else {
            quote(dim.toString(), out);
        }
    }

    /** A JSON string: quotes, backslashes and control characters escaped; U+2028 and U+2029 too, for JavaScript. */
    static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (ch < 0x20 || ch == '\u2028' || ch == '\u2029') {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }
}

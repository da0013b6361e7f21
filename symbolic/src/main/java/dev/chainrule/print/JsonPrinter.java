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
import dev.chainrule.graph.Expr.Softmax;
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
            out.append("{\"id\":").append(id).append(',');
            out.append(node.accept(OWN_FIELDS));
            out.append(",\"shape\":");
            JsonStrings.quote(node.shape().toString(), out);
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

    /**
     * What a node says about itself, after its id: {@code "op":"constant","value":2}, its operator
     * and the name, value, function or dimension it carries.
     */
    private static final Expr.Visitor<String> OWN_FIELDS = new Expr.Visitor<>() {
        @Override
        public String visitVariable(Variable v) {
            return op("variable") + ",\"name\":" + quoted(v.name());
        }

        @Override
        public String visitConstant(Constant c) {
            StringBuilder value = new StringBuilder();
            number(c.value(), value);
            return op("constant") + ",\"value\":" + value;
        }

        @Override
        public String visitIdentity(Identity i) {
            return op("identity") + ",\"size\":" + dim(i.size());
        }

        @Override
        public String visitSize(Size s) {
            return op("size") + ",\"dim\":" + dim(s.dim());
        }

        @Override
        public String visitApply(Apply a) {
            return op("apply") + ",\"fn\":" + quoted(a.fn().symbol());
        }

        @Override public String visitAdd(Add node) { return op("add"); }
        @Override public String visitNegate(Negate node) { return op("negate"); }
        @Override public String visitScale(Scale node) { return op("scale"); }
        @Override public String visitHadamard(Hadamard node) { return op("hadamard"); }
        @Override public String visitDivide(Divide node) { return op("divide"); }
        @Override public String visitPower(Power node) { return op("power"); }
        @Override public String visitProduct(Product node) { return op("product"); }
        @Override public String visitTranspose(Transpose node) { return op("transpose"); }
        @Override public String visitMax(Max node) { return op("max"); }
        @Override public String visitSum(Sum node) { return op("sum"); }
        @Override public String visitNorm2(Norm2 node) { return op("norm2"); }
        @Override public String visitLogSumExp(LogSumExp node) { return op("logsumexp"); }
        @Override public String visitSoftmax(Softmax node) { return op("softmax"); }
        @Override public String visitTrace(Trace node) { return op("trace"); }
        @Override public String visitDet(Det node) { return op("det"); }
        @Override public String visitLogDet(LogDet node) { return op("logdet"); }
        @Override public String visitInverse(Inverse node) { return op("inverse"); }
        @Override public String visitDiagonalMatrix(DiagonalMatrix node) { return op("diagonalMatrix"); }
        @Override public String visitDiagonal(Diagonal node) { return op("diagonal"); }
        @Override public String visitKronecker(Expr.Kronecker node) { return op("kronecker"); }
        @Override public String visitReshape(Expr.Reshape node) { return op("reshape"); }

        @Override
        public String visitBlock(Expr.Block b) {
            return op("block") + ",\"columns\":" + b.columns();
        }

        @Override
        public String visitSlice(Expr.Slice s) {
            return op("slice") + ",\"row\":" + dim(s.row()) + ",\"column\":" + dim(s.column());
        }

        @Override
        public String visitCommutation(Expr.Commutation k) {
            return op("commutation") + ",\"m\":" + dim(k.m()) + ",\"n\":" + dim(k.n());
        }

        private static String op(String name) {
            return "\"op\":" + quoted(name);
        }
    };

    private static void number(double value, StringBuilder out) {
        if (Double.isNaN(value)) {
            out.append("\"NaN\"");
        } else if (Double.isInfinite(value)) {
            out.append(value > 0 ? "\"Infinity\"" : "\"-Infinity\"");
        } else {
            out.append(value < 0 ? "-" : "").append(Numbers.magnitude(Math.abs(value)));
        }
    }

    /** A number for a fixed dimension (or a zero offset), a string for a symbol or a compound. */
    private static String dim(Dim dim) {
        return dim instanceof Dim.Fixed fixed ? Integer.toString(fixed.size())
                : dim.isZero() ? "0" : quoted(dim.toString());
    }

    private static String quoted(String text) {
        return JsonStrings.quote(text);
    }
}

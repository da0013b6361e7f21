package dev.chainrule.tests;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.print.Format;
import dev.chainrule.print.Printer;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Graph surgery for generators and shrinkers: replacing nodes, renaming dimensions. */
final class Exprs {
    private Exprs() {}

    /** {@code root} with the node {@code target} (by identity, everywhere it occurs) replaced. */
    static Expr replace(Expr root, Expr target, Expr replacement) {
        Map<Expr, Expr> map = new IdentityHashMap<>();
        map.put(target, replacement);
        return rebuild(root, map);
    }

    /** {@code root} with nodes replaced as {@code map} says, ancestors rebuilt through the factories. */
    static Expr rebuild(Expr root, Map<Expr, Expr> map) {
        return Traversal.replace(root, map::get);
    }

    /** Every dimension of every node's shape, and the offsets of slices and sizes of commutation matrices. */
    static Set<Dim> dims(Expr root) {
        Set<Dim> dims = new LinkedHashSet<>();
        for (Expr node : Traversal.postOrder(root)) {
            dims.add(node.shape().rows());
            dims.add(node.shape().cols());
            if (node instanceof Expr.Size s) {
                dims.add(s.dim());
            } else if (node instanceof Expr.Slice s) {
                dims.add(s.row());
                dims.add(s.column());
            } else if (node instanceof Expr.Commutation k) {
                dims.add(k.m());
                dims.add(k.n());
            }
        }
        dims.remove(Dim.ONE);
        dims.remove(Dim.ZERO);
        return dims;
    }

    /** The symbolic dimensions of a graph, by name, those inside compounds ({@code n - 1}) too. */
    static Set<String> symbols(Expr root) {
        Set<String> symbols = new LinkedHashSet<>();
        for (Dim d : dims(root)) {
            symbols.addAll(d.symbols());
        }
        return symbols;
    }

    static Shape mapShape(Shape shape, UnaryOperator<Dim> f) {
        return switch (shape.kind()) {
            case SCALAR -> shape;
            case VECTOR -> Shape.vector(f.apply(shape.rows()));
            case ROW -> Shape.row(f.apply(shape.cols()));
            case MATRIX -> Shape.matrix(f.apply(shape.rows()), f.apply(shape.cols()));
        };
    }

    /**
     * The same graph with every dimension mapped by {@code f}. Any function of dimensions keeps a
     * graph well-shaped, since every shape rule is an equality of dimensions.
     */
    static Expr mapDims(Expr root, UnaryOperator<Dim> f) {
        Map<Expr, Expr> leaves = new IdentityHashMap<>();
        for (Expr node : Traversal.postOrder(root)) {
            if (node instanceof Expr.Variable v) {
                leaves.put(node, v.symmetric() ? Expr.symmetricVariable(v.name(), f.apply(v.shape().rows()))
                        : Expr.variable(v.name(), mapShape(v.shape(), f)));
            } else if (node instanceof Expr.Constant c) {
                leaves.put(node, Expr.constant(c.value(), mapShape(c.shape(), f)));
            } else if (node instanceof Expr.Identity i) {
                leaves.put(node, Expr.identity(f.apply(i.size())));
            } else if (node instanceof Expr.Size s) {
                leaves.put(node, Expr.size(f.apply(s.dim())));
            }
        }
        return rebuild(root, leaves);
    }

    /** The expression as the language writes it, or the record's own text if the printer fails. */
    static String show(Expr e) {
        try {
            return Printer.print(e, Format.ASCII);
        } catch (RuntimeException | StackOverflowError printerFailed) {
            return e.toString();
        }
    }
}

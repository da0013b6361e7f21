package dev.chainrule.derive;

import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * How a derivative's entries are laid out, in words a reader of a result needs: the one sentence
 * the command line prints above it and the local page shows beside it. Gradients are in the shape
 * of their variable; Jacobians in numerator layout, a row per entry of the function and a column
 * per entry of the variable, where a matrix's entries are read row by row (vec(X) = X₁₁, X₁₂, …);
 * so ∂fᵢⱼ/∂Xₖₗ is at [i][j][k][l] when read as nested arrays: the function's indices first.
 */
public final class Layout {
    private Layout() {}

    /** Whether a derivative of a value of shape {@code f} with respect to {@code x} is flattened from more than two indices. */
    public static boolean flattened(Shape f, Shape x) {
        return indices(f) + indices(x) > 2;
    }

    /** How many indices a value of this shape has: 0 for a scalar, 1 for a vector or a row, 2 for a matrix. */
    public static int indices(Shape s) {
        return s.isScalar() ? 0 : s.isMatrix() ? 2 : 1;
    }

    /** The index names of a value: {@code [i]}, {@code [i][j]} for a matrix named by its first letters. */
    private static List<String> names(Shape s, String first, String second) {
        List<String> names = new ArrayList<>();
        if (indices(s) >= 1) {
            names.add(first);
        }
        if (indices(s) == 2) {
            names.add(second);
        }
        return names;
    }

    /**
     * The sentence for the Jacobian of {@code f} with respect to {@code x}, e.g. "Jacobian in
     * numerator layout (m × n: a row per entry of f, a column per entry of x)" or, flattened,
     * "… (m × n·p: ∂fᵢ/∂Xⱼₖ in row i, column j·p + k; matrices read row by row)".
     */
    public static String jacobian(Expr f, Expr.Variable x, Expr jacobian) {
        String size = size(jacobian.shape());
        if (!flattened(f.shape(), x.shape())) {
            return "Jacobian in numerator layout (" + size + ": a row per entry of f, a column per entry of "
                    + x.name() + ")";
        }
        return "Jacobian in numerator layout, flattened (" + size + ": " + entry("∂f", "/", f.shape(), x) + "; "
                + "matrices read row by row)";
    }

    /** The sentence for a Hessian block ∂²f/∂x∂y (y == x for the Hessian itself). */
    public static String hessian(Expr.Variable x, Expr.Variable y, Expr hessian) {
        String size = size(hessian.shape());
        String partial = x == y ? "∂²f/∂" + x.name() + "ᵢ∂" + x.name() + "ⱼ" : "∂²f/∂" + x.name() + "ᵢ∂" + y.name() + "ⱼ";
        if (!flattened(x.shape(), y.shape())) {
            return "Hessian" + (x == y ? "" : " block") + " (" + size + ": " + partial + " in row i, column j)";
        }
        return "Hessian" + (x == y ? "" : " block") + ", flattened (" + size + ": "
                + entry("∂²f/∂" + x.name(), "", x.shape(), y) + "; matrices read row by row)";
    }

    /** "∂fᵢ/∂Xⱼₖ in row i, column j·p + k" for a value of shape {@code f} and a variable x. */
    private static String entry(String numerator, String separator, Shape f, Expr.Variable x) {
        List<String> fi = names(f, "i", "j");
        List<String> xi = names(x.shape(), fi.isEmpty() ? "i" : fi.size() == 1 ? "j" : "k", fi.size() == 2 ? "l" : "k");
        String row = position(fi, f);
        String column = position(xi, x.shape());
        return numerator + String.join("", subscripts(fi)) + separator + "∂" + x.name() + String.join("", subscripts(xi))
                + " in row " + row + ", column " + column;
    }

    /** i for one index, i·n + j for two (n the number of columns). */
    private static String position(List<String> index, Shape s) {
        if (index.isEmpty()) {
            return "1";
        }
        return index.size() == 1 ? index.get(0) : index.get(0) + "·" + s.cols() + " + " + index.get(1);
    }

    private static List<String> subscripts(List<String> names) {
        return names.stream().map(Layout::subscript).toList();
    }

    private static String subscript(String letter) {
        return switch (letter) {
            case "i" -> "ᵢ";
            case "j" -> "ⱼ";
            case "k" -> "ₖ";
            case "l" -> "ₗ";
            default -> letter;
        };
    }

    /** "m × n", or "n" for a vector: the size of a derivative. */
    static String size(Shape s) {
        return s.isScalar() ? "1 × 1" : s.rows() + " × " + s.cols();
    }

}

package dev.chainrule.print;

import dev.chainrule.graph.Expr;
import java.util.Map;
import java.util.Objects;

/**
 * Prints expressions in any {@link Format}.
 *
 * <ul>
 *   <li>{@link Format#TEXT}: Unicode, as the paper writes it, {@code 2Aᵀ(Ax − y)} ({@link TextPrinter});
 *   <li>{@link Format#LATEX}: {@code 2 A^{\top} \left(A x - y\right)} ({@link LatexPrinter});
 *   <li>{@link Format#ASCII}: the input syntax, {@code 2*A'*(A*x - y)}, which the type checker reads
 *       back to the same node given the shapes of the variables and of the result ({@link AsciiPrinter});
 *   <li>{@link Format#JSON}: the graph, each distinct node once ({@link JsonPrinter}).
 * </ul>
 *
 * <p>No format recurses on the graph, so graphs thousands of nodes deep print on any stack. The three
 * text formats write the expression as a tree, repeating shared subexpressions, which can make the
 * text exponentially longer than the graph; past what a string can hold they throw
 * {@link IllegalStateException}. JSON is linear in the number of distinct nodes, and
 * {@link #printCompact} writes each large shared subexpression once, under a name.
 */
public final class Printer {
    /**
     * Past this many nodes written as a tree, what chainrule shows a reader (the command line, the
     * local page, generated Javadoc) names the shared subexpressions: a few lines of text.
     */
    public static final long READABLE_TREE_NODES = 200;

    private Printer() {}

    public static String print(Expr expr, Format format) {
        Objects.requireNonNull(expr, "expr");
        return switch (Objects.requireNonNull(format, "format")) {
            case TEXT -> new TextPrinter().print(expr);
            case LATEX -> new LatexPrinter().print(expr);
            case ASCII -> new AsciiPrinter().print(expr);
            case JSON -> JsonPrinter.print(expr);
        };
    }

    /**
     * As {@link #print}, unless the expression written as a tree would have more than
     * {@code maxTreeNodes} nodes: then every larger subexpression that is used more than once is
     * written once, under a new name, {@code body, where t1 = …, t2 = …} (in {@link Format#LATEX},
     * {@code body \quad\text{where } t_1 = …}; in {@link Format#ASCII}, {@code body where t1 = …,
     * t2 = …}, which parses back to the same graph), each definition using only earlier names, so
     * that the text grows with the number of distinct nodes. JSON is always the graph itself.
     */
    public static String printCompact(Expr expr, Format format, long maxTreeNodes) {
        return printCompact(expr, format, maxTreeNodes, Map.of());
    }

    /**
     * As {@link #printCompact(Expr, Format, long)}, with the subexpressions in {@code names} written
     * by their names wherever they occur and defined after the body: with the local definition
     * {@code hidden = tanh(W1*x + b1)}, {@code sum((W2 hidden + b2 − y).^2), where hidden =
     * tanh(W1 x + b1)}. Definitions come in the order their values are computed, each using only
     * earlier names; a name that the expression already uses (for a variable, a dimension or
     * another subexpression) is written with a suffix, {@code hidden_1}. The expression itself is
     * never written as just its name. Whether shared subexpressions are named too is decided on
     * the text written with the given names.
     *
     * @param names names for subexpressions; nodes that do not occur in {@code expr} are left out
     */
    public static String printCompact(Expr expr, Format format, long maxTreeNodes, Map<Expr, String> names) {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(names, "names");
        if (Objects.requireNonNull(format, "format") == Format.JSON) {
            return print(expr, format);
        }
        if (names.isEmpty() && SharedNames.treeSize(expr) <= maxTreeNodes) {
            return print(expr, format);
        }
        SharedNames named = SharedNames.of(expr, names, false);
        if (named.treeSize() > maxTreeNodes) {
            named = SharedNames.of(expr, names, true);
        }
        boolean latex = format == Format.LATEX;
        StringBuilder out = new StringBuilder(print(named.body(), format));
        String separator = latex ? " \\quad\\text{where } " : format == Format.ASCII ? " where " : ", where ";
        for (SharedNames.Definition definition : named.definitions()) {
            out.append(separator).append(print(Expr.variable(definition.name(), definition.expr().shape()), format))
                    .append(" = ").append(print(definition.expr(), format));
            separator = latex ? ",\\ " : ", ";
        }
        return out.toString();
    }
}

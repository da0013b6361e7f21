package dev.chainrule.codegen;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.print.Format;
import dev.chainrule.print.Printer;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.derive.DerivedFunction;
import dev.chainrule.derive.Layout;
import dev.chainrule.typing.TypedFunction;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Javadoc of a generated class and of its methods: the function and each derivative as
 * formulas in the paper's notation, the layout conventions, the source, the thread-safety rule.
 * Everything from the user's input is escaped so that it cannot break out of the comment.
 */
final class Javadocs {
    /** Past this many nodes written as a tree, a Javadoc formula names its shared subexpressions. */
    private static final long FORMULA_TREE_NODES = Printer.READABLE_TREE_NODES;
    /** Past this length a Javadoc formula is not shown. */
    private static final int FORMULA_CHARACTERS = 4_000;

    private final ClassPlan plan;
    private final String sourceName;

    Javadocs(ClassPlan plan, String sourceName) {
        this.plan = plan;
        this.sourceName = sourceName;
    }

    /** @param overRows whether the class offers the methods over a range of rows and in parallel */
    String forClass(boolean overRows) {
        TypedFunction function = plan.function();
        StringBuilder doc = new StringBuilder();
        String signature = function.name() + "(" + String.join(", ",
                function.params().stream().map(Expr.Variable::name).toList()) + ")";
        doc.append("<pre>").append(text(signature + " = " + formula(function.body()))).append("</pre>\n\n");
        doc.append("<p>Parameters: ");
        doc.append(String.join(", ", function.params().stream()
                .map(p -> "{@code " + p.name() + "}: " + text(p.shape().toString())).toList())).append(".\n");
        if (!plan.derived().gradients().isEmpty()) {
            doc.append("<p>Gradient with respect to ").append(String.join(", ",
                    plan.derived().gradients().keySet().stream().map(Expr.Variable::name).toList()))
                    .append(", each in the shape of its variable.\n");
        }
        for (DerivedFunction.Derivative d : plan.derived().derivatives()) {
            doc.append("<p>").append(text(layout(d))).append(".\n");
        }
        String array = plan.numbers().keyword() + "[]";
        doc.append("\n<p>Vectors are {@code " + array + "}; a matrix is a row-major {@code " + array + "}: entry (i, j) of an "
                + "m × n matrix is at index {@code i * n + j}.\n");
        if (plan.numbers().precision() == dev.chainrule.syntax.Precision.FLOAT) {
            doc.append("\n<p>Single precision ({@code precision float}): the same methods as the {@code double} class, "
                    + "on {@code float} and {@code float[]}, computed in float (exp, log and the other {@code Math} "
                    + "functions in double, rounded once), rounding " + plan.numbers().accuracy()
                    + ": results agree with the {@code double} class's to about 1e-5 relative for well-conditioned "
                    + "inputs, less where the formula cancels, and a sum of k terms may be off by about k·6e-8 of its "
                    + "terms' magnitudes. Values beyond ±3.4e38, the largest float, are infinite.\n");
        }
        if (overRows) {
            ClassPlan.RowRange range = plan.rowRange().orElseThrow();
            doc.append("\n<p>A sum over the rows of ").append(orList(range.data().stream()
                    .map(v -> "{@code " + text(v.name()) + "}").toList()).replace(" or ", " and "))
                    .append(": {@code value} and {@code valueAndGradient} also come over a range of\nrows, from {@code ")
                    .append(range.from()).append("} to {@code ").append(range.to()).append(" - 1}, and "
                    + "{@code valueAndGradientParallel} splits the rows into chunks\ncomputed at the same time, "
                    + "added up in chunk order.");
            RowSums.Parts value = range.sum().value();
            if (range.sum().hasRowFreePart()) {
                doc.append(" The terms that read no rows")
                        .append(value.rowFree() == null ? "" : ", " + text(formula(value.rowFree())))
                        .append(", are apart:\nthe range methods leave them out, so that ranges add up over any "
                        + "partition of the rows;\n{@code valueOfRowFreeTerms} and {@code valueAndGradientOfRowFreeTerms} "
                        + "compute them, to add once; the whole\nand parallel calls include them.");
            }
            doc.append("\n");
        }
        doc.append("\n<p>Outputs are arrays the caller passes, and a method overwrites them: it never adds to what "
                + "they hold" + (overRows ? " (but {@code valueAndGradient} over a range of rows adds into them)" : "")
                + ". Each must be an array of its own: a method throws {@code IllegalArgumentException} if "
                + "an output is also passed as an input it reads or as another output, as it does if an array is "
                + "null or its length does not fit its shape.\n");
        doc.append("\n<p>Not thread-safe: an instance owns its workspace, so use one instance per thread. "
                + (overRows ? "Calls allocate nothing. The parallel method keeps a task and an instance per chunk\n"
                + "from call to call, made again only when the number of chunks changes (or after an interrupted\n"
                + "call); what an executor other than a {@code ForkJoinPool} allocates to queue a task is its own\n"
                + "(see {@code valueAndGradientParallel}).\n" : "Calls allocate nothing.\n"));
        doc.append("\n<p>Generated by chainrule from ").append(text(sourceName)).append(", line ")
                .append(function.span().line()).append(".\n");
        return doc.toString();
    }

    String forConstructor() {
        StringBuilder doc = new StringBuilder(plan.dimensions().isEmpty()
                ? "Every dimension is fixed: nothing to size.\n"
                : "Sizes the workspace for the given dimensions, once; every call then allocates nothing.\n\n");
        List<SizeRequirements.Requirement> requirements = plan.sizeRequirements();
        plan.dimensions().forEach((d, javaName) -> {
            String least = "at least 1";
            for (SizeRequirements.Requirement r : requirements) {
                if (r.size().equals(d)) {
                    least = "at least " + r.least() + " (" + r.because() + ")";
                }
            }
            doc.append("@param ").append(javaName).append(" the dimension ").append(((Dim.Symbol) d).name())
                    .append(", ").append(text(least))
                    .append("\n");
        });
        if (!plan.dimensions().isEmpty()) {
            doc.append("@throws IllegalArgumentException if a dimension is less than ")
                    .append(requirements.isEmpty() ? "1" : "its least size above").append("\n");
        }
        for (SizeRequirements.Requirement r : requirements) {
            if (!plan.dimensions().containsKey(r.size())) {
                doc.append("@throws IllegalArgumentException unless ")
                        .append(text(r.size() + " ≥ " + r.least() + " (" + r.because() + ")")).append("\n");
            }
        }
        return doc.toString();
    }

    /**
     * @param aliasing for each output, the array arguments the method checks it is not
     */
    String forMethod(ClassPlan.Method method, Map<String, List<String>> aliasing) {
        String name = plan.function().name();
        StringBuilder doc = new StringBuilder();
        switch (method.kind()) {
            case VALUE -> doc.append("The value of {@code ").append(name).append("}.\n\n");
            case VALUE_AND_GRADIENT -> doc.append("The value of {@code ").append(name)
                    .append("} and its gradient, computed together in one pass.\n\n");
            case JACOBIAN -> doc.append("The Jacobian in numerator layout of {@code ").append(name)
                    .append("} with respect to {@code ").append(method.wrt().name()).append("}.\n\n");
            case HESSIAN -> doc.append("The Hessian of {@code ").append(name).append("} with respect to {@code ")
                    .append(method.wrt().name()).append("}.\n\n");
            case HESSIAN_VECTOR_PRODUCT -> doc.append("The Hessian of {@code ").append(name)
                    .append("} with respect to {@code ").append(method.wrt().name())
                    .append("} times a direction, H ").append(method.direction().name())
                    .append(", without forming H: the directional derivative of the gradient.\n\n");
        }
        plan.parameters().forEach((p, javaName) -> doc.append("@param ").append(javaName).append(" ").append(p.name())
                .append(": ").append(describe(p.shape())).append("\n"));
        if (method.direction() != null) {
            doc.append("@param ").append(method.directionName()).append(" the direction ")
                    .append(method.direction().name()).append(", in the shape of ").append(method.wrt().name())
                    .append(": ").append(describe(method.direction().shape())).append("\n");
        }
        for (ClassPlan.Output out : method.outputs()) {
            Shape shape = out.expr().shape();
            doc.append("@param ").append(out.name()).append(" overwritten with ");
            switch (method.kind()) {
                case VALUE -> doc.append("the value, ").append(layout(shape));
                case VALUE_AND_GRADIENT -> doc.append("∂").append(name).append("/∂").append(out.variable().name())
                        .append(" = ").append(text(formula(out.expr()))).append(", ")
                        .append(out.variable().shape().isScalar() ? "in its entry 0 (an array of length 1)"
                                : layout(out.variable().shape()));
                case JACOBIAN, HESSIAN -> doc.append(text(formula(out.expr()))).append(", ").append(layout(shape))
                        .append(Layout.flattened(out.variable().shape(), method.kind() == ClassPlan.Kind.HESSIAN
                                ? out.variable().shape() : plan.derived().body().shape())
                                ? "; " + text(derivativeLayout(method)) : "");
                case HESSIAN_VECTOR_PRODUCT -> doc.append("H ").append(method.direction().name()).append(" = ")
                        .append(text(formula(out.expr()))).append(", ").append(layout(shape));
            }
            doc.append("\n");
        }
        if (method.kind() == ClassPlan.Kind.VALUE && method.returned() != null) {
            doc.append("@return ").append(text(formula(method.returned()))).append("\n");
        } else if (method.kind() == ClassPlan.Kind.VALUE_AND_GRADIENT) {
            doc.append("@return the value\n");
        }
        doc.append(throwsClause(method, aliasing));
        return doc.toString();
    }

    static String forUnchecked(String method) {
        return "The body of {@link #" + method + "} once its arguments are checked: a method of its own,\n"
                + "so that the JIT compiles its loops apart from the checks.\n";
    }

    /** When a method throws: an array that is null or of the wrong length, an output that is not an array of its own. */
    private String throwsClause(ClassPlan.Method method, Map<String, List<String>> aliasing) {
        boolean arrays = !method.outputs().isEmpty()
                || plan.parameters().keySet().stream().anyMatch(p -> !p.shape().isScalar())
                || method.direction() != null && !method.direction().shape().isScalar();
        if (!arrays) {
            return "";
        }
        StringBuilder clause = new StringBuilder("@throws IllegalArgumentException if an array is null or its length "
                + "does not fit its shape");
        if (aliasing.size() == 1) {
            Map.Entry<String, List<String>> only = aliasing.entrySet().iterator().next();
            clause.append(", or if {@code ").append(only.getKey()).append("} is also passed as ")
                    .append(orList(only.getValue().stream().map(name -> "{@code " + name + "}").toList()));
        } else if (aliasing.size() > 1) {
            clause.append(", or if an output is also passed as an input it reads or as another output");
        }
        return clause.append("\n").toString();
    }

    /** "a", "a or b", "a, b or c". */
    static String orList(List<String> items) {
        return items.size() == 1 ? items.get(0)
                : String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    static String forPart(int number, String method) {
        return "Part " + number + " of {@link #" + method + "}, which is split to stay small enough for the JIT.\n";
    }

    /**
     * A formula for the Javadoc: as a tree while that stays short, else with its shared subexpressions
     * named, and if even that is too long for a comment, its size instead.
     */
    String formula(Expr e) {
        // The function's local definitions by node, so that formulas say "hidden" where the user did.
        Map<Expr, String> localNames = new IdentityHashMap<>();
        plan.function().locals().forEach((local, value) -> localNames.putIfAbsent(value, local));
        String text = Printer.printCompact(e, Format.TEXT, FORMULA_TREE_NODES, localNames);
        if (text.length() <= FORMULA_CHARACTERS) {
            return text;
        }
        return "a formula of " + Traversal.size(e) + " distinct operations, too long to show here";
    }

    /** The layout sentence of a derivative, as the command line prints it. */
    private static String layout(DerivedFunction.Derivative d, Expr body) {
        return switch (d.kind()) {
            case JACOBIAN -> Layout.jacobian(body, d.wrt(), d.value());
            case HESSIAN -> Layout.hessian(d.wrt(), d.wrt(), d.value());
            case HVP -> "Hessian-vector product with respect to " + d.wrt().name() + ": H " + d.direction().name()
                    + ", in the shape of " + d.wrt().name();
            case GRADIENT -> "Gradient with respect to " + d.wrt().name() + ", in its shape";
        };
    }

    private String layout(DerivedFunction.Derivative d) {
        return layout(d, plan.derived().body());
    }

    /** The layout sentence of the derivative a method computes. */
    private String derivativeLayout(ClassPlan.Method method) {
        for (DerivedFunction.Derivative d : plan.derived().derivatives()) {
            if (d.wrt().equals(method.wrt()) && d.value() == method.outputs().get(0).expr()) {
                return layout(d);
            }
        }
        return "";
    }

    /** Text safe inside Javadoc: HTML's special characters as entities, and no comment terminator. */
    static String text(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;")
                .replace("@", "&#64;");
    }

    /** A shape as the length checks describe it. */
    static String describe(Shape shape) {
        return shape.isMatrix() ? shape + ", row-major" : shape.isRow() ? "vector[" + shape.cols() + "]" : shape.toString();
    }

    private static String layout(Shape shape) {
        if (shape.isMatrix()) {
            return "a " + shape.rows() + " × " + shape.cols() + " matrix, row-major";
        }
        if (shape.isScalar()) {
            return "in its entry 0";
        }
        return "a vector of length " + shape.length();
    }
}

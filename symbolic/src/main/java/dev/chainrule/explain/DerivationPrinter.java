package dev.chainrule.explain;

import dev.chainrule.graph.Expr;
import dev.chainrule.print.Format;
import dev.chainrule.print.JsonStrings;
import dev.chainrule.print.Printer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@link Derivation} as text, LaTeX or JSON. Expressions are printed by {@link Printer}, large
 * ones compactly (each shared part named once, {@code t1, t2, …}), so the output grows with the
 * derivation, and labels of derivatives as the fractions they are.
 *
 * <ul>
 *   <li>{@link #text}: the layout sentence, the notation, then each kind of step under a heading
 *       ("Intermediate variables", "Local derivatives", "Chain rule, backwards from f",
 *       "Substitution and simplification", "Result"), one step a line, {@code label = form = …},
 *       aligned, with its shape and its rule (and the paper's section, {@code §4.4});
 *   <li>{@link #latex}: one {@code align*} environment (amsmath), headings as {@code \intertext},
 *       shapes and rules as {@code \text} after {@code &&};
 *   <li>{@link #json}: on one line, {@code {"function", "kind", "wrt", "layout", "f", "parts", "steps"}}, each
 *       step {@code {"part", "kind", "rule", "section", "label", "forms", "expression", "shape"}}
 *       with every expression as {@code {"text", "latex"}} (docs/explain.md).
 * </ul>
 */
public final class DerivationPrinter {
    /** A line's expression column is aligned with the others' up to this many characters. */
    private static final int ALIGNED_WIDTH = 56;

    private DerivationPrinter() {}

    /** How a part's labels read: a line for the local derivatives, one for the totals. */
    public static List<String> notation(Derivation.Part part) {
        String local = "∂u/∂c: a local derivative (one step, its other operands fixed), a Jacobian in numerator layout "
                + "as in the paper.";
        String total = part.kind() == Derivation.Kind.GRADIENT
                ? "d" + part.of() + "/dc: a total derivative (through every path), in the shape of c."
                : "du/d" + part.by().name() + ": a total derivative (through every path), in numerator layout too.";
        return List.of(local, total);
    }

    /** The heading of a kind of step in a part; a substitution and its simplification share one. */
    public static String heading(Derivation.Part part, Step.Kind kind) {
        return switch (kind) {
            case DEFINE -> "Intermediate variables";
            case LOCAL -> "Local derivatives";
            case CHAIN -> part.kind() == Derivation.Kind.GRADIENT ? "Chain rule, backwards from " + part.of()
                    : "Chain rule, forwards from " + part.by().name();
            case SUBSTITUTE, SIMPLIFY -> "Substitution and simplification";
            case RESULT -> "Result";
        };
    }

    /** A rule with its section, as {@code dot product (§4.4)}; empty for none. */
    public static String rule(Step step) {
        if (step.rule() == null) {
            return "";
        }
        return step.section() == null ? step.rule() : step.rule() + " (§" + step.section() + ")";
    }

    /** An expression in a format, compactly where it is large, with the user's names for parts. */
    static String print(Expr e, Format format, Derivation d) {
        return Printer.printCompact(e, format, Printer.READABLE_TREE_NODES, d.names());
    }

    /** A step as one equation, {@code label = form = …}, in {@link Format#TEXT} or {@link Format#LATEX}. */
    public static String equation(Step step, Format format, Derivation d) {
        List<String> sides = new ArrayList<>();
        sides.add(print(step.label(), format, d));
        step.forms().forEach(form -> sides.add(print(form, format, d)));
        return String.join(" = ", sides);
    }

    // ---- text -----------------------------------------------------------------------------------

    public static String text(Derivation d) {
        StringBuilder out = new StringBuilder(d.layout()).append('\n');
        int number = 0;
        for (Derivation.Part part : d.parts()) {
            if (part.title() != null) {
                out.append('\n').append(++number).append(". ").append(part.title()).append('\n');
            }
            notation(part).forEach(line -> out.append(line).append('\n'));
            List<Step> steps = part.steps();
            for (int i = 0; i < steps.size(); ) {
                String heading = heading(part, steps.get(i).kind());
                int end = i;
                while (end < steps.size() && heading(part, steps.get(end).kind()).equals(heading)) {
                    end++;
                }
                out.append('\n').append(heading).append('\n');
                section(steps.subList(i, end), d, out);
                i = end;
            }
        }
        return out.toString();
    }

    /** One section's lines: the equations' equals signs aligned, then the shapes, then the rules. */
    private static void section(List<Step> steps, Derivation d, StringBuilder out) {
        List<String> labels = new ArrayList<>();
        List<String> rights = new ArrayList<>();
        int labelWidth = 0;
        for (Step step : steps) {
            String label = print(step.label(), Format.TEXT, d);
            labels.add(label);
            rights.add(step.forms().stream().map(f -> print(f, Format.TEXT, d)).collect(Collectors.joining(" = ")));
            labelWidth = Math.max(labelWidth, width(label));
        }
        List<String> equations = new ArrayList<>();
        int equationWidth = 0;
        for (int i = 0; i < steps.size(); i++) {
            String equation = pad(labels.get(i), labelWidth) + " = " + rights.get(i);
            equations.add(equation);
            if (width(equation) <= ALIGNED_WIDTH) {
                equationWidth = Math.max(equationWidth, width(equation));
            }
        }
        int shapeWidth = steps.stream().mapToInt(s -> width(s.shape().toString())).max().orElse(0);
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String line = "  " + pad(equations.get(i), equationWidth) + "   " + pad(step.shape().toString(), shapeWidth)
                    + "   " + rule(step);
            out.append(line.stripTrailing()).append('\n');
        }
    }

    private static String pad(String s, int width) {
        int w = width(s);
        return w >= width ? s : s + " ".repeat(width - w);
    }

    /** Columns on a terminal: code points, without combining marks (the arrow of 1⃗). */
    static int width(String s) {
        return (int) s.codePoints().filter(c -> {
            int type = Character.getType(c);
            return type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK;
        }).count();
    }

    // ---- LaTeX ------------------------------------------------------------------------------------

    public static String latex(Derivation d) {
        List<String> rows = new ArrayList<>();
        int number = 0;
        for (Derivation.Part part : d.parts()) {
            if (part.title() != null) {
                rows.add("\\intertext{\\textbf{" + (++number) + ". " + text(part.title()) + "}}");
            }
            String previous = null;
            for (Step step : part.steps()) {
                String heading = heading(part, step.kind());
                if (!heading.equals(previous)) {
                    rows.add("\\intertext{" + text(heading) + "}");
                    previous = heading;
                }
                List<String> forms = step.forms().stream().map(f -> print(f, Format.LATEX, d)).toList();
                String note = step.shape() + (step.rule() == null ? "" : "; " + rule(step));
                rows.add(print(step.label(), Format.LATEX, d) + " &= " + String.join(" = ", forms)
                        + " && \\text{" + text(note) + "}");
            }
        }
        StringBuilder out = new StringBuilder("\\begin{align*}\n");
        for (int i = 0; i < rows.size(); i++) {
            // A row ends with \\, except the last one; \intertext stands on its own.
            boolean ends = !rows.get(i).startsWith("\\intertext") && i < rows.size() - 1;
            out.append(rows.get(i)).append(ends ? " \\\\" : "").append('\n');
        }
        return out.append("\\end{align*}\n").toString();
    }

    /** Text for LaTeX's text mode: its special characters escaped, § as {@code \S}, Unicode as math. */
    static String text(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> out.append("\\textbackslash{}");
                case '_', '#', '$', '%', '&', '{', '}' -> out.append('\\').appendCodePoint(c);
                case '^' -> out.append("\\^{}");
                case '~' -> out.append("\\~{}");
                case '§' -> out.append("\\S ");
                case '∂' -> out.append("$\\partial$");
                case '²' -> out.append("$^2$");
                case '·' -> out.append("$\\cdot$");
                default -> out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    // ---- JSON -------------------------------------------------------------------------------------

    public static String json(Derivation d) {
        StringBuilder out = new StringBuilder("{");
        out.append("\"function\": ").append(JsonStrings.quote(d.function()));
        out.append(", \"kind\": ").append(JsonStrings.quote(d.kind().key()));
        out.append(", \"wrt\": [").append(d.wrt().stream().map(v -> JsonStrings.quote(v.name()))
                .collect(Collectors.joining(", "))).append(']');
        out.append(", \"layout\": ").append(JsonStrings.quote(d.layout()));
        out.append(", \"f\": ").append(typeset(d.f(), d));
        out.append(", \"parts\": [");
        for (int p = 0; p < d.parts().size(); p++) {
            Derivation.Part part = d.parts().get(p);
            out.append(p == 0 ? "" : ", ").append("{\"title\": ")
                    .append(part.title() == null ? "null" : JsonStrings.quote(part.title()))
                    .append(", \"kind\": ").append(JsonStrings.quote(part.kind().key()))
                    .append(", \"notation\": ").append(JsonStrings.quote(String.join(" ", notation(part)))).append('}');
        }
        out.append("], \"steps\": [");
        boolean first = true;
        for (int p = 0; p < d.parts().size(); p++) {
            for (Step step : d.parts().get(p).steps()) {
                out.append(first ? "" : ", ").append(step(step, p, d));
                first = false;
            }
        }
        return out.append("]}").toString();
    }

    private static String step(Step step, int part, Derivation d) {
        return "{\"part\": " + part
                + ", \"kind\": " + JsonStrings.quote(step.kind().key())
                + ", \"rule\": " + (step.rule() == null ? "null" : JsonStrings.quote(step.rule()))
                + ", \"section\": " + (step.section() == null ? "null" : JsonStrings.quote(step.section()))
                + ", \"label\": " + typeset(step.label(), d)
                + ", \"forms\": [" + step.forms().stream().map(f -> typeset(f, d)).collect(Collectors.joining(", ")) + "]"
                + ", \"expression\": {\"text\": " + JsonStrings.quote(equation(step, Format.TEXT, d))
                + ", \"latex\": " + JsonStrings.quote(equation(step, Format.LATEX, d)) + "}"
                + ", \"shape\": " + JsonStrings.quote(step.shape().toString()) + "}";
    }

    private static String typeset(Expr e, Derivation d) {
        return "{\"text\": " + JsonStrings.quote(print(e, Format.TEXT, d)) + ", \"latex\": "
                + JsonStrings.quote(print(e, Format.LATEX, d)) + "}";
    }
}

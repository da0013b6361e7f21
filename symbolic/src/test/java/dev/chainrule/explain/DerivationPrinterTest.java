package dev.chainrule.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The three notations of a derivation: aligned text, one LaTeX environment, JSON with every expression in both. */
class DerivationPrinterTest {
    private static final TypedExpression NEURON = TypeChecker.expression("max(0, w . x + b)", Map.of());
    private static final Derivation GRADIENT = Explainer.standard().gradient(Subject.of(NEURON),
            List.of(NEURON.variables().get("w"), NEURON.variables().get("b")));

    @Test
    void textPrintsTheNeuronsDerivation() {
        assertEquals("""
                Gradients, each in the shape of its variable
                ∂u/∂c: a local derivative (one step, its other operands fixed), a Jacobian in numerator layout as in the paper.
                df/dc: a total derivative (through every path), in the shape of c.

                Intermediate variables
                  u1 = wᵀx          scalar
                  u2 = u1 + b       scalar
                  f  = max(0, u2)   scalar

                Local derivatives
                  ∂u1/∂w  = xᵀ         vector[n]'   dot product (§4.4)
                  ∂u2/∂u1 = 1          scalar       sum rule (§2)
                  ∂u2/∂b  = 1          scalar       sum rule (§2)
                  ∂f/∂u2  = step(u2)   scalar       max(0, z): step (§5)

                Chain rule, backwards from f
                  df/du2 = ∂f/∂u2 = step(u2)             scalar      single-variable chain rule (§4.5.1)
                  df/du1 = df/du2 ∂u2/∂u1 = df/du2       scalar      single-variable chain rule (§4.5.1)
                  df/dw  = df/du1 (∂u1/∂w)ᵀ = df/du1 x   vector[n]   vector chain rule (§4.5.3)
                  df/db  = df/du2 ∂u2/∂b = df/du2        scalar      single-variable chain rule (§4.5.1)

                Substitution and simplification
                  df/dw = step(wᵀx + b) x   vector[n]   every label replaced by its value
                  df/db = step(wᵀx + b)     scalar      every label replaced by its value

                Result
                  ∂f/∂w = step(wᵀx + b) x   vector[n]   as chainrule grad prints it
                  ∂f/∂b = step(wᵀx + b)     scalar      as chainrule grad prints it
                """, DerivationPrinter.text(GRADIENT));
    }

    @Test
    void columnsAreAlignedWhateverTheSymbolsWidths() {
        TypedExpression t = TypeChecker.expression("sum(max(0, W*x + b) .* s)", Map.of("W", Shape.matrix(Dim.of("m"), Dim.of("n"))));
        String text = DerivationPrinter.text(Explainer.standard().gradient(Subject.of(t), List.of(t.variables().get("x"))));
        String[] sections = text.split("\n\n");
        assertEquals(6, sections.length, text);
        for (String section : sections) {
            List<String> lines = section.lines().filter(l -> l.startsWith("  ")).toList();
            List<Integer> equals = new ArrayList<>();
            List<Integer> shapes = new ArrayList<>();
            for (String line : lines) {
                equals.add(DerivationPrinter.width(line.substring(0, line.indexOf(" = "))));
                int shape = line.indexOf("   ", line.indexOf(" = "));
                while (line.charAt(shape) == ' ') {
                    shape++;
                }
                if (DerivationPrinter.width(line.substring(0, shape)) <= 2 + 56 + 3) {
                    shapes.add(DerivationPrinter.width(line.substring(0, shape)));
                }
            }
            assertTrue(equals.stream().distinct().count() <= 1, "equals signs aligned in\n" + section);
            assertTrue(shapes.stream().distinct().count() <= 1, "shapes aligned in\n" + section);
        }
    }

    @Test
    void widthCountsWhatATerminalShows() {
        assertEquals(1, DerivationPrinter.width("1⃗"), "the arrow combines with the 1");
        assertEquals(3, DerivationPrinter.width("x·𝟏"));
    }

    @Test
    void latexIsOneAlignEnvironmentOfAsciiThatAPaperCanPaste() {
        String latex = DerivationPrinter.latex(GRADIENT);
        assertTrue(latex.startsWith("\\begin{align*}\n\\intertext{Intermediate variables}\nu_{1} &= w^{\\top} x && \\text{scalar} \\\\\n"),
                latex);
        assertTrue(latex.endsWith("\\frac{\\partial f}{\\partial b} &= \\operatorname{step}(w^{\\top} x + b) && "
                + "\\text{scalar; as chainrule grad prints it}\n\\end{align*}\n"), latex);
        assertTrue(latex.contains("\\frac{\\mathrm{d} f}{\\mathrm{d} w} &= \\frac{\\mathrm{d} f}{\\mathrm{d} u_{1}} "
                + "\\left(\\frac{\\partial u_{1}}{\\partial w}\\right)^{\\top} = \\frac{\\mathrm{d} f}{\\mathrm{d} u_{1}} x "
                + "&& \\text{vector[n]; vector chain rule (\\S 4.5.3)} \\\\"), latex);
        assertTrue(latex.chars().allMatch(c -> c < 128), "ASCII only");
        for (String line : latex.lines().toList()) {
            boolean bare = line.startsWith("\\intertext") || line.startsWith("\\begin") || line.startsWith("\\end")
                    || line.contains("as chainrule grad prints it}") && latex.indexOf(line) + line.length() + 1
                    == latex.lastIndexOf("\\end");
            assertEquals(!bare, line.endsWith(" \\\\"), line);
        }
    }

    @Test
    void latexTextModeEscapesWhatLatexWouldReadAsCommands() {
        assertEquals("a\\_b \\& \\S 4.5 $\\partial$ 50\\%", DerivationPrinter.text("a_b & §4.5 ∂ 50%"));
    }

    @Test
    void jsonListsEveryStepWithItsExpressionInBothNotations() {
        String json = DerivationPrinter.json(GRADIENT);
        assertTrue(json.startsWith("{\"function\": \"f\", \"kind\": \"gradient\", \"wrt\": [\"w\", \"b\"], "
                + "\"layout\": \"Gradients, each in the shape of its variable\", \"f\": {\"text\": \"max(0, wᵀx + b)\", "
                + "\"latex\": \"\\\\max(0, w^{\\\\top} x + b)\"}, \"parts\": [{\"title\": null, \"kind\": \"gradient\", "), json);
        assertTrue(json.contains("{\"part\": 0, \"kind\": \"local\", \"rule\": \"dot product\", \"section\": \"4.4\", "
                + "\"label\": {\"text\": \"∂u1/∂w\", \"latex\": \"\\\\frac{\\\\partial u_{1}}{\\\\partial w}\"}, "
                + "\"forms\": [{\"text\": \"xᵀ\", \"latex\": \"x^{\\\\top}\"}], \"expression\": {\"text\": \"∂u1/∂w = xᵀ\", "
                + "\"latex\": \"\\\\frac{\\\\partial u_{1}}{\\\\partial w} = x^{\\\\top}\"}, \"shape\": \"vector[n]'\"}"), json);
        assertEquals(GRADIENT.steps().size(), json.split("\\{\"part\": ").length - 1);
        assertTrue(json.endsWith("\"shape\": \"scalar\"}]}"), json);
    }
}

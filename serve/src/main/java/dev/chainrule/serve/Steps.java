package dev.chainrule.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The derivation steps of one derivative, for the page's folded "Derivation steps" section: what
 * {@code chainrule explain} prints, as JSON (issue 15): each step with its kind, the rule's name,
 * the paper's section, the equation in LaTeX and text, its shape, and the heading and part it
 * comes under.
 */
final class Steps {
    private Steps() {}

    /**
     * One step of a derivation.
     *
     * @param part       the title of the part it belongs to (a Hessian has two), or null
     * @param heading    the heading it comes under, as "Local derivatives"
     * @param kind       define, local, chain, substitute, simplify or result
     * @param rule       the rule's name, or null for a definition
     * @param section    the paper's section where the rule is, as "4.5.1", or null
     * @param expression the step's equation, as {@code ∂u1/∂w = xᵀ}
     * @param shape      the shape of what the step defines or derives, as {@code vector[n]'}
     */
    record Step(String part, String heading, String kind, String rule, String section, Pipeline.Typeset expression,
                String shape) {
        Object toJson() {
            return Json.object("part", part, "heading", heading, "kind", kind, "rule", rule, "section", section,
                    "expression", Json.object("latex", expression.latex(), "text", expression.text()), "shape", shape);
        }
    }

    /** A derivation: how its derivatives are laid out, how its labels read, and its steps. */
    record Explanation(String layout, List<String> notation, List<Step> steps) {}

    /** The reply to a steps request. */
    static Map<String, Object> reply(Pipeline.Function function, Pipeline.Derivative derivative, Explanation explanation) {
        List<Object> json = new ArrayList<>();
        explanation.steps().forEach(step -> json.add(step.toJson()));
        return Json.object("ok", true, "function", function.name(), "derivative", derivative.id(),
                "layout", explanation.layout(), "notation", explanation.notation(), "steps", json);
    }
}

package dev.chainrule.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The derivation steps of one derivative, for the page's folded "Derivation steps" section: the
 * JSON of the explain issue (a list of steps, each with its kind, the rule's name, the paper's
 * section, the expression in LaTeX and text, and its shape). Until an {@link Explainer} is wired in,
 * the endpoint says that steps are not available yet; it never makes steps up.
 */
final class Steps {
    private Steps() {}

    /** What the reply says while no explain engine is wired in. */
    static final String NOT_AVAILABLE = "Step-by-step derivations are not available yet: they come with chainrule's "
            + "explain engine. The result above is the one 'chainrule grad' prints.";

    /**
     * One step of a derivation.
     *
     * @param kind    what the step does: "define" (an intermediate variable), "derivative" (a local
     *                derivative by a named rule), "chain" (a chain-rule product) or "simplify" (one rewrite)
     * @param rule    the rule's name (docs/rules.md, or the paper's name for it), or null for a definition
     * @param section the paper's section where the rule is, as "4.5.1", or null
     * @param expression the step's expression, as {@code ∂u/∂w = xᵀ}
     * @param shape   the shape of what the step defines or derives, as {@code vector[n]'}
     */
    record Step(String kind, String rule, String section, Pipeline.Typeset expression, String shape) {
        Object toJson() {
            return Json.object("kind", kind, "rule", rule, "section", section,
                    "expression", Json.object("latex", expression.latex(), "text", expression.text()), "shape", shape);
        }
    }

    /** Explains one derivative of a checked function; where to wire the explain engine in. */
    @FunctionalInterface
    interface Explainer {
        /** The steps, or null when this explainer cannot explain derivatives (yet). */
        List<Step> explain(Pipeline.Function function, Pipeline.Derivative derivative);

        Explainer NONE = (function, derivative) -> null;
    }

    /** The reply to a steps request: the steps, or null when they are not available. */
    static Map<String, Object> reply(Pipeline.Function function, Pipeline.Derivative derivative, Explainer explainer) {
        List<Step> steps = explainer.explain(function, derivative);
        if (steps == null) {
            return null;
        }
        List<Object> json = new ArrayList<>();
        steps.forEach(step -> json.add(step.toJson()));
        return Json.object("ok", true, "available", true, "function", function.name(), "derivative", derivative.id(),
                "steps", json);
    }

    /** The reply while steps are not available (HTTP 501). */
    static Map<String, Object> notAvailable() {
        return Json.object("ok", false, "available", false, "message", NOT_AVAILABLE, "steps", List.of());
    }
}

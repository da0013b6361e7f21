package dev.chainrule.print;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A variable whose name is a derivative, {@code ∂u1/∂w}, {@code ∂²f/∂x²}, {@code ∂²f/∂x∂y} or, for a
 * total derivative, {@code df/du1}: how a derivation ({@code dev.chainrule.explain}) refers to a
 * derivative it has already taken instead of writing it out again. The mathematical printers write
 * such a name as the fraction it is: LaTeX as {@code \frac{\partial u_{1}}{\partial w}} (an upright
 * {@code \mathrm{d}} for a total derivative), text as itself but parenthesized where a transpose or
 * a power would otherwise seem to apply to its denominator, {@code (∂u1/∂w)ᵀ}. No name the language
 * accepts has a {@code /}, so no user's variable is printed so.
 *
 * @param total       whether it is a total derivative, d rather than ∂ (first derivatives only)
 * @param second      whether it is a second derivative
 * @param numerator   what is differentiated, {@code u1}
 * @param denominator what by, {@code w}; for a second derivative the first variable
 * @param other       for a mixed second derivative ∂²f/∂x∂y, the second variable ({@code y}); else null
 */
record DerivativeLabel(boolean total, boolean second, String numerator, String denominator, String other) {
    private static final Pattern PARTIAL = Pattern.compile("∂(²?)([^∂/²]+)/∂([^∂/²]+)(²|∂[^∂/²]+)?");
    private static final Pattern TOTAL = Pattern.compile("d([^∂/²]+)/d([^∂/²]+)");

    /** The label a name is, or null for any other name. */
    static DerivativeLabel of(String name) {
        Matcher t = TOTAL.matcher(name);
        if (t.matches()) {
            return new DerivativeLabel(true, false, t.group(1), t.group(2), null);
        }
        Matcher m = PARTIAL.matcher(name);
        if (!m.matches()) {
            return null;
        }
        boolean second = !m.group(1).isEmpty();
        String tail = m.group(4);
        if (second != (tail != null)) {
            return null;
        }
        return new DerivativeLabel(false, second, m.group(2), m.group(3),
                tail == null || tail.equals("²") ? null : tail.substring(1));
    }

    /** {@code \frac{\partial u_{1}}{\partial w}}, {@code \frac{\partial^{2} f}{\partial x^{2}}}, {@code \frac{\partial^{2} f}{\partial x \, \partial y}}. */
    String latex() {
        String d = total ? "\\mathrm{d}" : "\\partial";
        String top = d + (second ? "^{2}" : "") + " " + LatexPrinter.symbol(numerator);
        String bottom = d + " " + LatexPrinter.symbol(denominator);
        if (second) {
            bottom = other == null ? bottom + "^{2}" : bottom + " \\, " + d + " " + LatexPrinter.symbol(other);
        }
        return "\\frac{" + top + "}{" + bottom + "}";
    }
}

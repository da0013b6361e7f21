package dev.chainrule.print;

import dev.chainrule.print.Piece.Edge;
import dev.chainrule.shape.Shape;
import java.util.Map;
import java.util.Set;

/**
 * LaTeX math, for papers and notebooks: {@code 2 A^{\top} \left(A x - y\right)}. Juxtaposed factors
 * are separated by a space ({@code \cdot} before a number); {@code ^{\top}}, {@code ^{-1}} and
 * {@code ^{-\top}}; {@code \odot} and {@code \oslash}; {@code \frac{a}{b}} for division by a
 * scalar; {@code x^{2}} for powers of scalars and {@code x^{\circ 2}} (the Hadamard power) for
 * element-wise powers; {@code \lVert x \rVert}; {@code \mathbf{1}} and {@code \mathbf{0}} for
 * constant vectors and matrices; {@code I}; functions as {@code \operatorname{diag}(x)},
 * {@code \operatorname{tr}(A)}, {@code \det(A)}, {@code \log\det(A)}, {@code \max(0, z)},
 * {@code \tanh(x)}, {@code \sqrt{x}}, {@code \left|x\right|}. Names become symbols where LaTeX has
 * them: {@code alpha} and {@code α} are {@code \alpha}, {@code W1} is {@code W_{1}}, {@code x_hat}
 * is {@code x_{\mathrm{hat}}}, other names of several letters are {@code \mathit{loss}}. One special
 * case: a variable named as a derivative, {@code ∂u1/∂w} (how a derivation refers to a derivative it
 * has taken), is the fraction {@code \frac{\partial u_{1}}{\partial w}} ({@link DerivativeLabel}).
 */
final class LatexPrinter extends MathPrinter {
    private static final String[] GREEK = {
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
        "nu", "xi", "omicron", "pi", "rho", "varsigma", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
    };
    private static final Set<String> GREEK_CAPITALS =
            Set.of("Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega");
    private static final Map<String, String> FUNCTIONS = Map.ofEntries(
            Map.entry("sin", "\\sin"), Map.entry("cos", "\\cos"), Map.entry("tan", "\\tan"),
            Map.entry("arcsin", "\\arcsin"), Map.entry("arccos", "\\arccos"), Map.entry("arctan", "\\arctan"),
            Map.entry("exp", "\\exp"), Map.entry("log", "\\log"), Map.entry("tanh", "\\tanh"),
            Map.entry("max", "\\max"), Map.entry("det", "\\det"), Map.entry("logdet", "\\log\\det"));

    LatexPrinter() {
        super(new Symbols("-", " + ", " - ", " \\odot ", " \\oslash "), "\\mathrm{NaN}", "\\infty");
    }

    /** A derivative's label is a fraction, parenthesized before a transpose or a power (see {@link DerivativeLabel}). */
    @Override
    Piece name(String name) {
        DerivativeLabel label = DerivativeLabel.of(name);
        if (label != null) {
            return Piece.atom(Doc.text(label.latex()), POWER, Edge.SYMBOL, Edge.SYMBOL);
        }
        return Piece.atom(Doc.text(symbol(name)), ATOM, Edge.LETTER, Edge.LETTER);
    }

    /** A name as a LaTeX symbol: a Greek letter's command, a subscript after {@code _} or trailing digits. */
    static String symbol(String name) {
        int underscore = name.indexOf('_');
        if (underscore > 0 && underscore < name.length() - 1) {
            return base(name.substring(0, underscore)) + "_{" + subscript(name.substring(underscore + 1)) + "}";
        }
        int digits = name.length();
        while (digits > 0 && Character.isDigit(name.charAt(digits - 1))) {
            digits--;
        }
        if (digits > 0 && digits < name.length()) {
            return base(name.substring(0, digits)) + "_{" + name.substring(digits) + "}";
        }
        return base(name);
    }

    private static String base(String name) {
        if (name.codePointCount(0, name.length()) == 1) {
            int c = name.codePointAt(0);
            String greek = greekLetter(c);
            return greek != null ? greek : escape(name);
        }
        for (String letter : GREEK) {
            if (name.equals(letter) && !letter.equals("omicron")) {
                return "\\" + letter;
            }
        }
        if (GREEK_CAPITALS.contains(name)) {
            return "\\" + name;
        }
        return "\\mathit{" + escape(name) + "}";
    }

    private static String subscript(String text) {
        if (text.chars().allMatch(Character::isDigit) || text.codePointCount(0, text.length()) == 1) {
            return base(text);
        }
        return "\\mathrm{" + escape(text) + "}";
    }

    /** The command of a Greek letter (α is {@code \alpha}, Ω {@code \Omega}), or null. */
    private static String greekLetter(int c) {
        if (c >= 'α' && c <= 'ω') {
            String name = GREEK[c - 'α'];
            // ο looks like an o and has no command of its own.
            return name.equals("omicron") ? "o" : "\\" + name;
        }
        if (c >= 'Α' && c <= 'Ω' && c != 0x3A2) {
            String name = GREEK[c - 'Α'];
            String capital = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            // Capitals that look like Latin letters (Α, Β, Ε...) have no command of their own.
            return GREEK_CAPITALS.contains(capital) ? "\\" + capital : Character.toString(c);
        }
        return null;
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '_', '#', '$', '%', '&', '{', '}' -> out.append('\\').append(ch);
                case '\\' -> out.append("\\backslash ");
                case '^' -> out.append("\\hat{}");
                case '~' -> out.append("\\sim ");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    /** {@code 2}, {@code 10^{-12}}, {@code 1.5 \\cdot 10^{6}}. */
    @Override
    Piece decimal(String digits) {
        int e = digits.indexOf('e');
        if (e < 0) {
            return Piece.atom(Doc.text(digits), ATOM, Edge.NUMBER, Edge.NUMBER);
        }
        String mantissa = digits.substring(0, e);
        String power = "10^{" + digits.substring(e + 1) + "}";
        if (mantissa.equals("1")) {
            return new Piece(Doc.text(power), POWER, null, Edge.NUMBER, Edge.SYMBOL, true, false);
        }
        return new Piece(Doc.text(mantissa + " \\cdot " + power), JUXTAPOSITION, null, Edge.NUMBER, Edge.SYMBOL, true, false);
    }

    /** {@code \begin{bmatrix} a & b \\ c & d \end{bmatrix}}. */
    @Override
    Piece block(java.util.List<java.util.List<Piece>> rows) {
        java.util.List<Object> parts = new java.util.ArrayList<>();
        parts.add("\\begin{bmatrix} ");
        for (int r = 0; r < rows.size(); r++) {
            if (r > 0) {
                parts.add(" \\\\ ");
            }
            for (int c = 0; c < rows.get(r).size(); c++) {
                if (c > 0) {
                    parts.add(" & ");
                }
                parts.add(rows.get(r).get(c).doc());
            }
        }
        parts.add(" \\end{bmatrix}");
        return Piece.atom(Doc.of(parts.toArray()), ATOM, Edge.SYMBOL, Edge.SYMBOL);
    }

    /** {@code x_{3}}, {@code A_{2,3}}; an operand that is not a plain name gets parentheses. */
    @Override
    Piece index(Piece operand, java.util.List<String> indices) {
        Piece o = operand.level() == ATOM && !operand.superscript() ? operand : group(operand);
        String subscripts = String.join(",", indices).replace("*", " ").replace(":", "{:}");
        return new Piece(Doc.of(o.doc(), "_{" + subscripts + "}"), POSTFIX, null, o.first(), Edge.SYMBOL, false, false);
    }

    @Override
    Piece kronecker(Piece left, Piece right) {
        return binary(left, " \\otimes ", right, MULTIPLY);
    }

    @Override
    Piece commutation(String m, String n) {
        return Piece.atom(Doc.text("K_{" + m.replace("*", " ") + "," + n.replace("*", " ") + "}"), ATOM,
                Edge.LETTER, Edge.SYMBOL);
    }

    @Override
    Piece digitFill(int digit, Shape shape) {
        return Piece.atom(Doc.text("\\mathbf{" + digit + "}"), ATOM, Edge.SYMBOL, Edge.SYMBOL);
    }

    @Override
    String juxtaposition(Piece left, Piece right) {
        return " ";
    }

    @Override
    String numberJuxtaposition() {
        return " \\cdot ";
    }

    @Override
    Piece divide(Piece dividend, Piece divisor) {
        return Piece.atom(Doc.of("\\frac{", dividend.doc(), "}{", divisor.doc(), "}"), ATOM, Edge.SYMBOL, Edge.SYMBOL);
    }

    @Override
    Piece power(Piece base, Piece exponent, Double exponentValue, boolean elementwise) {
        return superscript(base, elementwise ? Doc.of("\\circ ", exponent.doc()) : exponent.doc(), POWER);
    }

    @Override
    Piece transpose(Piece operand) {
        return superscript(operand, Doc.text("\\top"), POSTFIX);
    }

    @Override
    Piece inverse(Piece operand) {
        return superscript(operand, Doc.text("-1"), POSTFIX);
    }

    @Override
    Piece inverseTranspose(Piece operand) {
        return superscript(operand, Doc.text("-\\top"), POSTFIX);
    }

    /**
     * {@code base^{text}}, bracing a base that ends in a superscript already: {@code {A^{\top}}^{\top}}.
     * A power is parenthesized as the base of another, {@code \left(2^{a}\right)^{b}}; a transpose or
     * an inverse ({@code level} {@link #POSTFIX}) is not.
     */
    private Piece superscript(Piece base, Doc text, int level) {
        Piece b = slot(base, POSTFIX, false);
        Doc baseDoc = b.superscript() ? Doc.of("{", b.doc(), "}") : b.doc();
        return new Piece(Doc.of(baseDoc, "^{", text, "}"), level, null, b.first(), Edge.SYMBOL, true, false);
    }

    @Override
    Piece norm(Piece operand) {
        return Piece.atom(Doc.of("\\lVert ", operand.doc(), " \\rVert"), ATOM, Edge.SYMBOL, Edge.SYMBOL);
    }

    @Override
    Piece call(String function, Piece... args) {
        if (function.equals("sqrt")) {
            return Piece.atom(Doc.of("\\sqrt{", args[0].doc(), "}"), ATOM, Edge.SYMBOL, Edge.SYMBOL);
        }
        if (function.equals("abs")) {
            return Piece.atom(Doc.of("\\left|", args[0].doc(), "\\right|"), ATOM, Edge.SYMBOL, Edge.SYMBOL);
        }
        return super.call(FUNCTIONS.getOrDefault(function, "\\operatorname{" + function + "}"), args);
    }

    @Override
    Piece group(Piece p) {
        return Piece.atom(Doc.of("\\left(", p.doc(), "\\right)"), ATOM, Edge.OPEN, Edge.CLOSE);
    }
}

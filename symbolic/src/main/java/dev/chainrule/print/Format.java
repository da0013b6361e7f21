package dev.chainrule.print;

/** The notations chainrule prints expressions in. */
public enum Format {
    /** Unicode matrix notation, as the paper writes it: {@code 2Aᵀ(Ax − y)}, {@code diag(x)}, {@code w ⊙ x}. */
    TEXT,
    /** LaTeX math, for papers and notebooks. */
    LATEX,
    /** The input syntax; parses back to an equal expression. */
    ASCII,
    /** The graph as JSON, shared nodes written once. */
    JSON
}

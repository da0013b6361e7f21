package dev.chainrule.syntax;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Bad input: one or more diagnostics, each with its place in the source. Every error a user can
 * cause is reported through this exception, never through a stack trace.
 */
public final class CalcException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Diagnostic> diagnostics;

    public CalcException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::render).collect(Collectors.joining("\n")), null, false, false);
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a CalcException needs at least one diagnostic");
        }
        this.diagnostics = List.copyOf(diagnostics);
    }

    public CalcException(Diagnostic diagnostic) {
        this(List.of(diagnostic));
    }

    public static CalcException at(Source source, Span span, String message) {
        return new CalcException(new Diagnostic(source, span, message));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}

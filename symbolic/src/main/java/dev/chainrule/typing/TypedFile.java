package dev.chainrule.typing;

import dev.chainrule.syntax.Precision;
import dev.chainrule.syntax.Source;
import dev.chainrule.syntax.Span;
import java.util.List;
import java.util.Optional;

/**
 * Shape-checked functions and where they come from: a {@code .calc} file, or the one function a
 * tool made from an expression.
 *
 * @param source      the text the functions were read from (its name is the file's)
 * @param packageName  the Java package of the generated classes; empty for none
 * @param packageSpans where each dot-separated part of the package name is written, for messages;
 *                     empty for none, or where the package does not come from the source
 * @param precision    the precision the file declares; empty where it declares none (a tool's
 *                     option, or {@code double}, then decides)
 */
public record TypedFile(Source source, String packageName, List<Span> packageSpans, Optional<Precision> precision,
                        List<TypedFunction> functions) {
    public TypedFile {
        precision = precision == null ? Optional.empty() : precision;
        packageName = packageName == null ? "" : packageName;
        packageSpans = List.copyOf(packageSpans);
        functions = List.copyOf(functions);
    }

    /** Functions in a package that is not written in the source (a tool's, the annotation processor's). */
    public TypedFile(Source source, String packageName, List<TypedFunction> functions) {
        this(source, packageName, List.of(), Optional.empty(), functions);
    }

    /** A file that declares no precision. */
    public TypedFile(Source source, String packageName, List<Span> packageSpans, List<TypedFunction> functions) {
        this(source, packageName, packageSpans, Optional.empty(), functions);
    }

    /** The precision of the generated classes: the file's, or else {@code otherwise} (a tool's option). */
    public Precision precisionOr(Precision otherwise) {
        return precision.orElse(otherwise);
    }
}

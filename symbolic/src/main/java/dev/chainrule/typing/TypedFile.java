package dev.chainrule.typing;

import dev.chainrule.syntax.Source;
import java.util.List;

/**
 * Shape-checked functions and where they come from: a {@code .calc} file, or the one function a
 * tool made from an expression.
 *
 * @param source      the text the functions were read from (its name is the file's)
 * @param packageName the Java package of the generated classes; empty for none
 */
public record TypedFile(Source source, String packageName, List<TypedFunction> functions) {
    public TypedFile {
        packageName = packageName == null ? "" : packageName;
        functions = List.copyOf(functions);
    }
}

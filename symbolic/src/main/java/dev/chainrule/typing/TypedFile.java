package dev.chainrule.typing;

import dev.chainrule.syntax.CalcFile;
import java.util.List;

/** A shape-checked {@code .calc} file. */
public record TypedFile(CalcFile file, List<TypedFunction> functions) {
    public TypedFile {
        functions = List.copyOf(functions);
    }

    public String packageName() {
        return file.packageName();
    }
}

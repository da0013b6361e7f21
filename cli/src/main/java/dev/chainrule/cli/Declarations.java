package dev.chainrule.cli;

import dev.chainrule.shape.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --var NAME:TYPE}, one option for every command that reads an expression. */
final class Declarations {
    @Option(names = "--var", paramLabel = "NAME:TYPE",
            description = "declare a variable's shape, TYPE scalar, vector[n] or matrix[m,n] (dimensions are"
                    + " names or sizes), e.g. --var A:matrix[n,n]; repeatable")
    private List<String> vars = new ArrayList<>();

    /** The declared shapes by name, in order; a bad declaration is a {@link UserError}. */
    Map<String, Shape> shapes() {
        return Inputs.declarations(vars);
    }
}

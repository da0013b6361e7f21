package dev.chainrule.cli;

import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.CalcException;
import dev.chainrule.syntax.CalcFile;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.syntax.TypeSpec;
import dev.chainrule.typing.TypeChecker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** {@code --var NAME:TYPE}, one option for every command that reads an expression. */
final class Declarations {
    static final String TYPES = "scalar, vector[n], matrix[m,n] or symmetric[n]";

    /** The declared shapes by name, in order, and which of them are symmetric matrices. */
    record Declared(Map<String, Shape> shapes, Set<String> symmetric) {
        Declared {
            shapes = Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
            symmetric = Collections.unmodifiableSet(new LinkedHashSet<>(symmetric));
        }
    }

    @Option(names = "--var", paramLabel = "NAME:TYPE",
            description = "declare a variable's shape, TYPE scalar, vector[n], matrix[m,n] or symmetric[n]"
                    + " (dimensions are names or sizes), e.g. --var A:matrix[n,n]; repeatable")
    private List<String> vars = new ArrayList<>();

    /** The declarations; a bad one is a {@link UserError}. */
    Declared declared() {
        return parse(vars);
    }

    /** {@code --var NAME:TYPE}..., in order. */
    static Declared parse(List<String> specs) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        Set<String> symmetric = new LinkedHashSet<>();
        for (String spec : specs) {
            int colon = spec.indexOf(':');
            if (colon < 0) {
                throw new UserError("invalid --var '" + spec + "': expected NAME:TYPE with TYPE " + TYPES
                        + ", as in x:vector[n]");
            }
            String name = spec.substring(0, colon).strip();
            Inputs.requireName(name, "--var '" + spec + "'");
            TypeSpec type;
            Shape shape;
            try {
                CalcFile.Param param = CalcSyntax.parseDeclaration(new Source("--var", spec));
                type = param.type();
                shape = TypeChecker.shapeOf(type);
            } catch (CalcException e) {
                String reason = e.diagnostics().get(0).message();
                throw new UserError("invalid --var '" + spec + "': " + reason
                        + (reason.contains(TYPES) ? "" : " (TYPE is " + TYPES + ")"));
            } catch (IllegalArgumentException e) {
                throw new UserError("invalid --var '" + spec + "': " + e.getMessage());
            }
            if (shapes.putIfAbsent(name, shape) != null) {
                throw new UserError("--var declares '" + name + "' twice");
            }
            if (type.kind() == TypeSpec.Kind.SYMMETRIC) {
                symmetric.add(name);
            }
        }
        return new Declared(shapes, symmetric);
    }
}

package dev.chainrule.cli;

import dev.chainrule.codegen.JavaNames;
import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.CalcException;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Diagnostic;
import dev.chainrule.syntax.Source;
import dev.chainrule.syntax.Span;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedExpression;
import dev.chainrule.typing.TypedFile;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Turns the command line's strings into checked inputs, or into one clear error. */
final class Inputs {
    private Inputs() {}

    /** What a mistyped long option looks like; no sensible expression does. */
    private static final Pattern LONG_OPTION = Pattern.compile("--\\p{L}[\\p{L}\\d-]*(=.*)?");

    /**
     * The first argument (before a {@code --}) that looks like a long option the command does not
     * have. Unknown options are taken for positional parameters, so that an expression may start
     * with '-'; this finds the typo that would otherwise be reported as a confusing extra argument.
     */
    static Optional<String> unknownOption(CommandSpec spec, String[] args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (LONG_OPTION.matcher(arg).matches()) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                if (spec.findOption(name) == null) {
                    return Optional.of(name);
                }
            }
        }
        return Optional.empty();
    }

    /** A usage error in one sentence, more to the point than picocli's for the common slips. */
    static String describe(ParameterException e, String[] args) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        boolean commandExpected = !spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty();
        if (commandExpected && e instanceof UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            return (first.startsWith("-") ? "Unknown option: '" : "Unknown command: '") + first + "'";
        }
        Optional<String> unknown = unknownOption(spec, args);
        if (unknown.isPresent()) {
            return "Unknown option: '" + unknown.get() + "'";
        }
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (spec.positionalParameters().stream().anyMatch(p -> p.paramLabel().equals("EXPR"))) {
                return "Unexpected argument: '" + first + "' (the expression is one argument: quote it, as in "
                        + "\"x' * A * x\")";
            }
            return "Unexpected argument: '" + first + "'";
        }
        return e.getMessage();
    }

    /**
     * Rejects a positional argument that is a mistyped long option, as the EXPR of
     * {@code grad --wrt x --fromat json}. (A file really named so can be given as ./--name.)
     */
    static void rejectUnknownOption(CommandSpec spec, String positional) {
        if (LONG_OPTION.matcher(positional).matches()) {
            String name = positional.contains("=") ? positional.substring(0, positional.indexOf('=')) : positional;
            throw new ParameterException(spec.commandLine(), "Unknown option: '" + name + "'");
        }
    }

    /** The {@code --wrt} names, each once, in order. */
    static List<String> wrtNames(List<String> wrt) {
        Set<String> names = new LinkedHashSet<>();
        for (String raw : wrt) {
            String name = raw.strip();
            requireName(name, "--wrt");
            if (!names.add(name)) {
                throw new UserError("--wrt names '" + name + "' twice");
            }
        }
        return List.copyOf(names);
    }

    static void requireName(String name, String where) {
        if (!CalcSyntax.isName(name)) {
            throw new UserError("invalid " + where + ": '" + name + "' is not a variable name");
        }
    }

    /** Parses and shape-checks an expression typed on the command line. */
    static TypedExpression expression(String text, Declarations.Declared declared) {
        Source source = Source.ofExpression(text);
        return TypeChecker.expression(source, CalcSyntax.parseExpression(source), declared.shapes(),
                declared.symmetric(), null, (name, type) -> "declare it with --var " + name + ":" + type);
    }

    /**
     * The variables to differentiate with respect to: those of the expression, or a declared one it
     * does not read (whose derivative is zero).
     */
    static List<Expr.Variable> variables(TypedExpression typed, Declarations.Declared declared, List<String> names) {
        List<Expr.Variable> variables = new ArrayList<>();
        for (String name : names) {
            Expr.Variable variable = typed.variables().get(name);
            Shape shape = declared.shapes().get(name);
            if (variable == null && shape != null) {
                variable = (Expr.Variable) (declared.symmetric().contains(name)
                        ? Expr.symmetricVariable(name, shape.rows()) : Expr.variable(name, shape));
            }
            if (variable == null) {
                throw new UserError("cannot differentiate with respect to '" + name + "': it does not appear in "
                        + "the expression" + (typed.variables().isEmpty() ? ""
                        : " (its variables: " + String.join(", ", typed.variables().keySet()) + ")"));
            }
            variables.add(variable);
        }
        return variables;
    }

    /** A diagnostic that marks the whole (first line of the) expression. */
    static CalcException wholeExpression(String text, String message) {
        Source source = Source.ofExpression(text);
        int length = (int) source.line(1).codePoints().count();
        return new CalcException(new Diagnostic(source, new Span(1, 1, Math.max(1, length)), message));
    }

    /** {@code x: vector[n], A: matrix[n,n]}: the variables with the shapes chainrule gave them. */
    static String signature(TypedExpression typed) {
        List<String> parts = new ArrayList<>();
        typed.variables().forEach((name, v) -> parts.add(name + ": "
                + (v.symmetric() ? "symmetric[" + v.shape().rows() + "]" : v.shape().toString())));
        return String.join(", ", parts);
    }

    /**
     * Reads, parses and shape-checks each file, and checks that its package and functions can be
     * Java names, printing every file's diagnostics (or the reason it cannot be read) on
     * {@code io}'s stderr: the typed files in order, null for each that failed.
     */
    static List<TypedFile> checkFiles(List<String> files, Io io) {
        List<TypedFile> typed = new ArrayList<>();
        for (String file : files) {
            TypedFile checked = null;
            try {
                TypedFile typedFile = TypeChecker.file(CalcSyntax.parseFile(read(file)));
                List<Diagnostic> javaNames = JavaNames.check(typedFile);
                if (!javaNames.isEmpty()) {
                    throw new CalcException(javaNames);
                }
                checked = typedFile;
            } catch (UserError e) {
                io.err().println("chainrule: " + e.getMessage());
            } catch (CalcException e) {
                for (Diagnostic diagnostic : e.diagnostics()) {
                    io.err().println(diagnostic.render());
                }
            } catch (StackOverflowError e) {
                io.err().println(file + ": nested too deeply to check");
            }
            typed.add(checked);
        }
        return typed;
    }

    /** A file's text, or a one-line reason why it cannot be read. */
    static Source read(String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new UserError("cannot read " + file + ": not a valid path");
        }
        if (Files.isDirectory(path)) {
            throw new UserError("cannot read " + file + ": is a directory");
        }
        try {
            byte[] bytes = Files.readAllBytes(path);
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return new Source(file, text);
        } catch (NoSuchFileException e) {
            throw new UserError("cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UserError("cannot read " + file + ": permission denied");
        } catch (CharacterCodingException e) {
            throw new UserError("cannot read " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
    }
}

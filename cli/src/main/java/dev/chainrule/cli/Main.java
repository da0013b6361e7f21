package dev.chainrule.cli;

import dev.chainrule.derive.DerivativeException;
import dev.chainrule.interpret.EvaluationException;
import dev.chainrule.syntax.CalcException;
import dev.chainrule.syntax.DeepStack;
import dev.chainrule.syntax.Diagnostic;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.ParameterException;

/**
 * The {@code chainrule} command. {@link #run} does the work and returns the exit status, so that
 * tests run the CLI in-process: 0 success, 2 a user error (one clear message on stderr), 1 a bug
 * in chainrule ("internal error", with a stack trace only when {@code CHAINRULE_DEBUG=1}).
 */
@Command(name = "chainrule",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Matrix calculus from the command line: shape-check .calc files, derive closed-form gradients, "
                    + "Jacobians and Hessians, show how they are derived, and evaluate expressions and their gradients.",
            "",
            "Example:  chainrule grad \"x'*A*x\" --wrt x"},
        footer = {
            "",
            "Undeclared names take their shape from matrixcalculus.org's convention: a-g scalars, h-z vectors, "
                    + "A-Z matrices; --var NAME:TYPE declares one.",
            "",
            "Exit status: 0 success, 2 bad input or usage, 1 internal error (please report it).",
            "'chainrule COMMAND --help' describes a command."})
public final class Main implements Callable<Integer> {
    private final Io io;

    private Main(Io io) {
        this.io = io;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(err);
        int status = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs the command line and returns its exit status; debug output if CHAINRULE_DEBUG=1. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, "1".equals(System.getenv("CHAINRULE_DEBUG")));
    }

    /**
     * Runs the command line on a {@link DeepStack} thread, so that deeply nested input is handled
     * or diagnosed rather than overflowing the stack.
     */
    static int run(String[] args, PrintStream out, PrintStream err, boolean debug) {
        Io io = new Io(out, err, debug);
        try {
            return DeepStack.call("chainrule", () -> execute(args.clone(), io));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("chainrule: interrupted");
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int execute(String[] args, Io io) {
        try {
            return commandLine(io).execute(args);
        } catch (Throwable failure) {
            return report(failure, io);
        }
    }

    static CommandLine commandLine(Io io) {
        CommandLine cli = new CommandLine(new Main(io))
                .addSubcommand(new CheckCommand(io))
                .addSubcommand(new DeriveCommand.Grad(io))
                .addSubcommand(new DeriveCommand.Jacobian(io))
                .addSubcommand(new DeriveCommand.Hessian(io))
                .addSubcommand(new DeriveCommand.Hvp(io))
                .addSubcommand(new ExplainCommand(io))
                .addSubcommand(new EvalCommand(io))
                .addSubcommand(new GenerateCommand(io))
                .addSubcommand(new ServeCommand(io))
                .addSubcommand(new CommandLine.HelpCommand());
        cli.setOut(Io.writer(io.out()));
        cli.setErr(Io.writer(io.err()));
        cli.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // An argument is what it says: picocli's @FILE expansion read files no one asked for and
        // threw on a directory (@/).
        cli.setExpandAtFiles(false);
        // An expression may start with '-', as -log(det(X)) does; a mistyped --option is still caught.
        cli.setUnmatchedOptionsArePositionalParams(true);
        cli.setParameterExceptionHandler((ParameterException e, String[] args) -> {
            io.err().println("chainrule: " + Inputs.describe(e, args));
            io.err().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, io));
        return cli;
    }

    /** Reports a failure on stderr the way its kind calls for and returns the exit status. */
    static int report(Throwable failure, Io io) {
        PrintStream err = io.err();
        if (failure instanceof CalcException e) {
            for (Diagnostic diagnostic : e.diagnostics()) {
                err.println(diagnostic.render());
            }
            return 2;
        }
        if (failure instanceof UserError || failure instanceof DerivativeException
                || failure instanceof EvaluationException) {
            err.println("chainrule: " + failure.getMessage());
            return 2;
        }
        if (failure instanceof StackOverflowError) {
            err.println("chainrule: input nested too deeply to process");
            return 2;
        }
        if (failure instanceof OutOfMemoryError) {
            err.println("chainrule: out of memory (a larger heap: CHAINRULE_JAVA_OPTS=-Xmx4g); unless the input is huge,"
                    + " this is a bug in chainrule: please report it");
            return 1;
        }
        err.println("chainrule: internal error: " + failure);
        err.println("This is a bug in chainrule. Please report it, with the command that caused it"
                + (io.debug() ? "." : " and the stack trace that CHAINRULE_DEBUG=1 prints."));
        if (io.debug()) {
            failure.printStackTrace(err);
        }
        return 1;
    }

    /** {@code chainrule} alone: say what is missing. */
    @Override
    public Integer call() {
        io.err().println("chainrule: missing COMMAND: one of check, grad, jacobian, hessian, hvp, explain, eval, generate, serve");
        io.err().println("Try 'chainrule --help' for more information.");
        return 2;
    }
}

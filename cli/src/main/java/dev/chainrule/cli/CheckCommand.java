package dev.chainrule.cli;

import dev.chainrule.syntax.CalcException;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Diagnostic;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedFile;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chainrule check FILE.calc...}: parse and shape-check, reporting every file's diagnostics. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Parse and shape-check .calc files.",
        description = "Prints 'FILE: N functions OK' for each good file. Reports the diagnostics of all files on "
                + "stderr, each as file:line:col: message with the source line and a caret under the place, and "
                + "exits 2 if there are any.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "the .calc files to check")
    private List<String> files;

    @Spec
    private CommandSpec spec;

    private final Io io;

    CheckCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        files.forEach(file -> Inputs.rejectUnknownOption(spec, file));
        boolean failed = false;
        for (String file : files) {
            try {
                Source source = Inputs.read(file);
                TypedFile typed = TypeChecker.file(CalcSyntax.parseFile(source));
                int n = typed.functions().size();
                io.out().println(file + ": " + n + (n == 1 ? " function" : " functions") + " OK");
            } catch (UserError e) {
                io.err().println("chainrule: " + e.getMessage());
                failed = true;
            } catch (CalcException e) {
                for (Diagnostic diagnostic : e.diagnostics()) {
                    io.err().println(diagnostic.render());
                }
                failed = true;
            } catch (StackOverflowError e) {
                io.err().println(file + ": nested too deeply to check");
                failed = true;
            }
        }
        return failed ? 2 : 0;
    }
}

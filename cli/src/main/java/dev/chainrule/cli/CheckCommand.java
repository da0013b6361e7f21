package dev.chainrule.cli;

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
        List<TypedFile> typed = Inputs.checkFiles(files, io);
        boolean failed = false;
        for (int i = 0; i < files.size(); i++) {
            if (typed.get(i) == null) {
                failed = true;
            } else {
                int n = typed.get(i).functions().size();
                io.out().println(files.get(i) + ": " + n + (n == 1 ? " function" : " functions") + " OK");
            }
        }
        return failed ? 2 : 0;
    }
}

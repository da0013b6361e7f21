package dev.chainrule.cli;

import com.palantir.javapoet.JavaFile;
import dev.chainrule.codegen.CodeGenerator;
import dev.chainrule.typing.TypedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule generate FILE.calc... --out DIR}: one Java class per function, under DIR by
 * package. Every file is checked first; with any diagnostic nothing is written.
 */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Generate Java from .calc files.",
        description = "Checks the .calc files, then writes one Java class per function under DIR, in the folder of "
                + "its package: value, value-and-gradient and the requested Jacobian and Hessian methods, "
                + "allocation-free, for Java 8 and later. With any diagnostic, reports them all and writes nothing.")
final class GenerateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "the .calc files")
    private List<String> files;

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the source root to write into")
    private String out;

    private final Io io;

    GenerateCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        files.forEach(file -> Inputs.rejectUnknownOption(spec, file));
        List<TypedFile> typed = Inputs.checkFiles(files, io);
        if (typed.contains(null)) {
            return 2;
        }
        Path root;
        try {
            root = Path.of(out);
        } catch (InvalidPathException e) {
            throw new UserError("cannot write into " + out + ": not a valid path (" + e.getMessage() + ")");
        }
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new UserError("cannot write into " + out + ": it is a file, not a directory");
        }
        try {
            // Classes with a package get their folders from JavaPoet; one without needs the root.
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UserError("cannot write into " + out + ": cannot create the directory (" + e.getMessage() + ")");
        }
        for (TypedFile file : typed) {
            for (JavaFile java : CodeGenerator.generate(file)) {
                try {
                    io.out().println("wrote " + java.writeToPath(root));
                } catch (IOException | IllegalArgumentException e) {
                    // JavaPoet's IllegalArgumentException: a package folder that exists as a file.
                    throw new UserError("cannot write into " + out + ": " + e.getMessage());
                }
            }
        }
        return 0;
    }
}

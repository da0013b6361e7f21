package dev.chainrule.cli;

import com.palantir.javapoet.JavaFile;
import dev.chainrule.codegen.CodeGenerator;
import dev.chainrule.syntax.Precision;
import dev.chainrule.typing.TypedFile;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule generate FILE.calc... --out DIR}: one Java class per function, under DIR by
 * package. Every file is checked and every class generated first; with any problem nothing is written.
 */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Generate Java from .calc files.",
        description = "Checks the .calc files, then writes one Java class per function under DIR, in the folder of "
                + "its package: value, value-and-gradient and the requested Jacobian and Hessian methods, "
                + "allocation-free, for Java 8 and later. With any diagnostic, reports them all and writes nothing. "
                + "DIR is made if it does not exist.")
final class GenerateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "the .calc files")
    private List<String> files;

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the source root to write into")
    private String out;

    @Option(names = "--precision", paramLabel = "TYPE", defaultValue = "double",
            description = "double (the default) or float: the number type of the classes of files that declare none "
                    + "(a file's `precision float;` wins)")
    private String precision;

    private final Io io;

    GenerateCommand(Io io) {
        this.io = io;
    }

    /** A class to write, and the file whose function it comes from. */
    private record Generated(JavaFile java, String file) {
        String qualifiedName() {
            return java.packageName().isEmpty() ? java.typeSpec().name()
                    : java.packageName() + "." + java.typeSpec().name();
        }
    }

    @Override
    public Integer call() {
        files.forEach(file -> Inputs.rejectUnknownOption(spec, file));
        // A file named twice is generated once, not reported as clashing with itself.
        files = files.stream().distinct().toList();
        Precision otherwise = Precision.named(precision).orElseThrow(() -> new UserError(
                "--precision " + precision + " is not a precision: expected " + Precision.choices().replace("'", "")));
        Path root = outputDirectory();
        List<TypedFile> typed = Inputs.checkFiles(files, io);
        if (typed.contains(null)) {
            return 2;
        }
        List<Generated> classes = new ArrayList<>();
        for (int i = 0; i < typed.size(); i++) {
            for (JavaFile java : CodeGenerator.generate(typed.get(i), otherwise)) {
                classes.add(new Generated(java, files.get(i)));
            }
        }
        rejectClassesOfOneName(classes);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UserError("cannot make the directory " + out + ": " + reason(e));
        }
        for (Generated generated : classes) {
            try {
                io.out().println("wrote " + generated.java().writeToPath(root));
            } catch (IOException e) {
                throw new UserError("cannot write " + generated.qualifiedName() + " into " + out + ": " + reason(e));
            } catch (IllegalArgumentException e) {
                // JavaPoet's, for a package folder that exists as a file.
                throw new UserError("cannot write " + generated.qualifiedName() + " into " + out + ": " + e.getMessage());
            }
        }
        return 0;
    }

    /** The directory to write into, which must be one if it exists already. */
    private Path outputDirectory() {
        Path root;
        try {
            root = Path.of(out);
        } catch (InvalidPathException e) {
            throw new UserError("--out " + out + " is not a valid path");
        }
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new UserError("--out " + out + " is a file, not a directory: give the source root to write the "
                    + "classes into");
        }
        return root;
    }

    /**
     * Two files whose functions make the same class (or classes whose names differ only in case,
     * which file systems that ignore case hold as one file): the second would overwrite the first.
     */
    private static void rejectClassesOfOneName(List<Generated> classes) {
        Map<String, Generated> seen = new HashMap<>();
        for (Generated generated : classes) {
            Generated first = seen.putIfAbsent(generated.qualifiedName().toLowerCase(Locale.ROOT), generated);
            if (first != null) {
                throw new UserError(first.qualifiedName().equals(generated.qualifiedName())
                        ? first.file() + " and " + generated.file() + " both make the class " + first.qualifiedName()
                        + ": rename one of the functions, or give the files different packages"
                        : first.file() + " makes the class " + first.qualifiedName() + " and " + generated.file() + " "
                        + generated.qualifiedName() + ": file systems that ignore case (macOS, Windows) cannot hold both; "
                        + "rename one of the functions");
            }
        }
    }

    /** Why a file operation failed, in a few words ("permission denied", "File name too long"). */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException already) {
            return already.getFile() + " is in the way, and not a directory";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage();
    }
}

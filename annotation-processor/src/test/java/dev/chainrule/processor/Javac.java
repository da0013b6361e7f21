package dev.chainrule.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Test support: compiles sources held in memory with the JDK's compiler and the processor, as a
 * user's build does, into a temporary folder; the annotation comes from the test class path.
 */
final class Javac {
    /** What a compilation gave: success, the compiler's diagnostics, and the folders it wrote. */
    record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, Path classes,
                  Path generated) {
        List<Diagnostic<? extends JavaFileObject>> errors() {
            return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
        }

        String messages() {
            return diagnostics.stream().map(d -> d.getKind() + " " + d.getLineNumber() + ":" + d.getColumnNumber()
                    + " " + d.getMessage(Locale.ROOT)).collect(Collectors.joining("\n"));
        }

        String generatedSource(String qualifiedName) {
            try {
                return Files.readString(generated.resolve(qualifiedName.replace('.', '/') + ".java"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        ClassLoader loader() {
            try {
                return new URLClassLoader(new URL[] {classes.toUri().toURL()}, Javac.class.getClassLoader());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Javac() {}

    /** A source file: its path, such as {@code demo/Mse.java}, and its text. */
    record Source(String path, String text) {}

    static Source source(String path, String text) {
        return new Source(path, text);
    }

    static Result compile(Path folder, List<String> extraOptions, Source... sources) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        Path classes = Files.createDirectories(folder.resolve("classes"));
        Path generated = Files.createDirectories(folder.resolve("generated"));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<JavaFileObject> units = new ArrayList<>();
            for (Source source : sources) {
                units.add(new SimpleJavaFileObject(URI.create("mem:///" + source.path()), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return source.text();
                    }
                });
            }
            List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-s", generated.toString(),
                    "-classpath", System.getProperty("java.class.path"), "-encoding", "UTF-8",
                    "-Xlint:all", "-Xlint:-processing"));
            options.addAll(extraOptions);
            JavaCompiler.CompilationTask task = compiler.getTask(null, files, diagnostics, options, null, units);
            task.setProcessors(List.of(new DifferentiableProcessor()));
            boolean ok = task.call();
            return new Result(ok, diagnostics.getDiagnostics(), classes, generated);
        }
    }

    static Result compile(Path folder, Source... sources) throws IOException {
        return compile(folder, List.of(), sources);
    }

    /** The generated files, as paths relative to the generated-sources folder. */
    static List<String> generatedFiles(Result result) throws IOException {
        try (Stream<Path> walk = Files.walk(result.generated())) {
            return walk.filter(Files::isRegularFile).map(p -> result.generated().relativize(p).toString()
                    .replace('\\', '/')).sorted().toList();
        }
    }
}

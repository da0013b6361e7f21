package dev.chainrule.codegen;

import com.palantir.javapoet.JavaFile;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated classes in memory with the JDK's compiler and loads them, for
 * {@code chainrule eval --engine compiled} and for tests. Compiles for Java 8 with every lint
 * warning turned into an error, the promise the generated code keeps.
 */
public final class InMemoryCompiler {
    private InMemoryCompiler() {}

    /** The compiler's complaints about generated code: a bug in chainrule, never the user's input. */
    public static final class CompilationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CompilationException(String message) {
            super(message);
        }
    }

    /** Compiles the files together and returns their classes by fully qualified name. */
    public static Map<String, Class<?>> compile(List<JavaFile> files) {
        Map<String, byte[]> classes = compileToBytes(files);
        ClassLoader loader = new ClassLoader(InMemoryCompiler.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
        Map<String, Class<?>> loaded = new HashMap<>();
        for (JavaFile file : files) {
            String name = file.packageName().isEmpty() ? file.typeSpec().name()
                    : file.packageName() + "." + file.typeSpec().name();
            try {
                loaded.put(name, loader.loadClass(name));
            } catch (ClassNotFoundException e) {
                throw new CompilationException("compiled but could not load " + name);
            }
        }
        return loaded;
    }

    /** Compiles the files together and returns the class files' bytes by binary class name. */
    public static Map<String, byte[]> compileToBytes(List<JavaFile> files) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler: run chainrule on a JDK, not a JRE");
        }
        List<JavaFileObject> sources = new ArrayList<>();
        for (JavaFile file : files) {
            String name = file.packageName().isEmpty() ? file.typeSpec().name()
                    : file.packageName() + "." + file.typeSpec().name();
            sources.add(new Source(name, file.toString()));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        JavaFileManager manager = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                        kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        classes.put(className, bytes);
                        return bytes;
                    }
                };
            }
        };
        List<String> options = List.of("--release", "8", "-Xlint:all", "-Xlint:-options", "-Werror",
                "-encoding", "UTF-8");
        boolean ok = compiler.getTask(null, manager, diagnostics, options, null, sources).call();
        if (!ok || !diagnostics.getDiagnostics().isEmpty()) {
            StringBuilder message = new StringBuilder("generated code did not compile cleanly:");
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                message.append('\n').append(d.getKind()).append(' ')
                        .append(d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                        .append(d.getMessage(Locale.ROOT));
            }
            throw new CompilationException(message.toString());
        }
        Map<String, byte[]> bytes = new HashMap<>();
        classes.forEach((name, out) -> bytes.put(name, out.toByteArray()));
        return bytes;
    }

    /** A generated class's source, held in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}

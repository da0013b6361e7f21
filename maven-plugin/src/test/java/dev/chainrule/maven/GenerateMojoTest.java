package dev.chainrule.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal as Maven runs it: its log, the source root it adds, and how it fails. */
class GenerateMojoTest {
    @TempDir
    Path root;

    private final List<String> log = new ArrayList<>();
    private final MavenProject project = new MavenProject();

    private GenerateMojo mojo(boolean skip) throws ReflectiveOperationException {
        return mojo(skip, "double");
    }

    private GenerateMojo mojo(boolean skip, String precision) throws ReflectiveOperationException {
        GenerateMojo mojo = new GenerateMojo();
        set(mojo, "precision", precision);
        set(mojo, "sourceDirectory", root.resolve("src/main/calculus").toFile());
        set(mojo, "outputDirectory", root.resolve("target/generated-sources/chainrule").toFile());
        set(mojo, "skip", skip);
        set(mojo, "project", project);
        PluginDescriptor plugin = new PluginDescriptor();
        plugin.setVersion("test");
        set(mojo, "plugin", plugin);
        mojo.setLog(new ListLog(log));
        return mojo;
    }

    @Test
    void generatesAndAddsTheCompileSourceRoot() throws Exception {
        Path calc = root.resolve("src/main/calculus/softmax.calc");
        Files.createDirectories(calc.getParent());
        Files.writeString(calc, "function softmax_ce(x: vector[n], y: vector[n]) = log(sum(exp(x))) - y' * x"
                + " gradient wrt x;\n");
        try {
            mojo(false).execute();
        } catch (MojoFailureException e) {
            throw new AssertionError(log.toString(), e);
        }
        assertTrue(Files.exists(root.resolve("target/generated-sources/chainrule/SoftmaxCe.java")));
        assertEquals(List.of(root.resolve("target/generated-sources/chainrule").toFile().getAbsolutePath()),
                project.getCompileSourceRoots());
        assertEquals("info: chainrule: 1 class generated from 1 .calc file ("
                + root.resolve("target/generated-sources/chainrule") + ")", log.get(log.size() - 1));

        log.clear();
        mojo(false).execute();
        assertTrue(log.get(log.size() - 1).startsWith("info: chainrule: all 1 .calc files up to date"), log.toString());
    }

    @Test
    void thePrecisionOptionMakesFloatClassesAndAnUnknownOneFailsTheBuild() throws Exception {
        Path calc = root.resolve("src/main/calculus/softmax.calc");
        Files.createDirectories(calc.getParent());
        Files.writeString(calc, "function softmax_ce(x: vector[n], y: vector[n]) = log(sum(exp(x))) - y' * x"
                + " gradient wrt x;\n");
        mojo(false, "float").execute();
        assertTrue(Files.readString(root.resolve("target/generated-sources/chainrule/SoftmaxCe.java"))
                .contains("public float valueAndGradient(float[] x, float[] y, float[] gradX)"));
        MojoFailureException failure = assertThrows(MojoFailureException.class, () -> mojo(false, "half").execute());
        assertEquals("chainrule: <precision>half</precision> is not a precision: expected double or float",
                failure.getMessage());
    }

    @Test
    void reportsEveryErrorOnALineOfItsOwnThenFails() throws Exception {
        Path a = root.resolve("src/main/calculus/a.calc");
        Path b = root.resolve("src/main/calculus/b.calc");
        Files.createDirectories(a.getParent());
        Files.writeString(a, "function f(x: vector[n]) = sum(x .* )\n  gradient wrt x;\n");
        Files.writeString(b, "function g(x: vector[n], A: matrix[m, m]) =\n  sum(A*x)\n  gradient wrt x;\n");
        MojoFailureException failure = assertThrows(MojoFailureException.class, () -> mojo(false).execute());
        assertEquals("chainrule: 2 errors in 2 of 2 .calc files (listed above)", failure.getMessage());
        List<String> errors = log.stream().filter(line -> line.startsWith("error: ")).toList();
        assertEquals(2, errors.size(), log.toString());
        assertTrue(errors.get(0).startsWith("error: " + a.toAbsolutePath() + ":1:37: unexpected ')'"), errors.get(0));
        assertTrue(errors.get(1).startsWith("error: " + b.toAbsolutePath() + ":2:8: cannot multiply"), errors.get(1));
        // The source line and a caret follow the headline.
        assertTrue(errors.get(1).endsWith("\n      sum(A*x)\n           ^"), errors.get(1));
    }

    @Test
    void skipDoesNothing() throws Exception {
        Path calc = root.resolve("src/main/calculus/broken.calc");
        Files.createDirectories(calc.getParent());
        Files.writeString(calc, "nonsense");
        mojo(true).execute();
        assertFalse(Files.exists(root.resolve("target")));
        assertEquals(List.of(), project.getCompileSourceRoots());
        assertEquals(List.of("info: chainrule: skipped (chainrule.skip)"), log);
    }

    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }

    /** A log that keeps its lines, prefixed by their level. */
    private record ListLog(List<String> lines) implements Log {
        @Override public boolean isDebugEnabled() { return false; }
        @Override public void debug(CharSequence content) { }
        @Override public void debug(CharSequence content, Throwable error) { }
        @Override public void debug(Throwable error) { }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public void info(CharSequence content) { lines.add("info: " + content); }
        @Override public void info(CharSequence content, Throwable error) { info(content); }
        @Override public void info(Throwable error) { info(error.toString()); }
        @Override public boolean isWarnEnabled() { return true; }
        @Override public void warn(CharSequence content) { lines.add("warn: " + content); }
        @Override public void warn(CharSequence content, Throwable error) { warn(content); }
        @Override public void warn(Throwable error) { warn(error.toString()); }
        @Override public boolean isErrorEnabled() { return true; }
        @Override public void error(CharSequence content) { lines.add("error: " + content); }
        @Override public void error(CharSequence content, Throwable error) { error(content); }
        @Override public void error(Throwable error) { error(error.toString()); }
    }
}

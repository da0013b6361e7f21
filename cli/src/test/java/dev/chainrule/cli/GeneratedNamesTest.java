package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every name a user chooses ends up in Java that compiles, or is refused with a positioned
 * diagnostic: the generated sources are written by the CLI and compiled with javac, together,
 * beside a second function of the same package that uses what a name might hide.
 */
class GeneratedNamesTest {
    @TempDir
    Path dir;

    private static final String NEIGHBOUR = "function neighbour(x: vector[n]) = log(sum(exp(x))) gradient wrt x;\n";

    private CliRun generate(String calc) throws IOException {
        Path file = dir.resolve("t.calc");
        Files.writeString(file, calc);
        return CliRun.run("generate", file.toString(), "--out", dir.resolve("out").toString());
    }

    /** javac's complaints about everything under out, or "" when it all compiles. */
    private String compile() throws IOException {
        List<String> args = new ArrayList<>(List.of("-d", dir.resolve("classes").toString(), "-Xlint:none"));
        try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, args.toArray(String[]::new));
        String complaints = errors.toString(StandardCharsets.UTF_8);
        return status == 0 ? "" : complaints.isEmpty() ? "javac exit " + status : complaints;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // Classes that would hide java.lang types for the whole package.
        "function math(a: scalar) = exp(a) gradient wrt a;",
        "function string(a: scalar) = exp(a) gradient wrt a;",
        "function illegal_argument_exception(x: vector[n]) = sum(exp(x)) gradient wrt x;",
        // Parameters and dimensions that would hide them in a method.
        "function f(Math: scalar) = exp(Math) gradient wrt Math;",
        "function f(x: vector[Math]) = sum(exp(x)) gradient wrt x;",
        "function f(String: vector[n]) = sum(exp(String)) gradient wrt String;",
        // Two derivatives whose methods would both be hessianX.
        "function f(x: vector[n], X: matrix[n,n]) = x'*X*x hessian wrt x, X;",
        // Names with no Java spelling: an underscore alone, a letter newer than this Java.
        "function _(a: scalar) = a*a gradient wrt a;",
        "function \u0870f(a: scalar) = a*a gradient wrt a;",
        "function f(\u0870f: vector[n]) = sum(exp(\u0870f)) gradient wrt \u0870f hessian wrt \u0870f hvp wrt \u0870f;",
    })
    void userChosenNamesGiveClassesThatCompileOrAPositionedRequestToRename(String function) throws IOException {
        CliRun run = generate("package p;\n" + function + "\n" + NEIGHBOUR);
        if (run.status() == 2) {
            // A function whose class would hide a java.lang type, or that has no Java class name:
            // refused at the name, with what to do (JavaNames), never Java that does not compile.
            assertTrue(run.err().contains("t.calc:2:10: function '") && (run.err().contains("rename the function")
                    || run.err().contains("has no Java class name") || run.err().contains("cannot be a Java class")), run::toString);
            return;
        }
        assertEquals(0, run.status(), run::toString);
        assertEquals("", compile(), run::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fz.goto", "_", "p.class", "java.lang"})
    void aPackageNamedWithAJavaKeywordIsAPositionedError(String packageName) throws IOException {
        CliRun run = generate("package " + packageName + ";\nfunction f(a: scalar) = a*a;\n");
        assertEquals(2, run.status(), run::toString);
        assertTrue(run.err().contains("t.calc:1:") && (run.err().contains("cannot be part of a package name")
                || run.err().contains("are the JDK's own")),
                run::toString);
    }

    @Test
    void aNameTooLongForJavaIsAPositionedError() throws IOException {
        // 70,000 characters once made a constant string javac refuses.
        CliRun run = generate("package p;\nfunction " + "a".repeat(70_000) + "(a: scalar) = a*a;\n");
        assertEquals(2, run.status(), run::toString);
        assertTrue(run.err().contains("t.calc:2:10: a name of 70000 characters, 'aaaaaaaaaaaa…': names have at most 100 "
                + "characters"),
                run::toString);
    }

    @Test
    void anOutputThatIsAFileIsAUserError() throws IOException {
        Path file = dir.resolve("t.calc");
        Files.writeString(file, "package p; function f(a: scalar) = a*a;\n");
        CliRun run = CliRun.run("generate", file.toString(), "--out", file.toString());
        assertEquals(2, run.status(), run::toString);
        assertTrue(run.err().contains("is a file, not a directory"), run::toString);
        assertEquals("package p; function f(a: scalar) = a*a;\n", Files.readString(file));
    }

    @Test
    void aFileWithNoPackageIsWrittenIntoAnOutputThatDoesNotExistYet() throws IOException {
        CliRun run = generate("function f(a: scalar) = a*a;\n");
        assertEquals(0, run.status(), run::toString);
        assertTrue(Files.isRegularFile(dir.resolve("out").resolve("F.java")), run::toString);
        assertEquals("", compile());
    }
}

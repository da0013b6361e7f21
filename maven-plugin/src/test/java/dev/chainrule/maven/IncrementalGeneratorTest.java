package dev.chainrule.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.syntax.Diagnostic;
import dev.chainrule.syntax.Precision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's incremental logic, on real folders: what is generated, kept, deleted and never touched. */
class IncrementalGeneratorTest {
    private static final String PAPER = """
            package examples.paper;

            function activation(w: vector[n], b: scalar, x: vector[n]) =
                max(0, w . x + b)
                gradient wrt w, b;

            function loss(w: vector[n], b: scalar, X: matrix[N, n], y: vector[N]) =
                sum((y - max(0, X*w + b)) .^ 2) / N
                gradient wrt w, b;
            """;
    private static final String RIDGE = """
            package examples.ridge;

            function ridge(A: matrix[m, n], x: vector[n], y: vector[m], lambda: scalar) =
                norm2(A*x - y)^2 + lambda * norm2(x)^2
                gradient wrt x;
            """;

    @TempDir
    Path root;
    Path src;
    Path out;
    /** A clock for last-modified times, so that "newer" never depends on the file system's resolution. */
    long now = 1_700_000_000_000L;

    @BeforeEach
    void folders() throws IOException {
        src = Files.createDirectories(root.resolve("src/main/calculus"));
        out = root.resolve("target/generated-sources/chainrule");
    }

    private IncrementalGenerator.Result run() throws IOException {
        return run("1.0");
    }

    private IncrementalGenerator.Result run(String version) throws IOException {
        return run(version, Precision.DOUBLE);
    }

    private IncrementalGenerator.Result run(String version, Precision precision) throws IOException {
        IncrementalGenerator.Result result = new IncrementalGenerator(src, out, version, precision).run();
        // Whatever the run wrote is "now"; the next edit comes later.
        now += 10_000;
        for (Path written : result.written()) {
            Files.setLastModifiedTime(written, FileTime.fromMillis(now));
        }
        now += 10_000;
        return result;
    }

    private Path write(String path, String text) throws IOException {
        Path file = src.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(now));
        now += 10_000;
        return file;
    }

    private List<String> outputFiles() throws IOException {
        if (!Files.exists(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Test
    void generatesOneClassPerFunctionInFoldersByPackageAndRecordsThem() throws IOException {
        write("paper.calc", PAPER);
        write("more/ridge.calc", RIDGE);
        IncrementalGenerator.Result result = run();
        assertEquals(List.of(), result.errors());
        assertEquals(2, result.calcFiles());
        assertEquals(0, result.upToDate());
        assertEquals(List.of(".chainrule-manifest", "examples/paper/Activation.java", "examples/paper/Loss.java",
                "examples/ridge/Ridge.java"), outputFiles());
        assertEquals(Map.of("paper.calc", List.of("examples/paper/Activation.java", "examples/paper/Loss.java"),
                "more/ridge.calc", List.of("examples/ridge/Ridge.java")), IncrementalGenerator.recorded(out));
        String loss = Files.readString(out.resolve("examples/paper/Loss.java"));
        assertTrue(loss.startsWith(IncrementalGenerator.GENERATED_HEADER + "paper.calc."), loss);
        assertTrue(loss.contains("public final class Loss {"), loss);
    }

    @Test
    void anUnchangedFileIsNotGeneratedAgain() throws IOException {
        write("paper.calc", PAPER);
        Path ridge = write("ridge.calc", RIDGE);
        run();
        FileTime before = Files.getLastModifiedTime(out.resolve("examples/paper/Loss.java"));

        IncrementalGenerator.Result again = run();
        assertEquals(2, again.upToDate());
        assertEquals(List.of(), again.written());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("examples/paper/Loss.java")));

        // Editing one file regenerates that file only.
        Files.setLastModifiedTime(ridge, FileTime.fromMillis(now));
        IncrementalGenerator.Result edited = run();
        assertEquals(1, edited.upToDate());
        assertEquals(List.of(out.resolve("examples/ridge/Ridge.java")), edited.written());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("examples/paper/Loss.java")));
    }

    @Test
    void aMissingOrOlderOutputRegeneratesItsFile() throws IOException {
        write("paper.calc", PAPER);
        run();
        Files.delete(out.resolve("examples/paper/Loss.java"));
        IncrementalGenerator.Result result = run();
        assertEquals(0, result.upToDate());
        assertEquals(2, result.written().size());
        assertTrue(Files.exists(out.resolve("examples/paper/Loss.java")));

        // An output older than its .calc file (restored from somewhere, say) is stale too.
        Files.setLastModifiedTime(out.resolve("examples/paper/Activation.java"), FileTime.fromMillis(0));
        assertEquals(0, run().upToDate());
    }

    @Test
    void aNewGeneratorVersionRegeneratesEverything() throws IOException {
        write("paper.calc", PAPER);
        run("1.0");
        assertEquals(1, run("1.0").upToDate());
        assertEquals(0, run("1.1").upToDate());
        assertEquals(1, run("1.1").upToDate());
    }

    @Test
    void theFloatOptionGeneratesFloatClassesAndChangingItRegeneratesEverything() throws IOException {
        write("paper.calc", PAPER);
        run("1.0");
        assertTrue(Files.readString(out.resolve("examples/paper/Activation.java")).contains("public double value(double[] w"));
        assertEquals(0, run("1.0", Precision.FLOAT).upToDate());
        assertTrue(Files.readString(out.resolve("examples/paper/Activation.java")).contains("public float value(float[] w"));
        assertEquals(1, run("1.0", Precision.FLOAT).upToDate());
        assertEquals(0, run("1.0", Precision.DOUBLE).upToDate());
    }

    @Test
    void aFilesOwnPrecisionWinsOverTheOption() throws IOException {
        write("paper.calc", PAPER.replace("package examples.paper;", "package examples.paper;\nprecision double;"));
        run("1.0", Precision.FLOAT);
        assertTrue(Files.readString(out.resolve("examples/paper/Activation.java")).contains("public double value(double[] w"));
    }

    @Test
    void theClassesOfADeletedFileAreDeletedWithTheFoldersTheyLeaveEmpty() throws IOException {
        Path paper = write("paper.calc", PAPER);
        write("ridge.calc", RIDGE);
        run();
        Files.delete(paper);
        IncrementalGenerator.Result result = run();
        assertEquals(List.of(out.resolve("examples/paper/Activation.java"), out.resolve("examples/paper/Loss.java")),
                result.deleted());
        assertEquals(List.of(".chainrule-manifest", "examples/ridge/Ridge.java"), outputFiles());
        assertFalse(Files.exists(out.resolve("examples/paper")), "the empty package folder goes too");
        assertEquals(Map.of("ridge.calc", List.of("examples/ridge/Ridge.java")), IncrementalGenerator.recorded(out));
    }

    @Test
    void aFunctionRemovedFromAFileLosesItsClass() throws IOException {
        Path paper = write("paper.calc", PAPER);
        run();
        Files.writeString(paper, PAPER.substring(0, PAPER.indexOf("function loss")));
        Files.setLastModifiedTime(paper, FileTime.fromMillis(now));
        IncrementalGenerator.Result result = run();
        assertEquals(List.of(out.resolve("examples/paper/Loss.java")), result.deleted());
        assertEquals(List.of(".chainrule-manifest", "examples/paper/Activation.java"), outputFiles());
    }

    @Test
    void aFunctionMovedToAnotherFileKeepsItsClass() throws IOException {
        Path paper = write("paper.calc", PAPER);
        run();
        Files.delete(paper);
        write("activation.calc", PAPER.substring(0, PAPER.indexOf("function loss")));
        write("loss.calc", "package examples.paper;\n" + PAPER.substring(PAPER.indexOf("function loss")));
        IncrementalGenerator.Result result = run();
        assertEquals(List.of(), result.errors());
        assertEquals(List.of(), result.deleted());
        assertEquals(List.of(".chainrule-manifest", "examples/paper/Activation.java", "examples/paper/Loss.java"),
                outputFiles());
    }

    @Test
    void filesThePluginDidNotWriteAreNeverTouched() throws IOException {
        Path mine = out.resolve("examples/paper/Helper.java");
        Files.createDirectories(mine.getParent());
        Files.writeString(mine, "package examples.paper;\nclass Helper {}\n");
        Path notes = out.resolve("notes.txt");
        Files.writeString(notes, "mine");
        Path paper = write("paper.calc", PAPER);
        run();
        Files.delete(paper);
        run();
        assertEquals(List.of("examples/paper/Helper.java", "notes.txt"), outputFiles());
        assertEquals("package examples.paper;\nclass Helper {}\n", Files.readString(mine));

        // A hand-written file where a class would go is an error, and stays as it was.
        Path loss = out.resolve("examples/paper/Loss.java");
        Files.writeString(loss, "package examples.paper;\npublic class Loss {}\n");
        write("paper.calc", PAPER);
        IncrementalGenerator.Result clash = run();
        assertEquals(1, clash.errors().size());
        Diagnostic error = clash.errors().get(0);
        assertEquals(src.resolve("paper.calc").toAbsolutePath() + ":7:10: would overwrite " + loss
                + ", which chainrule did not generate: move that file, or set the plugin's outputDirectory to a folder "
                + "of its own", error.headline());
        assertEquals("package examples.paper;\npublic class Loss {}\n", Files.readString(loss));
        assertEquals(List.of(), clash.written(), "a file with an error writes nothing");
    }

    @Test
    void aGeneratedFileWhoseRecordWasLostIsStillReplaced() throws IOException {
        write("paper.calc", PAPER);
        run();
        Files.delete(out.resolve(Manifest.FILE_NAME));
        IncrementalGenerator.Result result = run();
        assertEquals(List.of(), result.errors());
        assertEquals(2, result.written().size());
    }

    @Test
    void everyErrorOfEveryFileIsReportedWithItsPlace() throws IOException {
        write("good.calc", RIDGE);
        Path shapes = write("bad/shapes.calc", """
                package bad;

                function f(A: matrix[m, n], x: vector[m]) =
                    sum(A*x)
                    gradient wrt x;

                function g(x: vector[n], y: vector[k]) =
                    sum(x + y)
                    gradient wrt x;
                """);
        Path syntax = write("bad/syntax.calc", """
                function h(x: vector[n]) =
                    sum(x .* )
                    gradient wrt x;
                """);
        IncrementalGenerator.Result result = run();
        List<String> headlines = result.errors().stream().map(Diagnostic::headline).toList();
        String shapesPath = shapes.toAbsolutePath().toString();
        String syntaxPath = syntax.toAbsolutePath().toString();
        assertEquals(3, headlines.size(), String.join("\n", headlines));
        assertTrue(headlines.get(0).startsWith(shapesPath + ":4:10: cannot multiply"), headlines.get(0));
        assertTrue(headlines.get(1).startsWith(shapesPath + ":8:11: cannot add"), headlines.get(1));
        assertTrue(headlines.get(2).startsWith(syntaxPath + ":2:14: unexpected ')'"), headlines.get(2));
        assertEquals(2, result.failedFiles());
        // The good file is generated all the same; the bad ones are tried again next time.
        assertEquals(List.of(out.resolve("examples/ridge/Ridge.java")), result.written());
        IncrementalGenerator.Result again = run();
        assertEquals(3, again.errors().size());
        assertEquals(1, again.upToDate());
    }

    @Test
    void aFileWithErrorsKeepsItsPreviousClassesUntilItIsFixed() throws IOException {
        Path paper = write("paper.calc", PAPER);
        run();
        Files.writeString(paper, PAPER.replace("X*w + b", "X*w + w + b"));
        Files.setLastModifiedTime(paper, FileTime.fromMillis(now));
        IncrementalGenerator.Result broken = run();
        assertEquals(1, broken.errors().size());
        assertEquals(List.of(), broken.deleted());
        assertEquals(List.of(".chainrule-manifest", "examples/paper/Activation.java", "examples/paper/Loss.java"),
                outputFiles());

        Files.writeString(paper, PAPER.replace("function activation", "function neuron"));
        Files.setLastModifiedTime(paper, FileTime.fromMillis(now));
        IncrementalGenerator.Result fixed = run();
        assertEquals(List.of(), fixed.errors());
        assertEquals(List.of(out.resolve("examples/paper/Activation.java")), fixed.deleted());
        assertEquals(List.of(".chainrule-manifest", "examples/paper/Loss.java", "examples/paper/Neuron.java"),
                outputFiles());
    }

    @Test
    void twoFilesCannotGenerateTheSameClass() throws IOException {
        write("a.calc", RIDGE);
        write("b.calc", RIDGE);
        IncrementalGenerator.Result result = run();
        assertEquals(1, result.errors().size());
        assertEquals(src.resolve("b.calc").toAbsolutePath() + ":3:10: generates examples/ridge/Ridge.java, which a.calc "
                + "generates too: rename one of the functions, or give the files different packages",
                result.errors().get(0).headline());
    }

    @Test
    void namesJavaCannotTakeAreErrorsAtTheirPlaceOnceEach() throws IOException {
        Path names = write("names.calc", """
                package fz.goto;

                function math(a: scalar) = exp(a);

                function f(a: scalar) = a;
                """);
        IncrementalGenerator.Result result = run();
        String path = names.toAbsolutePath().toString();
        assertEquals(List.of(path + ":1:12: 'goto' is reserved in Java, so it cannot be part of a package name",
                path + ":3:10: function 'math' would be the class Math, which hides java.lang.Math from the classes of "
                        + "its package: rename the function"),
                result.errors().stream().map(Diagnostic::headline).toList());
        assertEquals(List.of(), outputFiles());
    }

    @Test
    void noSourceFolderMeansNothingToDo() throws IOException {
        Files.delete(src);
        IncrementalGenerator.Result result = run();
        assertEquals(0, result.calcFiles());
        assertEquals(List.of(), outputFiles());
    }

    @Test
    void textThatIsNotUtf8IsAnError() throws IOException {
        Path file = src.resolve("latin1.calc");
        Files.write(file, new byte[] {'f', 'u', 'n', (byte) 0xE9});
        IncrementalGenerator.Result result = run();
        assertEquals(file.toAbsolutePath() + ":1:1: not valid UTF-8 text: .calc files are read as UTF-8",
                result.errors().get(0).headline());
    }
}

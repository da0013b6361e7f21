package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {
    static final String GOOD = """
            package demo;
            // A quadratic form and the paper's neuron.
            function quad(x: vector[n], A: matrix[n,n]) = x'*A*x gradient wrt x;
            function neuron(w: vector[n], b: scalar, x: vector[n]) = max(0, w . x + b) gradient wrt w, b;
            """;

    static final String BAD = """
            function f(x: vector[n], y: vector[m]) = x + y;
            function g(a: scalar) = sinn(a);
            """;

    @TempDir
    Path dir;

    private String file(String name, String text) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, text, StandardCharsets.UTF_8);
        return path.toString();
    }

    private static String badDiagnostics(String file) {
        return file + """
                :1:44: cannot add vector[n] and vector[m]: n ≠ m
                    function f(x: vector[n], y: vector[m]) = x + y;
                                                               ^
                """ + file + """
                :2:25: unknown function 'sinn': did you mean 'sin'?
                    function g(a: scalar) = sinn(a);
                                            ^~~~
                """;
    }

    // ---- check ----------------------------------------------------------------------------------

    @Test
    void checkReportsAGoodFile() throws IOException {
        String good = file("good.calc", GOOD);
        CliRun run = CliRun.run("check", good);
        assertEquals(new CliRun(0, good + ": 2 functions OK\n", ""), run);
    }

    @Test
    void checkCountsOneFunctionInTheSingular() throws IOException {
        String one = file("one.calc", "function f(x: vector[n]) = sum(x);");
        assertEquals(new CliRun(0, one + ": 1 function OK\n", ""), CliRun.run("check", one));
    }

    @Test
    void checkReportsEveryDiagnosticWithItsCaret() throws IOException {
        String bad = file("bad.calc", BAD);
        CliRun run = CliRun.run("check", bad);
        assertEquals(new CliRun(2, "", badDiagnostics(bad)), run);
    }

    @Test
    void checkReportsASyntaxError() throws IOException {
        String bad = file("syntax.calc", "function f(x: vector[n]) =\n    x + * x;\n");
        CliRun run = CliRun.run("check", bad);
        assertEquals(2, run.status(), run::toString);
        assertEquals("", run.out());
        assertEquals(bad + ":2:9: unexpected '*', expected an expression\n"
                + "        x + * x;\n"
                + "            ^\n", run.err());
    }

    @Test
    void checkGoesOnThroughAllFilesAndFailsIfAnyFails() throws IOException {
        String good = file("good.calc", GOOD);
        String bad = file("bad.calc", BAD);
        String missing = dir.resolve("missing.calc").toString();
        CliRun run = CliRun.run("check", bad, missing, good);
        assertEquals(new CliRun(2, good + ": 2 functions OK\n",
                badDiagnostics(bad) + "chainrule: cannot read " + missing + ": no such file\n"), run);
    }

    @Test
    void checkOfAMissingFile() {
        CliRun run = CliRun.run("check", "foo.calc");
        assertEquals(new CliRun(2, "", "chainrule: cannot read foo.calc: no such file\n"), run);
    }

    @Test
    void checkOfADirectory() {
        CliRun run = CliRun.run("check", dir.toString());
        assertEquals(new CliRun(2, "", "chainrule: cannot read " + dir + ": is a directory\n"), run);
    }

    @Test
    void checkWithoutFilesIsAUsageError() {
        CliRun run = CliRun.run("check");
        assertEquals(2, run.status());
        assertEquals("chainrule: Missing required parameter: 'FILE'\n"
                + "Try 'chainrule check --help' for more information.\n", run.err());
    }

    // ---- options and diagnostics of the derivative commands -------------------------------------

    @Test
    void unknownFunctionIsADiagnosticWithACaret() {
        CliRun run = CliRun.run("grad", "2 * sinn(x)", "--wrt", "x");
        assertEquals(new CliRun(2, "", """
                <expr>:1:5: unknown function 'sinn': did you mean 'sin'?
                    2 * sinn(x)
                        ^~~~
                """), run);
    }

    @Test
    void syntaxErrorInAnExpression() {
        CliRun run = CliRun.run("grad", "x'*A*", "--wrt", "x");
        assertEquals(2, run.status(), run::toString);
        assertTrue(run.err().startsWith("<expr>:1:6: unexpected end of input"), run::toString);
        assertTrue(run.err().endsWith("\n    x'*A*\n         ^\n"), run::toString);
    }

    @Test
    void declaredShapesAreUsed() {
        // With these declarations A*x no longer fits: the message names the declared shapes.
        CliRun run = CliRun.run("grad", "x'*A*x", "--wrt", "x", "--var", "x:vector[3]", "--var", "A: matrix[4, 3]");
        assertEquals(2, run.status(), run::toString);
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("<expr>:1:"), run::toString);
        assertTrue(run.err().contains("4") && run.err().contains("3"), run::toString);
    }

    @Test
    void declarationsParse() {
        var declared = Declarations.parse(java.util.List.of("x:vector[n]", "A: matrix[m, n]", "c:scalar",
                "y:vector[3]", "S:symmetric[n]"));
        assertEquals("{x=vector[n], A=matrix[m,n], c=scalar, y=vector[3], S=matrix[n,n]}", declared.shapes().toString());
        assertEquals(java.util.Set.of("S"), declared.symmetric());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "x|invalid --var 'x': expected NAME:TYPE with TYPE scalar, vector[n], matrix[m,n] or symmetric[n], as in x:vector[n]",
        "2x:scalar|invalid --var '2x:scalar': '2x' is not a variable name",
        ":scalar|invalid --var ':scalar': '' is not a variable name",
        "x:vectr[n]|invalid --var 'x:vectr[n]': unknown type 'vectr': expected scalar, vector[n], matrix[m,n] or symmetric[n]",
    })
    void badVarIsOneClearMessage(String caseText) {
        String[] parts = caseText.split("\\|");
        CliRun run = CliRun.run("grad", "x'*x", "--wrt", "x", "--var", parts[0]);
        assertEquals(new CliRun(2, "", "chainrule: " + parts[1] + "\n"), run);
    }

    /** The reason comes from the type parser; the CLI adds which option and what a TYPE is. */
    @ParameterizedTest
    @ValueSource(strings = {"x:vector", "x:vector[0]", "x:vector[n", "A:matrix[n]", "x:scalar[2]", "x:"})
    void badTypeInVarIsOneLineNamingTheOption(String spec) {
        CliRun run = CliRun.run("grad", "x'*x", "--wrt", "x", "--var", spec);
        assertEquals(2, run.status(), run::toString);
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("chainrule: invalid --var '" + spec + "': "), run::toString);
        assertTrue(run.err().contains("vector[n]"), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
    }

    @Test
    void varDeclaredTwice() {
        CliRun run = CliRun.run("grad", "x'*x", "--wrt", "x", "--var", "x:vector[n]", "--var", "x:vector[m]");
        assertEquals(new CliRun(2, "", "chainrule: --var declares 'x' twice\n"), run);
    }

    @Test
    void wrtVariableNotInTheExpression() {
        CliRun run = CliRun.run("grad", "x'*A*x", "--wrt", "z");
        assertEquals(new CliRun(2, "", "chainrule: cannot differentiate with respect to 'z': it does not appear in "
                + "the expression (its variables: x, A)\n"), run);
    }

    @Test
    void gradientOfAVectorExpressionMarksTheWholeExpression() {
        CliRun run = CliRun.run("grad", "A*x", "--wrt", "x");
        assertEquals(2, run.status(), run::toString);
        assertTrue(run.err().matches("<expr>:1:1: the gradient needs a scalar expression, but this is vector\\[\\w+\\]: "
                + "use 'chainrule jacobian' for a vector expression\n    A\\*x\n    \\^~~\n"), run::toString);
    }

    @Test
    void hessianWithRespectToAMatrixIsFlattened() {
        CliRun run = CliRun.run("hessian", "tr(X'*X)", "--wrt", "X");
        assertEquals(0, run.status(), run::toString);
        assertTrue(run.out().endsWith("∂²f/∂X² = 2I\n"), run::toString);
    }

    @Test
    void missingWrtIsAUsageError() {
        CliRun run = CliRun.run("grad", "x'*x");
        assertEquals(2, run.status());
        assertEquals("chainrule: Missing required option: '--wrt=NAME'\n"
                + "Try 'chainrule grad --help' for more information.\n", run.err());
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.run("grad", "x'*x", "--wrt", "x", "--frobnicate");
        assertEquals(new CliRun(2, "", "chainrule: Unknown option: '--frobnicate'\n"
                + "Try 'chainrule grad --help' for more information.\n"), run);
    }

    @Test
    void mistypedOptionIsUnknownWhereverItStands() {
        String expected = "chainrule: Unknown option: '--fromat'\nTry 'chainrule grad --help' for more information.\n";
        assertEquals(new CliRun(2, "", expected), CliRun.run("grad", "--fromat", "json", "x'*x", "--wrt", "x"));
        assertEquals(new CliRun(2, "", expected), CliRun.run("grad", "--wrt", "x", "--fromat=json"));
        assertEquals(new CliRun(2, "", "chainrule: Unknown option: '--frob'\n"
                + "Try 'chainrule check --help' for more information.\n"), CliRun.run("check", "a.calc", "--frob"));
    }

    @Test
    void unquotedExpressionGetsAHint() {
        CliRun run = CliRun.run("grad", "x'", "*", "x", "--wrt", "x");
        assertEquals(new CliRun(2, "", "chainrule: Unexpected argument: '*' (the expression is one argument: quote it, "
                + "as in \"x' * A * x\")\nTry 'chainrule grad --help' for more information.\n"), run);
    }

    @Test
    void expressionMayStartWithAMinus() {
        // Taken as the expression, not as an option: the error is about the expression's shape.
        CliRun run = CliRun.run("grad", "-x", "--wrt", "x");
        assertEquals(2, run.status(), run::toString);
        assertTrue(run.err().startsWith("<expr>:1:1: the gradient needs a scalar expression"), run::toString);
    }

    @Test
    void badFormatIsAUsageError() {
        CliRun run = CliRun.run("grad", "x'*x", "--wrt", "x", "--format", "pdf");
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("chainrule: Invalid value for option '--format': expected one of "
                + "[text, latex, ascii, json]"), run::toString);
    }

    @Test
    void unknownCommandAndNoCommand() {
        assertEquals(new CliRun(2, "", """
                chainrule: Unknown command: 'differentiate'
                Try 'chainrule --help' for more information.
                """), CliRun.run("differentiate", "x"));
        assertEquals(new CliRun(2, "", """
                chainrule: missing COMMAND: one of check, grad, jacobian, hessian, hvp, explain, eval, generate, serve
                Try 'chainrule --help' for more information.
                """), CliRun.run());
    }

    @Test
    void generateWritesOneClassPerFunctionUnderItsPackage() throws IOException {
        String good = file("good.calc", GOOD);
        CliRun run = CliRun.run("generate", good, "--out", dir.resolve("out").toString());
        assertEquals(0, run.status(), run::toString);
        try (java.util.stream.Stream<java.nio.file.Path> files = Files.walk(dir.resolve("out"))) {
            List<java.nio.file.Path> classes = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertFalse(classes.isEmpty(), run::toString);
            for (java.nio.file.Path c : classes) {
                assertTrue(run.out().contains("wrote " + c), run::toString);
                assertTrue(Files.readString(c).startsWith("// Generated by chainrule from good.calc."), c::toString);
            }
        }
    }

    @Test
    void generateWritesNothingWhenAFileHasErrors() throws IOException {
        String good = file("good.calc", GOOD);
        String bad = file("bad.calc", "function f(x: vector[n]) = x * x;");
        CliRun run = CliRun.run("generate", good, bad, "--out", dir.resolve("out").toString());
        assertEquals(2, run.status(), run::toString);
        assertTrue(run.err().contains("bad.calc:1:30: cannot multiply vector[n] by vector[n]"), run::toString);
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void generateIntoAFileIsRefusedAndTheFileIsKept() throws IOException {
        String calc = file("t.calc", "function f(a: scalar) = a * a;");
        CliRun run = CliRun.run("generate", calc, "--out", calc);
        assertEquals(new CliRun(2, "", "chainrule: --out " + calc + " is a file, not a directory: give the source "
                + "root to write the classes into\n"), run);
        assertEquals("function f(a: scalar) = a * a;", Files.readString(Path.of(calc)));
    }

    @Test
    void generateMakesTheOutputDirectoryEvenForAFileWithoutAPackage() throws IOException {
        String calc = file("t.calc", "function f(a: scalar) = a * a;");
        Path out = dir.resolve("not").resolve("yet");
        CliRun run = CliRun.run("generate", calc, "--out", out.toString());
        assertEquals(new CliRun(0, "wrote " + out.resolve("F.java") + "\n", ""), run);
        assertTrue(Files.readString(out.resolve("F.java")).contains("public final class F {"));
    }

    @Test
    void generateWithPrecisionFloatWritesFloatClassesUnlessTheFileSaysOtherwise() throws IOException {
        String plain = file("plain.calc", "function f(x: vector[n]) = sum(exp(x)) gradient wrt x;");
        String declared = file("declared.calc", "precision double;\nfunction g(x: vector[n]) = sum(x) gradient wrt x;");
        Path out = dir.resolve("out");
        CliRun run = CliRun.run("generate", plain, declared, "--out", out.toString(), "--precision", "float");
        assertEquals(0, run.status(), run::toString);
        assertTrue(Files.readString(out.resolve("F.java")).contains("public float valueAndGradient(float[] x, float[] gradX)"));
        assertTrue(Files.readString(out.resolve("G.java")).contains("public double valueAndGradient(double[] x, double[] gradX)"));
    }

    @Test
    void generateWithAnUnknownPrecisionIsAUserError() throws IOException {
        String calc = file("t.calc", "function f(a: scalar) = a * a;");
        assertEquals(new CliRun(2, "", "chainrule: --precision half is not a precision: expected double or float\n"),
                CliRun.run("generate", calc, "--out", dir.resolve("out").toString(), "--precision", "half"));
        String declared = file("half.calc", "precision half;\nfunction f(a: scalar) = a * a;");
        CliRun run = CliRun.run("generate", declared, "--out", dir.resolve("out").toString());
        assertEquals(2, run.status(), run::toString);
        assertTrue(run.err().contains("half.calc:1:11: unknown precision 'half', expected 'double' or 'float'\n"
                + "    precision half;\n              ^~~~"), run::toString);
    }

    @Test
    void checkAndGenerateReportNamesThatCannotBeJavaNamesAndWriteNothing() throws IOException {
        String calc = file("names.calc", "package fz.goto;\nfunction math(a: scalar) = exp(a);\n");
        String expected = calc + """
                :1:12: 'goto' is reserved in Java, so it cannot be part of a package name
                    package fz.goto;
                               ^~~~
                """ + calc + """
                :2:10: function 'math' would be the class Math, which hides java.lang.Math from the classes of its \
                package: rename the function
                    function math(a: scalar) = exp(a);
                             ^~~~
                """;
        assertEquals(new CliRun(2, "", expected), CliRun.run("check", calc));
        assertEquals(new CliRun(2, "", expected), CliRun.run("generate", calc, "--out", dir.resolve("out").toString()));
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void generateRefusesTwoFilesThatMakeOneClass() throws IOException {
        String first = file("first.calc", "package p;\nfunction two_layer(a: scalar) = a;");
        String second = file("second.calc", "package p;\nfunction twoLayer(a: scalar) = a;");
        CliRun run = CliRun.run("generate", first, second, first, "--out", dir.resolve("out").toString());
        assertEquals(new CliRun(2, "", "chainrule: " + first + " and " + second + " both make the class p.TwoLayer: "
                + "rename one of the functions, or give the files different packages\n"), run);
        assertFalse(Files.exists(dir.resolve("out")));
        assertEquals(0, CliRun.run("generate", first, first, "--out", dir.resolve("out").toString()).status(),
                "a file named twice is generated once");
    }

    // ---- help, version, internal errors ----------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", "check", "grad", "jacobian", "hessian", "eval", "generate"})
    void everyCommandHasHelp(String command) {
        String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
        CliRun run = CliRun.run(args);
        assertEquals(0, run.status(), run::toString);
        assertEquals("", run.err());
        assertTrue(run.out().contains("Usage: chainrule" + (command.isEmpty() ? "" : " " + command)), run::toString);
    }

    @Test
    void helpListsTheCommands() {
        String out = CliRun.run("--help").out();
        for (String command : new String[] {"check", "grad", "jacobian", "hessian", "eval", "generate"}) {
            assertTrue(out.contains("\n  " + command + " "), () -> command + " missing from\n" + out);
        }
        assertTrue(out.contains("Exit status: 0 success, 2 bad input or usage, 1 internal error"), out);
    }

    @Test
    void versionIsTheProjectVersion() {
        CliRun run = CliRun.run("--version");
        assertEquals(0, run.status());
        assertTrue(run.out().matches("chainrule \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), run::toString);
        assertEquals(run.out(), CliRun.run("grad", "--version").out());
    }

    @Test
    void internalErrorAsksForAReportAndHidesTheStackTrace() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status = Main.report(new IllegalStateException("boom"), new Io(stream, stream, false));
        String text = err.toString(StandardCharsets.UTF_8);
        assertAll(
                () -> assertEquals(1, status),
                () -> assertTrue(text.startsWith("chainrule: internal error: java.lang.IllegalStateException: boom\n"),
                        text),
                () -> assertTrue(text.contains("Please report it"), text),
                () -> assertFalse(text.contains("\tat "), text));

        ByteArrayOutputStream debugErr = new ByteArrayOutputStream();
        PrintStream debugStream = new PrintStream(debugErr, true, StandardCharsets.UTF_8);
        Main.report(new IllegalStateException("boom"), new Io(debugStream, debugStream, true));
        assertTrue(debugErr.toString(StandardCharsets.UTF_8).contains("\tat "), "CHAINRULE_DEBUG shows the trace");
    }

    // ---- deep nesting ------------------------------------------------------------------------------

    @Test
    void tenThousandParenthesesInAFile() throws IOException {
        String deep = file("deep.calc", "function f(x: vector[n]) = sum(" + "(".repeat(10_000) + "x"
                + ")".repeat(10_000) + ");\n");
        CliRun run = CliRun.run("check", deep);
        assertEquals(new CliRun(0, deep + ": 1 function OK\n", ""), run);
    }

    @Test
    void tenThousandUnclosedParenthesesAreADiagnostic() {
        CliRun run = CliRun.run("grad", "(".repeat(10_000) + "x'*x", "--wrt", "x");
        assertEquals(2, run.status(), run::toString);
        assertTrue(run.err().startsWith("<expr>:1:10005: unexpected end of input"), run::toString);
    }

    @Test
    void anArgumentStartingWithAnAtSignIsAnArgumentNotAFileToRead() {
        // Found by CliFuzzTest: picocli read @PATH as a file of arguments, and threw on a directory.
        CliRun run = CliRun.run("hessian", "@/", "--wrt", "x");
        assertEquals(2, run.status(), run::toString);
        assertTrue(run.err().startsWith("<expr>:1:1:"), run::toString);
    }

    @Test
    void aWrtOfNoNamesIsAUserError() {
        // Found by CliFuzzTest: --wrt , split into no names, and the first was read anyway.
        CliRun run = CliRun.run("hessian", "log(sum(exp(x)))", "--wrt", ",");
        assertEquals(2, run.status(), run::toString);
        assertEquals("chainrule: --wrt needs a variable name, as in --wrt x\n", run.err().replace("\r\n", "\n"), run::toString);
    }

    @Test
    void aNonScalarResultNotesTheNameWhoseFirstLetterMadeItAVector() {
        // lambda is a vector by its first letter; as a number the L2 penalty makes f a scalar.
        CliRun run = CliRun.run("grad", "sum(softplus(-y .* (X*w))) / N + lambda * norm2(w)^2", "--wrt", "w",
                "--var", "N:scalar");
        assertEquals(2, run.status(), run::toString);
        String err = run.err().replace("\r\n", "\n");
        assertTrue(err.contains("<expr>:1:34: note: lambda is undeclared, so a vector by its first letter"), err);
        assertTrue(err.contains("if it is a number, declare it with --var lambda:scalar\n"), err);
        assertFalse(err.contains("y is undeclared"), "declaring y a scalar does not make f a scalar: no note");
        CliRun fixed = CliRun.run("grad", "sum(softplus(-y .* (X*w))) / N + lambda * norm2(w)^2", "--wrt", "w",
                "--var", "N:scalar", "--var", "lambda:scalar");
        assertEquals(0, fixed.status(), fixed::toString);
    }
}

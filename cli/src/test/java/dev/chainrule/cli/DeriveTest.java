package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The output of grad, jacobian and hessian. The printed form of an expression belongs to the
 * printer and the simplifier, so these tests check the structure of the output, and check the
 * derivatives themselves by evaluating their ascii form (which parses back) against hand results.
 */
class DeriveTest {

    private static List<String> lines(CliRun run) {
        assertEquals(0, run.status(), run::toString);
        assertEquals("", run.err());
        return run.out().lines().toList();
    }

    /** The expression after "label = " on a line. */
    private static String rhs(String line, String label) {
        assertTrue(line.startsWith(label + " = "), () -> "expected '" + label + " = ...', got: " + line);
        return line.substring(label.length() + 3);
    }

    private static Object eval(String expression, String... at) {
        List<String> args = new ArrayList<>(List.of("eval", expression));
        for (String value : at) {
            args.add("--at");
            args.add(value);
        }
        CliRun run = CliRun.run(args.toArray(String[]::new));
        assertEquals(0, run.status(), () -> "evaluating " + expression + ": " + run);
        return ((Map<?, ?>) MiniJson.parse(run.out())).get("value");
    }

    @Test
    void gradientInText() {
        List<String> lines = lines(CliRun.run("grad", "x'*A*x", "--wrt", "x"));
        assertEquals(3, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("f = "), lines::toString);
        assertTrue(lines.get(0).matches(".*  with x: vector\\[(\\w+)\\], A: matrix\\[\\1,\\1\\]"), lines::toString);
        assertEquals("Gradient in the shape of x:", lines.get(1));
        rhs(lines.get(2), "∂f/∂x");
    }

    @Test
    void gradientInAsciiParsesBackAndIsRight() {
        List<String> lines = lines(CliRun.run("grad", "x'*A*x", "--wrt", "x", "--format", "ascii"));
        assertEquals(3, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("// f = "), lines::toString);
        assertEquals("// Gradient in the shape of x", lines.get(1));
        // (A + A')x at x = (1, 2), A = [1 2; 3 4] is [2 5; 5 8](1, 2) = (12, 21).
        assertEquals(List.of(12.0, 21.0), eval(rhs(lines.get(2), "df/dx"), "x=[1,2]", "A=[[1,2],[3,4]]"));
    }

    @Test
    void severalVariablesOneLineEach() {
        List<String> lines = lines(CliRun.run("grad", "w . x + b", "--wrt", "w,b"));
        assertEquals(4, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("f = "), lines::toString);
        assertEquals("Gradients, each in the shape of its variable:", lines.get(1));
        rhs(lines.get(2), "∂f/∂w");
        rhs(lines.get(3), "∂f/∂b");
    }

    @Test
    void severalVariablesInAscii() {
        List<String> lines = lines(CliRun.run("grad", "w . x + b", "--wrt", "w", "--wrt", "b", "--format", "ascii"));
        assertEquals(List.of(4.0, 5.0), eval(rhs(lines.get(2), "df/dw"), "x=[4,5]"));
        assertEquals(1.0, eval(rhs(lines.get(3), "df/db")));
    }

    @Test
    void gradientInJsonIsOneObjectKeyedByVariable() {
        CliRun run = CliRun.run("grad", "w . x + b", "--wrt", "w,b", "--format", "json");
        assertEquals(0, run.status(), run::toString);
        assertEquals(1, run.out().lines().count(), run::toString);
        Map<?, ?> result = (Map<?, ?>) MiniJson.parse(run.out());
        assertEquals(List.of("w", "b"), List.copyOf(result.keySet()));
    }

    @Test
    void gradientInLatex() {
        List<String> lines = lines(CliRun.run("grad", "x'*A*x", "--wrt", "x", "--format", "latex"));
        assertEquals(3, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("% f = "), lines::toString);
        assertEquals("% Gradient in the shape of x", lines.get(1));
        assertTrue(lines.get(2).startsWith("\\frac{\\partial f}{\\partial x} = "), lines::toString);
    }

    @Test
    void gradientWithDeclaredShapes() {
        List<String> lines = lines(CliRun.run("grad", "x'*A*x", "--wrt", "x", "--var", "x:vector[3]",
                "--var", "A:matrix[3,3]"));
        assertTrue(lines.get(0).endsWith("  with x: vector[3], A: matrix[3,3]"), lines::toString);
    }

    @Test
    void jacobianStatesNumeratorLayout() {
        List<String> lines = lines(CliRun.run("jacobian", "A*x", "--wrt", "x", "--var", "A:matrix[m,n]"));
        assertEquals(3, lines.size(), lines::toString);
        assertEquals("Jacobian in numerator layout (m × n: a row per entry of f, a column per entry of x):",
                lines.get(1));
        rhs(lines.get(2), "∂f/∂x");
    }

    @Test
    void jacobianIsRight() {
        List<String> lines = lines(CliRun.run("jacobian", "A*x", "--wrt", "x", "--format", "ascii"));
        assertEquals(List.of(List.of(1.0, 2.0), List.of(3.0, 4.0), List.of(5.0, 6.0)),
                eval(rhs(lines.get(2), "df/dx"), "A=[[1,2],[3,4],[5,6]]"));
    }

    @Test
    void jacobianOfAMatrixExpressionIsFlattenedInKroneckerForm() {
        // vec(XB) = (I ⊗ Bᵀ) vec(X), with vec reading row by row.
        List<String> lines = lines(CliRun.run("jacobian", "X*B", "--wrt", "X", "--var", "X:matrix[m,n]",
                "--var", "B:matrix[n,p]"));
        assertEquals(List.of("f = XB  with X: matrix[m,n], B: matrix[n,p]",
                "Jacobian in numerator layout, flattened (m*p × m*n: ∂fᵢⱼ/∂Xₖₗ in row i·p + j, column k·n + l; "
                        + "matrices read row by row):",
                "∂f/∂X = I ⊗ Bᵀ"), lines);
    }

    @Test
    void aVectorOfFunctionsHasTheStackOfTheirDerivatives() {
        // The paper's y = [x², sin(3x)] of a scalar x.
        List<String> lines = lines(CliRun.run("jacobian", "[x^2, sin(3*x)]", "--var", "x:scalar", "--wrt", "x"));
        assertEquals("∂f/∂x = [2x; 3 cos(3x)]", lines.get(2));
    }

    @Test
    void hessianIsRight() {
        List<String> lines = lines(CliRun.run("hessian", "x'*A*x", "--wrt", "x", "--format", "ascii"));
        assertEquals(3, lines.size(), lines::toString);
        assertTrue(lines.get(1).startsWith("// Hessian ("), lines::toString);
        // A + A' for A = [1 2; 3 4].
        assertEquals(List.of(List.of(2.0, 5.0), List.of(5.0, 8.0)),
                eval(rhs(lines.get(2), "d2f/dx2"), "A=[[1,2],[3,4]]"));
    }

    @Test
    void hessianInTextStatesItsLayout() {
        List<String> lines = lines(CliRun.run("hessian", "x'*A*x", "--wrt", "x", "--var", "x:vector[n]"));
        assertEquals("Hessian (n × n: ∂²f/∂xᵢ∂xⱼ in row i, column j):", lines.get(1));
        rhs(lines.get(2), "∂²f/∂x²");
    }

    @Test
    void hessianBlocks() {
        CliRun run = CliRun.run("hessian", "x'*A*y", "--wrt", "x,y", "--format", "json");
        assertEquals(0, run.status(), run::toString);
        assertEquals(List.of("x", "x,y", "y"), List.copyOf(((Map<?, ?>) MiniJson.parse(run.out())).keySet()));

        List<String> lines = lines(CliRun.run("hessian", "x'*A*y", "--wrt", "x,y", "--format", "ascii"));
        assertEquals(5, lines.size(), lines::toString);
        // ∂²(xᵀAy)/∂x∂y = ∂(Ay)/∂y = A.
        assertEquals(List.of(List.of(1.0, 2.0), List.of(3.0, 4.0)),
                eval(rhs(lines.get(3), "d2f/dxdy"), "A=[[1,2],[3,4]]"));
    }

    /** A chain of layers: sum(tanh(W tanh(W … tanh(W x)))). */
    private static String chain(int layers) {
        return "sum(" + "tanh(W*".repeat(layers) + "x" + ")".repeat(layers) + ")";
    }

    @Test
    void theGradientOfAThousandLayerChainNamesEachLayerOnce() {
        List<String> lines = lines(CliRun.run("grad", chain(1000), "--wrt", "x", "--var", "W:matrix[n,n]"));
        String gradient = rhs(lines.get(2), "∂f/∂x");
        assertTrue(gradient.contains(", where t1 = tanh(Wx), t2 = tanh(W t1), t3 = tanh(W t2)"),
                gradient.substring(0, 200));
        // Linear in the depth: a few dozen characters a layer, where the tree would be quadratic.
        assertTrue(gradient.length() < 60 * 1000, "length " + gradient.length());
    }

    @Test
    void theCompactAsciiFormOfADeepGradientEvaluatesToTheGradient() {
        String expression = chain(60);
        String[] at = {"W=[[0.5,-0.3],[0.2,0.4]]", "x=[0.7,-1.1]"};
        List<String> lines = lines(CliRun.run("grad", expression, "--wrt", "x", "--var", "W:matrix[2,2]",
                "--format", "ascii"));
        String printed = rhs(lines.get(2), "df/dx");
        assertTrue(printed.contains(" where t1 = tanh(W*x), "), printed.substring(0, 200));
        CliRun reference = CliRun.run("eval", expression, "--wrt", "x", "--at", at[0], "--at", at[1]);
        assertEquals(0, reference.status(), reference::toString);
        Object expected = ((Map<?, ?>) ((Map<?, ?>) MiniJson.parse(reference.out())).get("gradient")).get("x");
        assertEquals(expected, eval(printed, at));
    }

    @Test
    void aWhereClauseInTheInputNamesThatPartInTheResultsToo() {
        List<String> lines = lines(CliRun.run("grad", "sum(r.^2) + norm2(r) where r = A*x - y", "--wrt", "A"));
        assertTrue(lines.get(0).startsWith("f = sum(r.^2) + ‖r‖, where r = Ax − y  with "), lines::toString);
        assertTrue(lines.get(2).endsWith(", where r = Ax − y"), lines::toString);
    }

    @Test
    void tenThousandParenthesesAroundTheFunction() {
        String expression = "(".repeat(10_000) + "x'*A*x" + ")".repeat(10_000);
        List<String> lines = lines(CliRun.run("grad", expression, "--wrt", "x"));
        rhs(lines.get(2), "∂f/∂x");
    }

    @Test
    void outputIsUtf8WhateverThePlatformDefault() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Dfile.encoding=ISO-8859-1", "-Dsun.stdout.encoding=ISO-8859-1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "grad", "x'*A*x", "--wrt", "x")
                .redirectErrorStream(true)
                .start();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(bytes);
        }
        assertEquals(0, process.waitFor(), () -> bytes.toString(StandardCharsets.UTF_8));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("\n∂f/∂x = "),
                () -> bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void userErrorInASeparateProcessExitsWithTwo() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "check", "no-such-file.calc")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, process.waitFor(), output);
        assertEquals("chainrule: cannot read no-such-file.calc: no such file\n", output);
    }
}

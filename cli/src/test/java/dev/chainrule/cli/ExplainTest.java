package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chainrule explain}: the derivation's structure in each notation, its end the very line
 * {@code grad} prints, .calc functions with their local names, and every mistake a user can make
 * answered with exit 2 and one message.
 */
class ExplainTest {
    private static final String PAPER = """
            function activation(w: vector[n], b: scalar, x: vector[n]) =
                z = w . x + b;
                max(0, z)
                gradient wrt w, b;

            function layer(W: matrix[m, n], x: vector[n]) = tanh(W*x) jacobian wrt x;
            """;

    @TempDir
    Path dir;

    private String paper() throws IOException {
        Path path = dir.resolve("paper.calc");
        Files.writeString(path, PAPER, StandardCharsets.UTF_8);
        return path.toString();
    }

    private static List<String> lines(CliRun run) {
        assertEquals(0, run.status(), run::toString);
        assertEquals("", run.err());
        return run.out().lines().toList();
    }

    private static List<String> section(List<String> lines, String heading) {
        int start = lines.indexOf(heading);
        assertTrue(start >= 0, () -> "no section " + heading + " in\n" + String.join("\n", lines));
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).isEmpty()) {
            end++;
        }
        return lines.subList(start + 1, end).stream().map(String::strip).toList();
    }

    @Test
    void explainsTheNeuronAndEndsWhereGradEnds() {
        List<String> lines = lines(CliRun.run("explain", "max(0, w . x + b)", "--wrt", "w"));
        List<String> grad = lines(CliRun.run("grad", "max(0, w . x + b)", "--wrt", "w"));
        assertEquals(grad.get(0), lines.get(0), "the function restated with its shapes");
        assertEquals("Gradient in the shape of w", lines.get(1));
        assertEquals(List.of("u1 = wᵀx          scalar", "u2 = u1 + b       scalar", "f  = max(0, u2)   scalar"),
                section(lines, "Intermediate variables"));
        assertEquals(3, section(lines, "Local derivatives").size());
        assertEquals(3, section(lines, "Chain rule, backwards from f").size());
        List<String> result = section(lines, "Result");
        assertEquals(1, result.size());
        assertEquals(grad.get(2) + "   vector[n]   as chainrule grad prints it", result.get(0));
    }

    @Test
    void whereNamesAndDeclaredShapesAreHonoured() {
        List<String> lines = lines(CliRun.run("explain", "sum(r .^ 2) where r = A*x - y", "--wrt", "x",
                "--var", "A:matrix[m,3]"));
        assertEquals("f = sum(r.^2), where r = Ax − y  with A: matrix[m,3], x: vector[3], y: vector[m]", lines.get(0));
        assertTrue(section(lines, "Intermediate variables").contains("r  = u1 − y    vector[m]"), lines::toString);
    }

    @Test
    void aVectorExpressionGetsItsJacobianAndAScalarOneItsHessianOnRequest() {
        List<String> jacobian = lines(CliRun.run("explain", "tanh(W*x)", "--wrt", "x"));
        assertTrue(jacobian.get(1).startsWith("Jacobian in numerator layout"), jacobian::toString);
        assertTrue(jacobian.contains("Chain rule, forwards from x"), jacobian::toString);
        assertEquals(List.of("∂f/∂x = diag(1 − tanh(Wx).^2) W   matrix[n,m]   as chainrule jacobian prints it"),
                section(jacobian, "Result"));

        List<String> hessian = lines(CliRun.run("explain", "x'*A*y", "--wrt", "x,y", "--derivative", "hessian"));
        // The blocks ∂²f/∂x², ∂²f/∂x∂y and ∂²f/∂y², as chainrule hessian prints them.
        assertEquals(3, hessian.stream().filter(l -> l.startsWith("Hessian")).count(), hessian::toString);
        assertTrue(hessian.stream().anyMatch(l -> l.strip().startsWith("∂²f/∂x∂y = A ")), hessian::toString);
    }

    @Test
    void jsonIsOneObjectPerDerivationWithEveryStep() {
        CliRun run = CliRun.run("explain", "max(0, w . x + b)", "--wrt", "w,b", "--format", "json");
        List<String> lines = lines(run);
        assertEquals(1, lines.size());
        Map<?, ?> derivation = (Map<?, ?>) MiniJson.parse(lines.get(0));
        assertEquals("gradient", derivation.get("kind"));
        assertEquals(List.of("w", "b"), derivation.get("wrt"));
        List<?> steps = (List<?>) derivation.get("steps");
        List<?> kinds = steps.stream().map(s -> ((Map<?, ?>) s).get("kind")).distinct().toList();
        assertEquals(List.of("define", "local", "chain", "substitute", "result"), kinds);
        Map<?, ?> dot = (Map<?, ?>) steps.stream().filter(s -> "dot product".equals(((Map<?, ?>) s).get("rule")))
                .findFirst().orElseThrow();
        assertEquals("4.4", dot.get("section"));
        assertEquals(Map.of("text", "∂u1/∂w = xᵀ", "latex", "\\frac{\\partial u_{1}}{\\partial w} = x^{\\top}"),
                dot.get("expression"));
        assertEquals("vector[n]'", dot.get("shape"));
        assertEquals(null, ((Map<?, ?>) steps.get(0)).get("rule"));

        CliRun two = CliRun.run("explain", "A*x", "--wrt", "A,x", "--format", "json");
        assertEquals(2, lines(two).size(), "a Jacobian per variable");
        lines(two).forEach(MiniJson::parse);
    }

    @Test
    void latexIsTheFunctionInACommentThenAnAlignEnvironment() {
        List<String> lines = lines(CliRun.run("explain", "sum(x .^ 2)", "--wrt", "x", "--format", "latex"));
        assertEquals("% f = \\operatorname{sum}(x^{\\circ 2})  with x: vector[n]", lines.get(0));
        assertEquals("% Gradient in the shape of x", lines.get(1));
        assertEquals("\\begin{align*}", lines.get(2));
        assertEquals("\\end{align*}", lines.get(lines.size() - 1));
    }

    @Test
    void explainsTheDerivativesAFunctionOfAFileAsksForByItsLocalNames() throws IOException {
        String file = paper();
        List<String> lines = lines(CliRun.run("explain", "--file", file, "--function", "activation"));
        assertEquals("activation = max(0, z), where z = wᵀx + b  with w: vector[n], b: scalar, x: vector[n]",
                lines.get(0));
        assertEquals("Gradients, each in the shape of its variable", lines.get(1));
        assertEquals(List.of("u1         = wᵀx         scalar", "z          = u1 + b      scalar",
                "activation = max(0, z)   scalar"), section(lines, "Intermediate variables"));
        assertEquals(2, section(lines, "Result").size());

        List<String> byX = lines(CliRun.run("explain", "--file", file, "--function", "activation", "--wrt", "x"));
        assertEquals("Gradient in the shape of x", byX.get(1));
        List<String> layer = lines(CliRun.run("explain", "--file", file, "--function", "layer"));
        assertTrue(layer.get(1).startsWith("Jacobian in numerator layout"), layer::toString);
    }

    @Test
    void mistakesAreUserErrors() throws IOException {
        String file = paper();
        assertError("chainrule: explain needs an expression, or --file FILE.calc\n", "explain");
        assertError("chainrule: explain takes an expression or --file, not both\n", "explain", "x", "--file", file);
        assertError("chainrule: explain needs --wrt with an expression: the variables to differentiate by, as in --wrt x\n",
                "explain", "sum(x)");
        assertError("chainrule: cannot differentiate with respect to 'y': it does not appear in the expression "
                + "(its variables: x)\n", "explain", "sum(x)", "--wrt", "y");
        assertError("""
                <expr>:1:1: the gradient needs a scalar expression, but this is vector[n]: use --derivative jacobian
                    A*x
                    ^~~
                """, "explain", "A*x", "--wrt", "x", "--derivative", "gradient");
        assertError("chainrule: " + file + " declares several functions: choose one with --function NAME "
                + "(activation, layer)\n", "explain", "--file", file);
        assertError("chainrule: no function 'neuron' in " + file + " (its functions: activation, layer)\n",
                "explain", "--file", file, "--function", "neuron");
        assertError("chainrule: --var declares a variable of an expression; a .calc file declares its own\n",
                "explain", "--file", file, "--var", "x:vector[3]");
        assertError("chainrule: cannot differentiate with respect to 'y': it is not a parameter of activation "
                + "(its parameters: w, b, x)\n", "explain", "--file", file, "--function", "activation", "--wrt", "y");
        assertError("chainrule: the Hessian needs a scalar function, but layer is vector[m]: use --derivative jacobian\n",
                "explain", "--file", file, "--function", "layer", "--wrt", "x", "--derivative", "hessian");
        assertError("chainrule: --function names a function of a --file; an expression is the function\n",
                "explain", "sum(x)", "--wrt", "x", "--function", "f");
        CliRun syntax = CliRun.run("explain", "max(0, w . x + b", "--wrt", "w");
        assertEquals(2, syntax.status(), syntax::toString);
        assertTrue(syntax.err().startsWith("<expr>:1:17: "), syntax::toString);
        CliRun typo = CliRun.run("explain", "sum(x)", "--wrt", "x", "--fromat", "json");
        assertEquals(2, typo.status());
        assertTrue(typo.err().startsWith("chainrule: Unknown option: '--fromat'"), typo::toString);
    }

    private static void assertError(String message, String... args) {
        CliRun run = CliRun.run(args);
        assertEquals(new CliRun(2, "", message), run);
    }
}

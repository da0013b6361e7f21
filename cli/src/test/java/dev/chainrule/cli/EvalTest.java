package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code chainrule eval} with the reference interpreter, checked against hand computations. */
class EvalTest {

    private static Map<?, ?> json(CliRun run) {
        assertEquals(0, run.status(), run::toString);
        assertEquals("", run.err());
        assertTrue(run.out().endsWith("}\n") && run.out().lines().count() == 1, run::toString);
        return (Map<?, ?>) MiniJson.parse(run.out());
    }

    @Test
    void quadraticFormAndItsGradients() {
        // x = (1, 2), A = [1 2; 3 4]: Ax = (5, 11), so x'Ax = 1*5 + 2*11 = 27;
        // the gradient in x is (A + A')x = [2 5; 5 8](1, 2) = (12, 21), the gradient in A is xx' = [1 2; 2 4].
        CliRun run = CliRun.run("eval", "x'*A*x", "--wrt", "x,A", "--at", "x=[1,2]", "--at", "A=[[1,2],[3,4]]");
        Map<?, ?> result = json(run);
        assertEquals(27.0, result.get("value"));
        Map<?, ?> gradient = (Map<?, ?>) result.get("gradient");
        assertEquals(List.of("x", "A"), List.copyOf(gradient.keySet()));
        assertEquals(List.of(12.0, 21.0), gradient.get("x"));
        assertEquals(List.of(List.of(1.0, 2.0), List.of(2.0, 4.0)), gradient.get("A"));
    }

    @Test
    void valueOnlyWithoutWrt() {
        CliRun run = CliRun.run("eval", "x'*A*x", "--at", "x=[1,2]", "--at", "A=[[1,2],[3,4]]");
        assertEquals(Map.of("value", 27.0), json(run));
        assertEquals("{\"value\": 27.0}\n", run.out());
    }

    @Test
    void declaredShapesAndAVectorValue() {
        // w = (1, -2, 3), x = (4, 5, 6), b = 0.5: w.x + b = 4 - 10 + 18 + 0.5 = 12.5, and its gradient in w is x.
        CliRun run = CliRun.run("eval", "w . x + b", "--var", "w:vector[3]", "--var", "b:scalar", "--wrt", "w,b",
                "--at", "w=[1,-2,3]", "--at", "x=[4,5,6]", "--at", "b=0.5");
        Map<?, ?> result = json(run);
        assertEquals(12.5, result.get("value"));
        assertEquals(Map.of("w", List.of(4.0, 5.0, 6.0), "b", 1.0), result.get("gradient"));
    }

    @Test
    void vectorValue() {
        CliRun run = CliRun.run("eval", "A*x", "--at", "x=[1,1]", "--at", "A=[[1,2],[3,4],[5,6]]");
        assertEquals(Map.of("value", List.of(3.0, 7.0, 11.0)), json(run));
    }

    @Test
    void gradientInAVariableTheExpressionDoesNotReadIsZero() {
        CliRun run = CliRun.run("eval", "sum(x)", "--var", "y:vector[n]", "--wrt", "x,y",
                "--at", "x=[1,2,3]", "--at", "y=[4,5]");
        assertEquals(Map.of("value", 6.0, "gradient", Map.of("x", List.of(1.0, 1.0, 1.0), "y", List.of(0.0, 0.0))),
                json(run));
    }

    @Test
    void arrayOfTheWrongLength() {
        CliRun run = CliRun.run("eval", "x'*A*x", "--at", "x=[1,2,3]", "--at", "A=[[1,2],[3,4]]");
        assertEquals(2, run.status(), run::toString);
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("chainrule: "), run::toString);
        assertTrue(run.err().contains("x") && run.err().contains("A") && run.err().contains("3"), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
    }

    @Test
    void missingAt() {
        assertEquals(new CliRun(2, "", "chainrule: no value for 'x': give one with --at x=JSON\n"),
                CliRun.run("eval", "x'*A*x"));
        assertEquals(new CliRun(2, "", "chainrule: no value for 'A': give one with --at A=JSON\n"),
                CliRun.run("eval", "x'*A*x", "--at", "x=[1,2]"));
    }

    @Test
    void atForANameNotInTheExpression() {
        assertEquals(new CliRun(2, "", "chainrule: --at gives a value for 'y', which is not a variable of the "
                + "expression (its variables: x)\n"), CliRun.run("eval", "x'*x", "--at", "x=[1]", "--at", "y=[2]"));
    }

    @Test
    void atGivenTwice() {
        assertEquals(new CliRun(2, "", "chainrule: --at gives 'x' twice\n"),
                CliRun.run("eval", "x'*x", "--at", "x=[1]", "--at", "x=[2]"));
    }

    @Test
    void atWithoutEquals() {
        assertEquals(new CliRun(2, "", "chainrule: invalid --at 'x': expected NAME=JSON, as in x=[1,2,3]\n"),
                CliRun.run("eval", "x'*x", "--at", "x"));
    }

    @Test
    void atWithBadJson() {
        CliRun run = CliRun.run("eval", "x'*x", "--at", "x=[1,2");
        assertEquals(2, run.status(), run::toString);
        assertTrue(run.err().startsWith("chainrule: invalid --at x=[1,2: "), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
    }

    @Test
    void scalarGivenForAVector() {
        CliRun run = CliRun.run("eval", "x'*x", "--at", "x=1");
        assertEquals(2, run.status(), run::toString);
        assertTrue(run.err().startsWith("chainrule: ") && run.err().contains("x"), run::toString);
    }

    @Test
    void gradientOfAVectorExpression() {
        CliRun run = CliRun.run("eval", "A*x", "--wrt", "x", "--at", "x=[1]", "--at", "A=[[1]]");
        assertEquals(2, run.status(), run::toString);
        assertTrue(run.err().startsWith("<expr>:1:1: the gradient needs a scalar expression"), run::toString);
    }

    @Test
    void compiledEnginePrintsWhatTheInterpreterPrints() {
        String[] loss = {"eval", "sum((y - max(0, X*w + b)) .^ 2) / N", "--var", "X:matrix[N,n]", "--wrt", "w,b",
            "--at", "w=[1,-1]", "--at", "b=0.5", "--at", "X=[[1,2],[3,1],[0,1]]", "--at", "y=[1,2,3]"};
        CliRun interpreted = CliRun.run(loss);
        String[] compiled = java.util.Arrays.copyOf(loss, loss.length + 2);
        compiled[loss.length] = "--engine";
        compiled[loss.length + 1] = "compiled";
        CliRun generated = CliRun.run(compiled);
        assertEquals(0, generated.status(), generated::toString);
        assertEquals(json(interpreted), json(generated));
        // By hand: z = Xw + b = [-0.5, 2.5, -0.5], so only the second sample is active:
        // C = (1 + 0.25 + 9)/3, ∂C/∂w = (2/3)(2.5 − 2)[3, 1], ∂C/∂b = (2/3)(0.5).
        assertEquals(Map.of("value", 10.25 / 3, "gradient", Map.of("w", List.of(1.0, 1.0 / 3), "b", 1.0 / 3)),
                json(generated));
    }

    @Test
    void tenThousandNestedNegations() {
        // A graph 10,000 nodes deep: evaluated (and simplified) without overflowing the stack.
        String expression = "-(".repeat(10_000) + "a" + ")".repeat(10_000);
        CliRun run = CliRun.run("eval", expression, "--at", "a=2");
        assertEquals(Map.of("value", 2.0), json(run));
    }

    @Test
    void aDimensionNoInputCarriesIsTheSameUserErrorInBothEngines() {
        // Found by CliFuzzTest: vector(2) and eye, with nothing to size them, were an internal
        // error of the code generator in the compiled engine.
        for (String expression : List.of("vector(2)", "eye")) {
            for (String engine : List.of("interpreter", "compiled")) {
                CliRun run = CliRun.run("eval", expression, "--engine", engine);
                assertEquals(2, run.status(), run::toString);
                assertEquals("chainrule: dimension n has no value: no input variable carries it, so it must be given"
                        + " explicitly\n", run.err().replace("\r\n", "\n"), run::toString);
            }
        }
    }

    @Test
    void aVariableSizedByAProductOfDimensionsIsCheckedOnceTheyAreKnown() {
        // Found by CliFuzzTest: D ⊙ kron(x, A) makes D's columns n·m, and binding its value cast
        // that compound dimension to a name (an internal error).
        String expression = "sum(sigmoid(kron(x,A)) ⊙ D)";
        CliRun fits = CliRun.run("eval", expression, "--at", "x=[1,2]", "--at", "A=[[0,1],[2,3]]",
                "--at", "D=[[1,1],[1,1],[1,1],[1,1]]");
        assertEquals(0, fits.status(), fits::toString);
        double expected = 0;
        for (double xi : new double[] {1, 2}) {
            for (double a : new double[] {0, 1, 2, 3}) {
                expected += 1 / (1 + Math.exp(-xi * a));
            }
        }
        assertEquals(expected, ((Number) json(fits).get("value")).doubleValue(), 1e-12);
        CliRun wrong = CliRun.run("eval", expression, "--at", "x=[1,2]", "--at", "A=[[0,1],[2,3]]",
                "--at", "D=[[1,1],[1,1],[1,1]]");
        assertEquals(2, wrong.status(), wrong::toString);
        assertTrue(wrong.err().contains("= 4 at these sizes"), wrong::toString);
    }
}

package dev.chainrule.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The adapter on small inputs: the fields' syntax, and the places of their problems. */
class PipelineTest {
    private final Pipeline pipeline = new Pipeline();

    private Pipeline.Function analyze(String expression, String wrt, String declarations, Input.Kind kind) {
        return pipeline.analyze(new Input(Input.Mode.EXPRESSION, expression, wrt, declarations, kind, ""), Deadline.NONE)
                .get(0);
    }

    private Problem problem(String expression, String wrt, String declarations) {
        Problem.InputError e = assertThrows(Problem.InputError.class,
                () -> analyze(expression, wrt, declarations, Input.Kind.GRADIENT));
        return e.problems().get(0);
    }

    @Test
    void declarationsAreSeparatedByLinesSemicolonsAndCommasOutsideBrackets() {
        Pipeline.Function f = analyze("x' * A * y + c", "x", "A: matrix[3, n]; c: scalar\ny: vector[n], x: vector[3]",
                Input.Kind.GRADIENT);
        assertEquals(List.of("x: vector[3]", "A: matrix[3,n]", "y: vector[n]", "c: scalar"),
                f.params().stream().map(p -> p.name() + ": " + p.shape()).toList());
    }

    @Test
    void aProblemInADeclarationIsPlacedOnItsLineAndColumn() {
        Problem p = problem("x' * A * x", "x", "A: matrix[n,n]\n  x: vector[n, n]");
        assertEquals("declarations", p.field());
        assertEquals(2, p.line());
        // "  x: vector[n, n]": the type's name, at column 6.
        assertEquals(6, p.column(), p::toString);
        assertEquals(6, p.length(), p::toString);
        assertTrue(p.message().startsWith("vector takes one dimension"), p.toString());

        assertEquals(new Problem("declarations", 1, 1, 4, "'2x y' is not a variable name").line(),
                problem("x", "x", "2x y: scalar").line());
        Problem missingColon = problem("x", "x", "x vector[n]");
        assertEquals(1, missingColon.column());
        assertTrue(missingColon.message().startsWith("expected NAME: TYPE"), missingColon.toString());
        assertTrue(problem("x", "x", "x: scalar, x: scalar").message().contains("declared twice"));
    }

    @Test
    void variablesAreNamesOfTheLanguageEachOnce() {
        assertEquals(new Problem("wrt", 1, 4, 3, "'1st' is not a variable name"), problem("x'*x", "x, 1st", ""));
        assertEquals(new Problem("wrt", 1, 3, 1, "'x' is named twice"), problem("x'*x", "x x", ""));
        assertEquals("wrt", problem("x'*x", "wrt", "").field(), "a keyword is not a name");
    }

    @Test
    void aDeclaredVariableTheFunctionDoesNotReadHasAZeroDerivative() {
        Pipeline.Function f = analyze("sum(x)", "x, y", "y: vector[m]", Input.Kind.GRADIENT);
        assertEquals("0", f.derivatives().get(1).value().text().replace("⃗", ""));
        assertTrue(f.calc().contains("function f(x: vector[n], y: vector[m]) ="), f.calc());
        assertTrue(f.java().contains("public double valueAndGradient("), f.java());
    }
}

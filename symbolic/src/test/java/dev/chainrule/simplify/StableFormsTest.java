package dev.chainrule.simplify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.typing.TypeChecker;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each stable form, as a person writes it, at an argument where the plain formula overflows or
 * rounds to 0: the interpreter evaluates it to the finite value a careful computation gives (once
 * it gave ∞ for log(sum(exp(x))) at x = (1000, 1000), where generated code gave 1000.69), and the
 * simplifier, which generated code takes its graph from, rewrites it to the careful operator.
 */
class StableFormsTest {

    private static Expr parse(String text) {
        return TypeChecker.expression(text, Map.of()).expr();
    }

    @ParameterizedTest(name = "{0} at {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        // log Σ exp: 1000 + log 2.
        "log(sum(exp(x)))     | x=[1000,1000]   | 1000.6931471805599453 | logsumexp",
        "log(sum(exp(x)))     | x=[-1000,-1000] | -999.30685281944005   | logsumexp",
        // softplus(1000) = 1000; softplus(-1000) = e^-1000, which is 0 in doubles.
        "log(1 + exp(a))      | a=1000          | 1000                  | softplus",
        "log(exp(a) + 1)      | a=1000          | 1000                  | softplus",
        "-log(1 + exp(-a))    | a=-1000         | -1000                 | softplus",
        // log sigmoid(−1000) = −softplus(1000) = −1000; log(1 − sigmoid(1000)) = −1000.
        "log(sigmoid(a))      | a=-1000         | -1000                 | softplus",
        "log(1 - sigmoid(a))  | a=1000          | -1000                 | softplus",
        "log(1/(1 + exp(-a))) | a=-1000         | -1000                 | softplus",
        // The softmax of (1000, 1000) is (0.5, 0.5); its first entry, through a sum.
        "sum(exp(x) ./ sum(exp(x)) .* [1, 0]) | x=[1000,1000] | 0.5   | softmax",
        "sum(log(softmax(x)))  | x=[1000,0]     | -1000                 | logsumexp",
    })
    void theInterpreterEvaluatesEachStableFormWithoutOverflow(String text, String at, double expected, String operator) {
        Expr f = parse(text);
        String[] binding = at.split("=", 2);
        Value value = Interpreter.evaluate(f, Map.of(binding[0], Value.fromJson(binding[1])));
        assertEquals(expected, value.asScalar(), 1e-12 * Math.max(1, Math.abs(expected)), text);

        Expr simplified = Simplifier.simplify(f);
        assertTrue(Traversal.postOrder(simplified).stream().anyMatch(e -> e.getClass().getSimpleName()
                        .equalsIgnoreCase(operator) || e instanceof Expr.Apply a && a.fn().symbol().equals(operator)),
                () -> text + " simplifies to " + simplified + ", without " + operator);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "log(1 + exp(a))     | a=0.3",
        "log(sigmoid(a))     | a=-0.7",
        "log(1 - sigmoid(a)) | a=0.7",
        "log(sum(exp(x)))    | x=[0.1,-0.4,2]",
    })
    void aStableFormHasThePlainFormulasValueWhereThatDoesNotOverflow(String text, String at) {
        Expr f = parse(text);
        String[] binding = at.split("=", 2);
        Map<String, Value> point = Map.of(binding[0], Value.fromJson(binding[1]));
        // evaluateEveryNode evaluates the graph as it is written: the plain formula.
        double plain = Interpreter.evaluateEveryNode(f, point, Map.of()).get(f).asScalar();
        assertEquals(plain, Interpreter.evaluate(f, point).asScalar(), 1e-15 * Math.max(1, Math.abs(plain)));
    }
}

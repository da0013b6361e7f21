package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The examples of the simplifier's issue, as a new user types them: each prints the form the Matrix
 * Cookbook or matrixcalculus.org prints. (The library's TextbookFormsTest checks a hundred more,
 * up to the order of terms; here the exact text is the point.)
 */
class TextbookFormsTest {
    @ParameterizedTest(name = "{0} {1} wrt {2} prints {3}")
    @CsvSource(delimiter = '|', value = {
        "grad    | log(det(X))      | X | ∂f/∂X = X⁻ᵀ",
        "grad    | logdet(X'*X)     | X | ∂f/∂X = 2X(XᵀX)⁻¹",
        "grad    | tr(A*X'*B*X*C)   | X | ∂f/∂X = BXCA + BᵀXAᵀCᵀ",
        "grad    | 0.5*x'*A*x       | x | ∂f/∂x = 0.5(A + Aᵀ)x",
        "grad    | a^b              | a | ∂f/∂a = ba^(b − 1)",
        "hessian | log(sum(exp(x))) | x | ∂²f/∂x² = diag(softmax(x)) − softmax(x) softmax(x)ᵀ",
    })
    void theIssuesExamplesPrintTheirTextbookForm(String command, String function, String wrt, String printed) {
        CliRun run = CliRun.run(command, function, "--wrt", wrt);
        assertEquals(0, run.status(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertEquals(printed, lines.get(lines.size() - 1));
    }
}

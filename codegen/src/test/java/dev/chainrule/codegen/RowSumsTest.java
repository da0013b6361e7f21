package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.derive.DerivedFunction;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedFile;
import dev.chainrule.typing.TypedFunction;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which functions are sums over the rows of their data, and over which dimension. */
class RowSumsTest {
    private static Optional<String> rows(String declaration) {
        TypedFile file = TypeChecker.file(CalcSyntax.parseFile(new Source("f.calc", "package p;\n" + declaration)));
        TypedFunction function = file.functions().get(0);
        return RowSums.of(DerivedFunction.of(function)).map(r -> r.rows().name() + " of "
                + String.join(", ", r.data().stream().map(v -> v.name()).toList()));
    }

    @Test
    void meansAndSumsOfPerRowTermsAreSumsOverRows() {
        assertEquals(Optional.of("N of X, y"), rows("function f(w: vector[n], X: matrix[N, n], y: vector[N]) ="
                + " sum((X*w - y) .^ 2) / N gradient wrt w;"));
        assertEquals(Optional.of("m of A, y"), rows("function f(A: matrix[m, n], x: vector[n], y: vector[m]) ="
                + " norm2(A*x - y)^2 gradient wrt x;"));
        assertEquals(Optional.of("N of X"), rows("function f(W: matrix[n, k], X: matrix[N, n]) ="
                + " sum(exp(X*W)) * 2 - sum(X*W) / N gradient wrt W;"));
        // A dot product of the data's columns, times a free scalar.
        assertEquals(Optional.of("N of X, y"), rows("function f(w: vector[n], X: matrix[N, n], y: vector[N], c: scalar) ="
                + " c * (y' * (X*w)) gradient wrt w, c;"));
    }

    @Test
    void anythingElseIsNot() {
        for (String body : new String[] {
                "sum(softplus(X*w)) / N + norm2(w)^2",   // a penalty beside the sum
                "sum(X*w)^2",                             // a function of the sum
                "logsumexp(X*w)",                         // mixes the rows
                "norm2(X*w)",                             // a norm without its square
                "sum(X*w) * sum(X*w)",                    // a product of sums
                "sum(X*w) + 1",                           // a constant beside the sum
        }) {
            assertEquals(Optional.empty(), rows("function f(w: vector[n], X: matrix[N, n]) = " + body
                    + " gradient wrt w;"), body);
        }
        assertEquals(Optional.empty(), rows("function f(w: vector[n], X: matrix[N, n]) = sum(X*w) gradient wrt w, X;"),
                "a gradient with respect to the data");
        assertEquals(Optional.empty(), rows("function f(A: matrix[n, n], x: vector[n]) = x' * A * x gradient wrt x;"),
                "rows that are also columns");
        assertEquals(Optional.empty(), rows("function f(w: vector[n], X: matrix[N, n]) = sum(X*w) / N gradient wrt w"
                + " hessian wrt w;"), "a Hessian, which has no range form");
    }
}

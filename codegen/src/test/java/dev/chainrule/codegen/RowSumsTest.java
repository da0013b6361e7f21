package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.derive.DerivedFunction;
import dev.chainrule.graph.Expr;
import dev.chainrule.print.Format;
import dev.chainrule.print.Printer;
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

    /** The row part and row-free part of the value and of each gradient, as formulas. */
    private static String parts(String declaration) {
        TypedFile file = TypeChecker.file(CalcSyntax.parseFile(new Source("f.calc", "package p;\n" + declaration)));
        RowSums.RowSum sum = RowSums.of(DerivedFunction.of(file.functions().get(0))).orElseThrow();
        StringBuilder out = new StringBuilder("value " + parts(sum.value()));
        sum.gradients().forEach((v, p) -> out.append("; ").append(v.name()).append(" ").append(parts(p)));
        return out.toString();
    }

    private static String parts(RowSums.Parts parts) {
        return "rows " + print(parts.rows()) + ", free " + print(parts.rowFree());
    }

    private static String print(Expr e) {
        return e == null ? "0" : Printer.print(e, Format.ASCII);
    }

    @Test
    void aSumOverRowsPlusTermsThatReadNoDataSplitsIntoItsParts() {
        assertEquals("value rows sum(softplus(-(y .* (X*w))))/N, free lambda*sum(w .^ 2); "
                        + "w rows -(1/N*(X'*(y .* sigmoid(-(y .* (X*w)))))), free 2*(lambda*w)",
                parts("function f(w: vector[n], X: matrix[N, n], y: vector[N], lambda: scalar) ="
                        + " sum(softplus(-y .* (X*w))) / N + lambda * norm2(w)^2 gradient wrt w;"));
        // A constant beside the sum, and a gradient that reads no rows at all.
        assertEquals("value rows sum(X*w), free c^2; w rows X'*vector(1), free 0; c rows 0, free 2*c",
                parts("function f(w: vector[n], X: matrix[N, n], c: scalar) = sum(X*w) + c^2 gradient wrt w, c;"));
        // Scaled after the addition: the factor goes to both parts.
        assertEquals(Optional.of("N of X"), rows("function f(w: vector[n], X: matrix[N, n]) ="
                + " -(sum(X*w) + norm2(w)^2) / 2 gradient wrt w;"));
    }

    @Test
    void anythingElseIsNot() {
        for (String body : new String[] {
                "sum(X*w)^2",                             // a function of the sum
                "logsumexp(X*w)",                         // mixes the rows
                "norm2(X*w)",                             // a norm without its square
                "sum(X*w) * sum(X*w)",                    // a product of sums
                "exp(sum(X*w) + norm2(w)^2)",             // a function of a sum with a penalty
                "(sum(X*w) + 1) * sum(X*w)",              // a product of sums, one with a constant
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

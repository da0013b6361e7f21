package dev.chainrule.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JsonPrinterTest {
    private static final Dim N = Dim.of("n");
    private static final Expr X = Expr.variable("x", Shape.vector(N));

    private static String json(Expr e) {
        return Printer.print(e, Format.JSON);
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void nodesComeChildrenFirstWithTheRootLast() {
        assertEquals("{\"root\":2,\"nodes\":["
                + "{\"id\":0,\"op\":\"constant\",\"value\":2,\"shape\":\"scalar\"},"
                + "{\"id\":1,\"op\":\"variable\",\"name\":\"x\",\"shape\":\"vector[n]\"},"
                + "{\"id\":2,\"op\":\"scale\",\"shape\":\"vector[n]\",\"args\":[0,1]}]}",
                json(Fixtures.check("2*x")));
    }

    @Test
    void aSharedNodeIsWrittenOnce() {
        String quadratic = json(Fixtures.check("x'*A*x"));
        assertEquals("{\"root\":4,\"nodes\":["
                + "{\"id\":0,\"op\":\"variable\",\"name\":\"x\",\"shape\":\"vector[n]\"},"
                + "{\"id\":1,\"op\":\"transpose\",\"shape\":\"vector[n]'\",\"args\":[0]},"
                + "{\"id\":2,\"op\":\"variable\",\"name\":\"A\",\"shape\":\"matrix[n,n]\"},"
                + "{\"id\":3,\"op\":\"product\",\"shape\":\"vector[n]'\",\"args\":[1,2]},"
                + "{\"id\":4,\"op\":\"product\",\"shape\":\"scalar\",\"args\":[3,0]}]}", quadratic);
        assertEquals(1, count(quadratic, "\"name\":\"x\""));

        // tanh(Ax + b) three times over, a single node each.
        String layer = json(Fixtures.check("tanh(A*x + b) .* tanh(A*x + b) + tanh(A*x + b)"));
        assertEquals(1, count(layer, "\"fn\":\"tanh\""));
        assertEquals(1, count(layer, "\"op\":\"product\""));
        assertTrue(layer.contains("\"op\":\"hadamard\",\"shape\":\"vector[n]\",\"args\":[7,7]"), layer);
    }

    @Test
    void everyOperatorHasItsName() {
        String all = json(Fixtures.check("sum(x) + norm2(x) + logsumexp(x) + tr(A) + det(A) + logdet(A)"
                + " + sum(inv(A) .* diag(diag(A)) ./ (A'*B) .^ 2) + sum(max(x, y)) + sum(-x) + n", Fixtures.STANDARD));
        for (String op : new String[] {"variable", "constant", "size", "add", "negate", "hadamard", "divide", "power",
            "product", "transpose", "max", "sum", "norm2", "logsumexp", "trace", "det", "logdet", "inverse",
            "diagonalMatrix", "diagonal"}) {
            assertTrue(all.contains("\"op\":\"" + op + "\""), op + " in " + all);
        }
        assertTrue(all.contains(",\"op\":\"size\",\"dim\":\"n\",\"shape\":\"scalar\"}"), all);
    }

    @Test
    void leavesCarryTheirLabels() {
        assertEquals("{\"root\":0,\"nodes\":[{\"id\":0,\"op\":\"identity\",\"size\":\"n\",\"shape\":\"matrix[n,n]\"}]}",
                json(Expr.identity(N)));
        assertEquals("{\"root\":0,\"nodes\":[{\"id\":0,\"op\":\"identity\",\"size\":3,\"shape\":\"matrix[3,3]\"}]}",
                json(Expr.identity(Dim.of(3))));
        assertEquals("{\"root\":0,\"nodes\":[{\"id\":0,\"op\":\"size\",\"dim\":\"N\",\"shape\":\"scalar\"}]}",
                json(Expr.size(Dim.of("N"))));
        assertEquals("{\"root\":1,\"nodes\":[{\"id\":0,\"op\":\"variable\",\"name\":\"x\",\"shape\":\"vector[n]\"},"
                + "{\"id\":1,\"op\":\"apply\",\"fn\":\"relu\",\"shape\":\"vector[n]\",\"args\":[0]}]}",
                json(Expr.apply(Fn.RELU, X)));
        assertEquals("{\"root\":0,\"nodes\":[{\"id\":0,\"op\":\"constant\",\"value\":0.1,\"shape\":\"vector[n]'\"}]}",
                json(Expr.constant(0.1, Shape.row(N))));
    }

    @Test
    void numbersAreShortestAndNonFiniteOnesAreStrings() {
        assertTrue(json(Expr.scalar(-2)).contains("\"value\":-2,"));
        assertTrue(json(Expr.scalar(1e-12)).contains("\"value\":1e-12,"));
        assertTrue(json(Expr.scalar(-0.0)).contains("\"value\":0,"));
        assertTrue(json(Expr.scalar(Double.NaN)).contains("\"value\":\"NaN\","));
        assertTrue(json(Expr.scalar(Double.POSITIVE_INFINITY)).contains("\"value\":\"Infinity\","));
        assertTrue(json(Expr.scalar(Double.NEGATIVE_INFINITY)).contains("\"value\":\"-Infinity\","));
    }

    @Test
    void stringsAreEscaped() {
        Expr odd = Expr.variable("a\"b\\c\nd\u0001é\u2028", Shape.SCALAR);
        assertEquals("{\"root\":0,\"nodes\":[{\"id\":0,\"op\":\"variable\",\"name\":\"a\\\"b\\\\c\\nd\\u0001é\\u2028\","
                + "\"shape\":\"scalar\"}]}", json(odd));
    }

    /** Each layer uses the one below twice: 2⁶⁰ paths, 61 nodes. */
    @Test
    void aHeavilySharedGraphStaysSmall() {
        Expr e = X;
        for (int i = 0; i < 60; i++) {
            e = Expr.add(e, e);
        }
        String text = json(e);
        assertEquals(61, count(text, "\"id\":"));
        assertTrue(text.startsWith("{\"root\":60,"));
        assertTrue(text.endsWith("{\"id\":60,\"op\":\"add\",\"shape\":\"vector[n]\",\"args\":[59,59]}]}"), text);
    }
}

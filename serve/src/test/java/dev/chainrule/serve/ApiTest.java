package dev.chainrule.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON API, in-process over loopback: what the page relies on, and what the server refuses. */
class ApiTest {
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static Playground server;
    private static Client client;

    @BeforeAll
    static void start() throws Exception {
        server = Playground.start(0, Limits.DEFAULT, new PrintStream(LOG, true, StandardCharsets.UTF_8));
        client = new Client(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
        assertEquals("", LOG.toString(StandardCharsets.UTF_8), "no internal error was logged");
    }

    private static Map<String, Object> neuron() {
        return Json.object("expression", "max(0, w . x + b)", "wrt", "w", "derivative", "gradient");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> only(Client.Reply reply, String key) {
        return ((List<Map<String, Object>>) reply.object().get(key)).get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> object, String key) {
        return (List<Map<String, Object>>) object.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> member(Map<String, Object> object, String key) {
        return (Map<String, Object>) object.get(key);
    }

    @Test
    void analyzesThePapersNeuron() {
        Client.Reply reply = client.post("analyze", neuron());
        assertEquals(200, reply.status(), reply::toString);
        Map<String, Object> f = only(reply, "functions");
        assertEquals("f = max(0, wᵀx + b)", member(f, "restated").get("text"));
        assertEquals(List.of("n"), f.get("dimensions"));
        assertEquals("w: vector[n], x: vector[n], b: scalar", String.join(", ", list(f, "parameters").stream()
                .map(p -> p.get("name") + ": " + p.get("shape")).toList()));
        Map<String, Object> gradient = list(f, "derivatives").get(0);
        assertEquals("gradient:w", gradient.get("id"));
        assertEquals("∂f/∂w", member(gradient, "label").get("text"));
        assertEquals("step(wᵀx + b) x", member(gradient, "value").get("text"));
        assertEquals("\\frac{\\partial f}{\\partial w}", member(gradient, "label").get("latex"));
        assertEquals("Gradient in the shape of w", gradient.get("convention"));
        assertTrue(((String) f.get("calc")).contains("function f(w: vector[n], x: vector[n], b: scalar) =\n"
                + "    max(0, w . x + b)\n    gradient wrt w;"), (String) f.get("calc"));
        String java = (String) f.get("java");
        assertTrue(java.contains("public final class F {") && java.contains("public double valueAndGradient("), java);
    }

    @Test
    void reportsASyntaxErrorAtItsPlace() {
        Client.Reply reply = client.post("analyze", Json.object("expression", "max(0, w . x + b", "wrt", "w"));
        assertEquals(422, reply.status(), reply::toString);
        Map<String, Object> problem = only(reply, "problems");
        assertEquals("expression", problem.get("field"));
        assertEquals(1.0, problem.get("line"));
        assertEquals(17.0, problem.get("column"));
        assertTrue(((String) problem.get("message")).startsWith("unexpected end of input"), reply::toString);
    }

    @Test
    void reportsAShapeMismatchWithTheShapes() {
        Client.Reply reply = client.post("analyze", Json.object("expression", "x .* y", "wrt", "x",
                "declarations", "x: vector[m]\ny: vector[n]"));
        assertEquals(422, reply.status(), reply::toString);
        Map<String, Object> problem = only(reply, "problems");
        assertEquals("expression", problem.get("field"));
        assertTrue(((String) problem.get("message")).contains("vector[m] and vector[n]"), reply::toString);
    }

    @Test
    void placesProblemsInTheDeclarationsAndTheVariables() {
        Client.Reply badType = client.post("analyze", Json.object("expression", "x'*A*x", "wrt", "x",
                "declarations", "A: matrix[n,n], x: vectr[n]"));
        assertEquals(422, badType.status(), badType::toString);
        Map<String, Object> problem = only(badType, "problems");
        assertEquals("declarations", problem.get("field"));
        assertEquals(1.0, problem.get("line"));
        // "A: matrix[n,n], x: vectr[n]": the type starts at column 20, where "vectr" is.
        assertEquals(20.0, problem.get("column"), badType::toString);

        Client.Reply badName = client.post("analyze", Json.object("expression", "x'*A*x", "wrt", "x, z"));
        assertEquals(422, badName.status(), badName::toString);
        problem = only(badName, "problems");
        assertEquals("wrt", problem.get("field"));
        assertEquals(4.0, problem.get("column"));
        assertEquals(1.0, problem.get("length"));
        assertTrue(((String) problem.get("message")).contains("'z': it does not appear"), badName::toString);

        Client.Reply notScalar = client.post("analyze", Json.object("expression", "A*x", "wrt", "x"));
        assertEquals(422, notScalar.status(), notScalar::toString);
        problem = only(notScalar, "problems");
        assertEquals(3.0, problem.get("length"), "the whole expression is marked");
        assertTrue(((String) problem.get("message")).contains("ask for the Jacobian"), notScalar::toString);
    }

    @Test
    void evaluatesRandomValuesThreeWays() {
        Map<String, Object> request = neuron();
        request.put("seed", 20240.0);
        request.put("dimensions", Json.object("n", 4.0));
        Client.Reply reply = client.post("evaluate", request);
        assertEquals(200, reply.status(), reply::toString);
        Map<String, Object> values = member(reply.object(), "values");
        double[] w = doubles(values.get("w"));
        double[] x = doubles(values.get("x"));
        double b = (Double) values.get("b");
        assertEquals(4, w.length);
        double z = b;
        for (int i = 0; i < 4; i++) {
            z += w[i] * x[i];
        }
        List<Map<String, Object>> quantities = list(reply.object(), "quantities");
        Map<String, Object> value = quantities.get(0);
        assertEquals(Math.max(0, z), (Double) value.get("interpreter"), 1e-12);
        assertEquals(Math.max(0, z), (Double) value.get("compiled"), 1e-12);
        Map<String, Object> gradient = quantities.get(1);
        assertEquals("gradient:w", gradient.get("id"));
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = z > 0 ? x[i] : 0;
        }
        assertArrayEquals(expected, doubles(gradient.get("interpreter")));
        assertArrayEquals(expected, doubles(gradient.get("compiled")));
        assertEquals(Boolean.TRUE, gradient.get("agree"));
        assertEquals(Boolean.TRUE, gradient.get("finiteDifferencesAgree"), reply::toString);

        Client.Reply again = client.post("evaluate", request);
        assertEquals(values, member(again.object(), "values"), "the same seed gives the same values");
    }

    @Test
    void evaluatesTypedValuesAndPlacesTheirProblems() {
        Map<String, Object> request = Json.object("expression", "x'*A*x", "wrt", "x", "dimensions", Json.object("n", 2.0),
                "values", Json.object("x", "[1, 2]", "A", "[[1, 2], [3, 4]]"));
        Client.Reply reply = client.post("evaluate", request);
        assertEquals(200, reply.status(), reply::toString);
        List<Map<String, Object>> quantities = list(reply.object(), "quantities");
        assertEquals(27.0, quantities.get(0).get("interpreter"));
        // (A + Aᵀ)x = [[2, 5], [5, 8]] [1, 2]
        assertArrayEquals(new double[] {12, 21}, doubles(quantities.get(1).get("compiled")));

        request.put("values", Json.object("x", "[1, 2, 3]", "A", "[[1, 2], [3, oops]]"));
        Client.Reply bad = client.post("evaluate", request);
        assertEquals(422, bad.status(), bad::toString);
        List<Map<String, Object>> problems = list(bad.object(), "problems");
        assertEquals(List.of("value:x", "value:A"), problems.stream().map(p -> p.get("field")).toList());
        assertTrue(((String) problems.get(0).get("message")).contains("vector[n] with n = 2: give an array of 2 numbers"),
                bad::toString);
    }

    @Test
    void checksJacobiansOfVectorFunctionsAndHessianBlocks() {
        Client.Reply jacobian = client.post("evaluate", Json.object("expression", "sin(A*x) .* c", "wrt", "x, c",
                "derivative", "jacobian", "seed", 5.0));
        assertEquals(200, jacobian.status(), jacobian::toString);
        for (Map<String, Object> q : list(jacobian.object(), "quantities")) {
            assertEquals(Boolean.TRUE, q.get("agree"), () -> "interpreter and compiled: " + q);
            if (!q.get("id").equals("value")) {
                assertEquals(Boolean.TRUE, q.get("finiteDifferencesAgree"), () -> "finite differences: " + q);
            }
        }

        Client.Reply hessian = client.post("evaluate", Json.object("expression", "exp(a * x' * y) + sum(x .^ 3)",
                "wrt", "x, y", "derivative", "hessian", "seed", 11.0));
        assertEquals(200, hessian.status(), hessian::toString);
        List<Map<String, Object>> rows = list(hessian.object(), "quantities");
        assertEquals(List.of("value", "hessian:x", "hessian:x,y", "hessian:y"), rows.stream().map(q -> q.get("id")).toList());
        Map<String, Object> block = rows.get(2);
        assertNull(block.get("compiled"), "the class has no method for a cross block");
        assertNotNull(block.get("compiledNote"));
        for (Map<String, Object> q : rows.subList(1, 4)) {
            assertEquals(Boolean.TRUE, q.get("finiteDifferencesAgree"), () -> "finite differences: " + q);
        }
    }

    @Test
    void analyzesAndEvaluatesAWholeFile() {
        String file = """
                package examples.page;
                function activation(w: vector[n], b: scalar, x: vector[n]) = max(0, w . x + b) gradient wrt w, b;
                function layer(W: matrix[m, n], x: vector[n]) =
                    z = W * x;
                    tanh(z) jacobian wrt x;
                """;
        Client.Reply reply = client.post("analyze", Json.object("mode", "file", "file", file));
        assertEquals(200, reply.status(), reply::toString);
        List<Map<String, Object>> functions = list(reply.object(), "functions");
        assertEquals(List.of("activation", "layer"), functions.stream().map(f -> f.get("name")).toList());
        assertEquals("Layer", functions.get(1).get("className"));
        assertTrue(((String) functions.get(1).get("java")).startsWith("// Generated by chainrule from playground.calc."));

        Client.Reply numbers = client.post("evaluate", Json.object("mode", "file", "file", file, "function", "layer",
                "seed", 3.0, "dimensions", Json.object("m", 2.0, "n", 3.0)));
        assertEquals(200, numbers.status(), numbers::toString);
        for (Map<String, Object> q : list(numbers.object(), "quantities")) {
            assertEquals(Boolean.TRUE, q.get("agree"), () -> "interpreter and compiled: " + q);
        }
        Map<String, Object> bad = only(client.post("analyze", Json.object("mode", "file", "file",
                "function f(x: vector[n]) = sum(y);")), "problems");
        assertEquals("file", bad.get("field"));
        assertEquals(32.0, bad.get("column"));
    }

    @Test
    void refusesSizesThatCannotFitBeforeAnyWork() {
        Map<String, Object> request = Json.object("expression", "x' * A * x", "wrt", "x", "seed", 1.0,
                "dimensions", Json.object("n", 50_000.0));
        Client.Reply reply = client.post("evaluate", request);
        assertEquals(422, reply.status(), reply::toString);
        Map<String, Object> problem = only(reply, "problems");
        assertEquals("dimension:n", problem.get("field"));
        assertTrue(((String) problem.get("message")).contains("would hold 2,500,000,000 numbers"), reply::toString);
        assertEquals("dimension:n", only(client.post("evaluate", Json.object("expression", "sum(x)", "seed", 1.0,
                "dimensions", Json.object("n", 2_000_000_000.0))), "problems").get("field"));

        Client.Reply fixed = client.post("evaluate", Json.object("mode", "file", "seed", 1.0,
                "file", "function f(x: vector[100000000]) = sum(x) gradient wrt x;"));
        assertEquals(422, fixed.status(), fixed::toString);
    }

    @Test
    void stepsDeriveTheDerivativeByThePapersRulesAndEndInWhatThePageShows() {
        Client.Reply reply = client.post("steps", neuron());
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("gradient:w", reply.object().get("derivative"));
        assertEquals("Gradient in the shape of w", reply.object().get("layout"));
        List<Map<String, Object>> steps = list(reply.object(), "steps");
        assertEquals(List.of("define", "local", "chain", "substitute", "result"),
                steps.stream().map(s -> s.get("kind")).distinct().toList());
        Map<String, Object> dot = steps.stream().filter(s -> "dot product".equals(s.get("rule"))).findFirst().orElseThrow();
        assertEquals("4.4", dot.get("section"));
        assertEquals("Local derivatives", dot.get("heading"));
        assertEquals(Json.object("latex", "\\frac{\\partial u_{1}}{\\partial w} = x^{\\top}", "text", "∂u1/∂w = xᵀ"),
                dot.get("expression"));
        assertEquals("vector[n]'", dot.get("shape"));
        Map<String, Object> result = steps.get(steps.size() - 1);
        Map<String, Object> analysis = client.post("analyze", neuron()).object();
        Map<String, Object> derivative = list(list(analysis, "functions").get(0), "derivatives").get(0);
        assertEquals("∂f/∂w = " + member(derivative, "value").get("text"), member(result, "expression").get("text"),
                "the steps end in the derivative the page shows");

        Client.Reply hessian = client.post("steps", Json.object("expression", "x' * A * x", "derivative", "hessian",
                "wrt", "x", "derivative_id", "hessian:x"));
        assertEquals(200, hessian.status(), hessian::toString);
        assertEquals(List.of("The gradient g = ∂f/∂x", "Its Jacobian by x: the Hessian"),
                list(hessian.object(), "steps").stream().map(s -> s.get("part")).distinct().toList());

        Client.Reply file = client.post("steps", Json.object("mode", "file", "function", "neuron", "file",
                "function neuron(w: vector[n], b: scalar, x: vector[n]) = z = w . x + b; max(0, z) gradient wrt w;"));
        assertEquals(200, file.status(), file::toString);
        assertTrue(list(file.object(), "steps").stream().anyMatch(s -> member(s, "expression").get("text")
                .equals("z = u1 + b")), "a local definition names its step");
    }

    @Test
    void refusesWhatIsNotARequestOfThePage() {
        assertEquals(413, client.post("analyze", Json.object("expression", "x".repeat(300_000))).status());
        assertEquals(422, client.post("analyze", Json.object("expression", "x+".repeat(15_000) + "x")).status(),
                "an expression longer than the page's limit");
        assertEquals(400, client.post("analyze", "{\"expression\": ").status());
        assertEquals(400, client.post("analyze", Json.object("expression", 3.0)).status());
        assertEquals(404, client.post("compile", neuron()).status());
        assertEquals(405, client.get("/api/analyze").status());
        assertEquals(415, client.send(HttpRequest.newBuilder(server.uri().resolve("/api/analyze"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}"))).status());
        assertEquals(403, client.send(HttpRequest.newBuilder(server.uri().resolve("/api/analyze"))
                .header("Content-Type", "application/json").header("Origin", "https://example.org")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(neuron())))).status());
    }

    @Test
    void answersOnlyRequestsAddressedToItself() throws Exception {
        // A page on another host name that resolves to 127.0.0.1 (DNS rebinding) sends its own Host.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.uri().getPort())) {
            String body = Json.write(neuron());
            socket.getOutputStream().write(("POST /api/analyze HTTP/1.1\r\nHost: rebound.example:" + server.uri().getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            assertEquals("HTTP/1.1 403 Forbidden", status);
        }
    }

    @Test
    void servesThePageAndItsFilesOnly() {
        Client.Reply page = client.get("/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<title>chainrule</title>"));
        assertTrue(page.headers().get("content-security-policy").get(0).contains("default-src 'none'"));
        assertEquals(200, client.get("/katex/katex.min.js").status());
        assertEquals(200, client.get("/page.js").status());
        assertEquals("font/woff2", client.get("/katex/fonts/KaTeX_Main-Regular.woff2").headers().get("content-type").get(0));
        for (String path : List.of("/../pom.xml", "/dev/chainrule/serve/Pipeline.class", "/katex/README.md",
                "/page/../katex/LICENSE", "/nothing")) {
            assertEquals(404, client.get(path).status(), path);
        }
    }

    @Test
    void answersConcurrentRequestsEachWithItsOwnResult() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Client.Reply>> replies = new ArrayList<>();
            for (int i = 1; i <= 32; i++) {
                String expression = "sum(x .^ " + i + ")";
                replies.add(pool.submit(() -> client.post("analyze", Json.object("expression", expression, "wrt", "x"))));
            }
            for (int i = 1; i <= 32; i++) {
                Client.Reply reply = replies.get(i - 1).get();
                assertEquals(200, reply.status(), reply::toString);
                String gradient = (String) member(list(only(reply, "functions"), "derivatives").get(0), "value").get("text");
                // d/dx sum(x .^ i) = i x^(i-1), entry by entry.
                String expected = i == 1 ? "1⃗" : i == 2 ? "2x" : i + "(x.^" + (i - 1) + ")";
                assertEquals(expected, gradient, "the reply to sum(x .^ " + i + ")");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static double[] doubles(Object json) {
        @SuppressWarnings("unchecked")
        List<Double> list = (List<Double>) json;
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void assertArrayEquals(double[] expected, double[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, 1e-12);
    }
}

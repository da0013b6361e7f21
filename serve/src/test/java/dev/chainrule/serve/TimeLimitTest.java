package dev.chainrule.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A request that takes too long gets an error reply at the limit, and the server goes on serving. */
class TimeLimitTest {

    /** Twelve functions whose Hessians take seconds in all: far over the limit below, within the page's length. */
    static String slowFile() {
        StringBuilder file = new StringBuilder();
        for (int f = 0; f < 12; f++) {
            file.append("function f").append(f).append("(x: vector[n]) =\n");
            String previous = "x";
            for (int i = 0; i < 50; i++) {
                file.append("a").append(i).append("=sin(").append(previous).append(").*cos(").append(previous)
                        .append(");\n");
                previous = "a" + i;
            }
            file.append("    sum(").append(previous).append(") hessian wrt x;\n");
        }
        return file.toString();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSlowRequestGetsAnErrorAndOthersAreStillAnswered() throws Exception {
        // Warm the pipeline up, so that the quick request below is quick from the start.
        new Pipeline().analyze(new Input(Input.Mode.EXPRESSION, "x' * A * x", "x", "", Input.Kind.HESSIAN, ""),
                Deadline.NONE);
        Limits limits = Limits.DEFAULT.withTimeLimit(Duration.ofMillis(500));
        try (Playground server = Playground.start(0, limits, new PrintStream(OutputStream.nullOutputStream()))) {
            Client client = new Client(server.uri());
            CompletableFuture<Client.Reply> slow = CompletableFuture.supplyAsync(
                    () -> client.post("analyze", Json.object("mode", "file", "file", slowFile())));
            Client.Reply quick = client.post("analyze", Json.object("expression", "x' * A * x", "wrt", "x"));
            assertEquals(200, quick.status(), quick::toString);

            Client.Reply reply = slow.get();
            assertEquals(422, reply.status(), reply::toString);
            Map<String, Object> problem = ((List<Map<String, Object>>) reply.object().get("problems")).get(0);
            assertEquals("file", problem.get("field"));
            assertTrue(((String) problem.get("message")).startsWith("this took longer than 500 ms"), reply::toString);

            Client.Reply after = client.post("analyze", Json.object("expression", "sum(x .^ 2)", "wrt", "x"));
            assertEquals(200, after.status(), after::toString);
        }
    }
}

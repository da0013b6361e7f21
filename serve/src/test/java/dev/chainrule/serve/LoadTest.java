package dev.chainrule.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A bounded load on loopback: 1,000 requests, 8 at a time, every tenth pathological (nesting
 * thousands deep, sizes that cannot fit, bodies over the limit). Every request must be answered,
 * every valid one with success, every pathological one with a result or a refusal, never an
 * internal error.
 * Writes the latencies to serve/target/load-test.txt, the figures docs/playground.md quotes.
 */
class LoadTest {
    static final int REQUESTS = 1_000;
    static final int CONCURRENCY = 8;

    /** Valid requests: the paper's functions and the README's, each derivative kind, and numbers. */
    static final List<Map<String, Object>> VALID = List.of(
            Json.object("expression", "max(0, w . x + b)", "wrt", "w, b"),
            Json.object("expression", "x' * A * x", "wrt", "x"),
            Json.object("expression", "x' * A * x", "wrt", "x", "derivative", "hessian"),
            Json.object("expression", "sum((X * w - y) .^ 2)", "wrt", "w"),
            Json.object("expression", "sin(A * x)", "wrt", "x", "derivative", "jacobian"),
            Json.object("expression", "log(sum(exp(x)))", "wrt", "x"),
            Json.object("expression", "sigmoid(w · x + b)", "wrt", "w", "derivative", "hessian"),
            Json.object("expression", "tr(inv(A) * B) + logdet(A)", "wrt", "", "declarations", "A: matrix[n,n]"),
            Json.object("mode", "file", "file", "function loss(w: vector[n], X: matrix[N, n], y: vector[N]) =\n"
                    + "    r = X * w - y;\n    sum(r .^ 2) / N gradient wrt w;\n"));

    static List<Object[]> requests() {
        List<Object[]> requests = new ArrayList<>();
        String deepParentheses = "(".repeat(9_000) + "x" + ")".repeat(9_000) + "' * x";
        String deepCalls = "sum(" + "sin(".repeat(1_000) + "x" + ")".repeat(1_000) + ")";
        for (int i = 0; i < REQUESTS; i++) {
            if (i % 10 == 9) {
                Object[] pathological = switch ((i / 10) % 4) {
                    case 0 -> new Object[] {"analyze", Json.object("expression", deepParentheses, "wrt", "x")};
                    case 1 -> new Object[] {"analyze", Json.object("expression", deepCalls, "wrt", "x")};
                    case 2 -> new Object[] {"evaluate", Json.object("expression", "x' * A * x", "wrt", "x", "seed", 1.0,
                            "dimensions", Json.object("n", 1e9))};
                    default -> new Object[] {"analyze", Json.object("expression", "x".repeat(400_000))};
                };
                // Deep nesting is handled (or refused), sizes that cannot fit refused, bodies too large refused.
                Set<Integer> expected = switch ((i / 10) % 4) {
                    case 0, 1 -> Set.of(200, 422);
                    case 2 -> Set.of(422);
                    default -> Set.of(413);
                };
                requests.add(new Object[] {pathological[0], pathological[1], expected});
            } else {
                Map<String, Object> request = new java.util.LinkedHashMap<>(VALID.get(i % VALID.size()));
                String endpoint = "analyze";
                if (i % 3 == 0) {
                    endpoint = "evaluate";
                    request.put("seed", (double) i);
                }
                requests.add(new Object[] {endpoint, request, Set.of(200)});
            }
        }
        return requests;
    }

    @Test
    void answersEveryRequestAndEveryValidOneWithSuccess() throws Exception {
        try (Playground server = Playground.start(0, Limits.DEFAULT, new PrintStream(OutputStream.nullOutputStream()))) {
            Client client = new Client(server.uri());
            List<Object[]> requests = requests();
            ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
            long start = System.nanoTime();
            List<Future<long[]>> results = new ArrayList<>();
            for (Object[] r : requests) {
                results.add(pool.submit(() -> {
                    long t = System.nanoTime();
                    Client.Reply reply = client.post((String) r[0], r[1]);
                    return new long[] {System.nanoTime() - t, reply.status()};
                }));
            }
            long[] valid = new long[REQUESTS];
            long[] pathological = new long[REQUESTS];
            int validCount = 0;
            int pathologicalCount = 0;
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                long[] result = results.get(i).get();
                int status = (int) result[1];
                statuses.merge(status, 1, Integer::sum);
                @SuppressWarnings("unchecked")
                Set<Integer> expected = (Set<Integer>) requests.get(i)[2];
                if (i % 10 != 9) {
                    valid[validCount++] = result[0];
                } else {
                    pathological[pathologicalCount++] = result[0];
                }
                if (!expected.contains(status)) {
                    String request = requests.get(i)[1].toString();
                    failures.add("request " + i + " got " + status + ", not one of " + expected + ": "
                            + request.substring(0, Math.min(80, request.length())));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();

            long[] all = new long[REQUESTS];
            System.arraycopy(valid, 0, all, 0, validCount);
            System.arraycopy(pathological, 0, all, validCount, pathologicalCount);
            String report = String.format(Locale.ROOT, """
                    %d requests, %d at a time, in %.1f s (%d valid, %d pathological); statuses %s
                    all:          median %s, 99th percentile %s
                    valid:        median %s, 99th percentile %s
                    pathological: median %s, 99th percentile %s
                    """, REQUESTS, CONCURRENCY, seconds, validCount, pathologicalCount, statuses,
                    ms(all, REQUESTS, 50), ms(all, REQUESTS, 99), ms(valid, validCount, 50), ms(valid, validCount, 99),
                    ms(pathological, pathologicalCount, 50), ms(pathological, pathologicalCount, 99));
            System.out.print(report);
            write(report);
            assertEquals(List.of(), failures);
            assertEquals(REQUESTS, validCount + pathologicalCount);
        }
    }

    /** The given percentile (nearest rank) of the first {@code n} latencies, in milliseconds. */
    private static String ms(long[] nanos, int n, int percentile) {
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * n);
        return String.format(Locale.ROOT, "%.1f ms", sorted[Math.max(0, rank - 1)] / 1e6);
    }

    private static void write(String report) throws IOException {
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("load-test.txt"), report, StandardCharsets.UTF_8);
        }
    }
}

package dev.chainrule.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server of {@code chainrule serve}: the page and its JSON API on 127.0.0.1, with the JDK's own
 * HTTP server.
 *
 * <p>A request is bounded before any work: its body in bytes, its texts in characters, the sizes
 * its numbers would take. Its work runs on a small pool of threads with deep stacks (deeply nested
 * input is handled as the command line handles it) and is bounded in time: past
 * {@link Limits#timeLimit()} the request gets an error reply, and its work stops at the next check
 * between stages, while other requests go on being served. When every worker is busy and the queue
 * is full, a request is answered "busy" at once. Only chainrule's pipeline runs on what a request
 * holds: the one class compiled is the one chainrule generated.
 *
 * <p>API: {@code POST /api/analyze}, {@code /api/evaluate} and {@code /api/steps}, each taking and
 * returning JSON (docs/playground.md describes them).
 */
public final class Playground implements AutoCloseable {
    /** The stack of the worker threads, as deep as the command line's: 10,000 nested parentheses. */
    static final long STACK_SIZE = 1L << 30;
    /** The most of a too-large request body read (and dropped) before the refusal is sent. */
    private static final long DISCARDED = 16L << 20;

    private final HttpServer server;
    private final ThreadPoolExecutor work;
    private final ExecutorService exchanges;
    private final Limits limits;
    private final PrintStream log;
    private final Pipeline pipeline = new Pipeline();
    private final Assets assets = new Assets();
    private final int port;

    private Playground(HttpServer server, Limits limits, PrintStream log) {
        this.server = server;
        this.limits = limits;
        this.log = log;
        this.port = server.getAddress().getPort();
        this.work = new ThreadPoolExecutor(limits.workers(), limits.workers(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(limits.queued()), threads("chainrule-work", STACK_SIZE),
                new ThreadPoolExecutor.AbortPolicy());
        // Threads that read requests and wait for their work: more than the workers, so that a
        // request can always be refused or timed out while the workers are busy.
        this.exchanges = Executors.newFixedThreadPool(limits.workers() + limits.queued(), threads("chainrule-http", 0));
        server.createContext("/", this::handle);
        server.setExecutor(exchanges);
    }

    /**
     * Starts serving on 127.0.0.1, on {@code port} or, for 0, on a free port.
     *
     * @param log where internal errors are reported with their stack trace (never to the page)
     * @throws IOException if the port cannot be bound
     */
    public static Playground start(int port, Limits limits, PrintStream log) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
        Playground playground = new Playground(server, limits, log);
        server.start();
        return playground;
    }

    /** The page's address, as {@code http://127.0.0.1:PORT/}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Stops serving: no new request is accepted, and work under way is cancelled. */
    @Override
    public void close() {
        server.stop(0);
        work.shutdownNow();
        exchanges.shutdownNow();
    }

    private static ThreadFactory threads(String name, long stackSize) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(null, task, name + "-" + count.incrementAndGet(), stackSize);
            thread.setDaemon(true);
            return thread;
        };
    }

    // ---- requests -------------------------------------------------------------------------------

    /** A reply: a status and a JSON value. */
    private record Reply(int status, Object json) {}

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!hostIsOurs(exchange)) {
                // Another host name resolving to 127.0.0.1 (DNS rebinding) must not reach the API.
                send(exchange, new Reply(403, error("this server answers requests for 127.0.0.1:" + port
                        + " and localhost:" + port + " only")));
            } else if (path.startsWith("/api/")) {
                api(exchange, path.substring("/api/".length()));
            } else {
                assets.serve(exchange, path);
            }
        } catch (IOException clientWentAway) {
            // Nothing to answer.
        } catch (RuntimeException e) {
            log.println("chainrule serve: internal error while answering " + exchange.getRequestURI() + ": " + e);
            e.printStackTrace(log);
        }
    }

    private boolean hostIsOurs(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host == null || host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port);
    }

    private void api(HttpExchange exchange, String endpoint) throws IOException {
        if (!List.of("analyze", "evaluate", "steps").contains(endpoint)) {
            send(exchange, new Reply(404, error("no such endpoint: /api/" + endpoint
                    + " (there are /api/analyze, /api/evaluate and /api/steps)")));
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            send(exchange, new Reply(405, error("/api/" + endpoint + " takes POST")));
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            // Also what keeps other sites' forms out: they cannot send JSON without asking first.
            send(exchange, new Reply(415, error("send the request as Content-Type: application/json")));
            return;
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && !origin.equals("http://127.0.0.1:" + port) && !origin.equals("http://localhost:" + port)) {
            send(exchange, new Reply(403, error("requests from other sites are refused")));
            return;
        }
        String body = readBody(exchange);
        if (body == null) {
            send(exchange, new Reply(413, error("the request is larger than " + limits.maxBodyBytes() / 1024
                    + " KiB, the page's limit")));
            return;
        }
        Map<String, Object> request;
        try {
            request = Json.members(Json.parse(body), "the request");
        } catch (Json.MalformedException e) {
            send(exchange, new Reply(400, error(e.getMessage())));
            return;
        }
        Deadline deadline = Deadline.after(limits.timeLimit());
        Future<Reply> reply;
        try {
            reply = work.submit(() -> work(endpoint, request, deadline));
        } catch (RejectedExecutionException busy) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            send(exchange, new Reply(503, error("the server is busy with other requests; try again in a moment")));
            return;
        }
        try {
            send(exchange, reply.get(Math.max(0, deadline.nanoTime() - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            reply.cancel(true);
            send(exchange, timedOut(request));
        } catch (InterruptedException e) {
            reply.cancel(true);
            Thread.currentThread().interrupt();
            send(exchange, new Reply(503, error("the server is stopping")));
        } catch (ExecutionException e) {
            send(exchange, internalError(e.getCause(), exchange));
        }
    }

    private Reply work(String endpoint, Map<String, Object> request, Deadline deadline) {
        try {
            Input input = Input.from(request, limits);
            List<Pipeline.Function> functions = pipeline.analyze(input, deadline);
            deadline.check();
            return switch (endpoint) {
                case "analyze" -> new Reply(200, Replies.analysis(input, functions));
                case "evaluate" -> new Reply(200, Numbers.evaluate(pipeline, function(functions, request),
                        Replies.numbersRequest(request), limits, deadline));
                default -> steps(functions, request);
            };
        } catch (Problem.InputError e) {
            return new Reply(422, Replies.problems(e.problems()));
        } catch (Json.MalformedException e) {
            return new Reply(400, error(e.getMessage()));
        } catch (Deadline.Expired e) {
            return timedOut(request);
        } catch (StackOverflowError e) {
            return new Reply(422, Replies.problems(List.of(Problem.whole(mainField(request), text(request),
                    "nested too deeply to process here; the command line takes deeper input"))));
        } catch (OutOfMemoryError e) {
            return new Reply(503, error("the server ran out of memory on this request"));
        }
    }

    private Reply steps(List<Pipeline.Function> functions, Map<String, Object> request) {
        Pipeline.Function function = function(functions, request);
        Object id = request.get("derivative_id");
        Pipeline.Derivative derivative = function.derivatives().stream()
                .filter(d -> id == null || d.id().equals(id)).findFirst()
                .orElseThrow(() -> new Json.MalformedException("no derivative " + id + " of " + function.name()));
        return new Reply(200, Steps.reply(function, derivative, Pipeline.explain(function, derivative)));
    }

    private static Pipeline.Function function(List<Pipeline.Function> functions, Map<String, Object> request) {
        Object name = request.get("function");
        if (name == null) {
            return functions.get(0);
        }
        return functions.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new Json.MalformedException("no function " + name + " in the input"));
    }

    private Reply timedOut(Map<String, Object> request) {
        long seconds = limits.timeLimit().toSeconds();
        return new Reply(422, Replies.problems(List.of(Problem.whole(mainField(request), text(request),
                "this took longer than " + (seconds > 0 ? seconds + " s" : limits.timeLimit().toMillis() + " ms")
                        + ", the page's limit for one request; the command line has no limit"))));
    }

    private static String mainField(Map<String, Object> request) {
        return "file".equals(request.get("mode")) ? "file" : "expression";
    }

    private static String text(Map<String, Object> request) {
        return request.get(mainField(request)) instanceof String s ? s : "";
    }

    private Reply internalError(Throwable failure, HttpExchange exchange) {
        log.println("chainrule serve: internal error while answering " + exchange.getRequestURI() + ": " + failure);
        failure.printStackTrace(log);
        return new Reply(500, error("internal error: " + failure + ". This is a bug in chainrule: please report it, "
                + "with the input that caused it."));
    }

    private static Map<String, Object> error(String message) {
        return Json.object("ok", false, "error", message);
    }

    /**
     * The body as text, or null if it is longer than the limit. A longer body is not kept: it is
     * read and dropped, up to {@link #DISCARDED} bytes, so that the client, still sending, can read
     * the refusal (closing the connection under it would reset it instead).
     */
    private String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(limits.maxBodyBytes() + 1);
            if (bytes.length <= limits.maxBodyBytes()) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
            long dropped = 0;
            byte[] sink = new byte[1 << 16];
            for (int n; dropped < DISCARDED && (n = in.read(sink)) > 0; ) {
                dropped += n;
            }
            exchange.getResponseHeaders().set("Connection", "close");
            return null;
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = Json.write(reply.json()).getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json; charset=utf-8");
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

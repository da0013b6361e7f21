package dev.chainrule.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The page's files, served from the jar: the page itself, and KaTeX's script, stylesheet and fonts
 * (serve/src/main/resources/dev/chainrule/serve/katex, from the katex npm package). Only the names
 * this pattern allows are served, so no path can reach anything else on the class path.
 */
final class Assets {
    private static final Pattern SERVED = Pattern.compile(
            "/(page/(index\\.html|page\\.css|page\\.js|highlight\\.js|favicon\\.svg)"
                    + "|katex/(katex\\.min\\.js|katex\\.min\\.css|fonts/KaTeX_[A-Za-z0-9-]+\\.woff2))");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "woff2", "font/woff2");
    /** Scripts, styles and fonts from this server only; KaTeX sets styles through the DOM, which this allows. */
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    void serve(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        var headers = exchange.getResponseHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        if (!method.equals("GET") && !method.equals("HEAD")) {
            headers.set("Allow", "GET, HEAD");
            sendText(exchange, 405, "405: the page's files take GET\n", method);
            return;
        }
        String name = path.equals("/") || path.equals("/index.html") ? "/page/index.html"
                : path.equals("/favicon.ico") ? "/page/favicon.svg" : path;
        if (!name.startsWith("/katex/") && !name.startsWith("/page/")) {
            name = "/page" + name;
        }
        byte[] bytes = SERVED.matcher(name).matches() ? load(name) : null;
        if (bytes == null) {
            sendText(exchange, 404, "404: no such page: " + path + "\n", method);
            return;
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        headers.set("Content-Type", TYPES.get(extension));
        headers.set("Cache-Control", name.startsWith("/katex/") ? "public, max-age=86400" : "no-cache");
        if (extension.equals("html")) {
            headers.set("Content-Security-Policy", POLICY);
        }
        send(exchange, 200, bytes, method);
    }

    private byte[] load(String name) {
        byte[] cached = cache.get(name);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = Assets.class.getResourceAsStream("/dev/chainrule/serve" + name)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readAllBytes();
            cache.put(name, bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sendText(HttpExchange exchange, int status, String text, String method) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        send(exchange, status, text.getBytes(StandardCharsets.UTF_8), method);
    }

    private static void send(HttpExchange exchange, int status, byte[] bytes, String method) throws IOException {
        if (method.equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

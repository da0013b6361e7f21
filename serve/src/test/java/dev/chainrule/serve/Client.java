package dev.chainrule.serve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Talks to a Playground over loopback, as the page does. */
final class Client {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    Client(URI base) {
        this.base = base;
    }

    /** A reply: its status and its body read as JSON (null if it is not JSON). */
    record Reply(int status, Object json, String body, Map<String, java.util.List<String>> headers) {
        @SuppressWarnings("unchecked")
        Map<String, Object> object() {
            return (Map<String, Object>) json;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Reply post(String endpoint, Object request) {
        return send(HttpRequest.newBuilder(base.resolve("/api/" + endpoint))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request instanceof String s ? s : Json.write(request))));
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Object json;
            try {
                json = Json.parse(response.body());
            } catch (Json.MalformedException notJson) {
                json = null;
            }
            return new Reply(response.statusCode(), json, response.body(), response.headers().map());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpClient http() {
        return http;
    }

    URI base() {
        return base;
    }
}

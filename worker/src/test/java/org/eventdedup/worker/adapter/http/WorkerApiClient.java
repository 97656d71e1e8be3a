package org.eventdedup.worker.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Calls a server under test and keeps every response, so a test can check them all at the end. */
final class WorkerApiClient {

    /** One response as the tests see it. */
    record Response(int status, Map<String, List<String>> headers, String body) {
        private static final ObjectMapper JSON = new ObjectMapper();

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        String contentType() {
            return header("Content-Type").orElse("");
        }

        Map<String, Object> json() {
            try {
                return JSON.readValue(body, new TypeReference<>() { });
            } catch (IOException e) {
                throw new AssertionError("not a JSON object: " + body, e);
            }
        }

        List<Map<String, Object>> jsonList() {
            try {
                return JSON.readValue(body, new TypeReference<>() { });
            } catch (IOException e) {
                throw new AssertionError("not a JSON array: " + body, e);
            }
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list(String field) {
            return (List<Map<String, Object>>) json().get(field);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String authorization;
    private final List<Response> responses = new ArrayList<>();

    /**
     * @param authorization the Authorization header every request sends (the server requires a sign-in), unless a
     *                      request gives its own
     */
    WorkerApiClient(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    Response get(String path) {
        return send("GET", path, null, BodyPublishers.noBody());
    }

    /** An upload named by the X-File-Name header. */
    Response ingest(String fileName, byte[] content) {
        return send("POST", "/api/ingest", "application/json", BodyPublishers.ofByteArray(content),
                "X-File-Name", fileName);
    }

    Response send(String method, String path, String contentType, BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        boolean ownAuthorization = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            ownAuthorization |= headers[i].equalsIgnoreCase("Authorization");
        }
        if (!ownAuthorization) {
            request.header("Authorization", authorization);
        }
        try {
            var response = client.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
            Response result = new Response(response.statusCode(), response.headers().map(), response.body());
            responses.add(result);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** No response held a stack trace or an exception's class name, and every error was problem+json. */
    void assertResponsesAreClean() {
        for (Response r : responses) {
            assertThat(r.body()).as("response body").doesNotContain("Exception").doesNotContain("\tat ")
                    .doesNotContain("org.eventdedup").doesNotContain("SELECT ");
            if (r.status() >= 400) {
                assertThat(r.contentType()).as("error %s: %s", r.status(), r.body())
                        .startsWith("application/problem+json");
            }
        }
    }
}

package cn.moralbank.web.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The application's HTTP API as the load driver sees it: sign-in once per person, then bearer calls. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String password;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final HttpClient signIn = client();

    Api(String base, String password) {
        this.base = base;
        this.password = password;
    }

    String base() {
        return base;
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    String token(String username) {
        return tokens.computeIfAbsent(username, u -> {
            try {
                HttpResponse<String> answer = signIn.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                                Map.of("username", u, "password", password)))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("sign-in of " + u + " answered " + answer.statusCode());
                }
                return JSON.readTree(answer.body()).get("access_token").asText();
            } catch (IOException e) {
                throw new IllegalStateException("sign-in of " + u + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** A GET as this user (no sign-in when null). */
    HttpResponse<String> get(HttpClient http, String username, String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", "zh-CN");
        if (username != null) {
            request.header("Authorization", "Bearer " + token(username));
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(HttpClient http, String username, String path, Object body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer "
                        + token(username)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode parse(String body) throws IOException {
        return JSON.readTree(body);
    }
}

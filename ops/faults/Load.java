import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;

/**
 * Checkout and credit load from several client threads over HTTP, as kiosks and administrators send it. Every
 * operation is recorded with its id and what the client saw: applied (a 2xx with the entry booked), refused (an
 * answer saying no, e.g. not enough points), or unknown (an error, a timeout, a dropped connection).
 */
final class Load {
    static final ObjectMapper JSON = new ObjectMapper();
    enum Outcome { APPLIED, REFUSED, UNKNOWN }

    /** One operation: its ledger entry id is what the event store must hold once when it was applied. */
    static final class Op {
        final String kind, id, household, entryId, user, path, body;
        volatile Outcome outcome = Outcome.UNKNOWN;
        volatile String detail = "";
        volatile boolean retried;

        Op(String kind, String id, String household, String entryId, String user, String path, String body) {
            this.kind = kind;
            this.id = id;
            this.household = household;
            this.entryId = entryId;
            this.user = user;
            this.path = path;
            this.body = body;
        }
    }

    private final County county;
    private final Map<String, String> tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    Load(County county, Map<String, String> tokens) {
        this.county = county;
        this.tokens = tokens;
    }

    /** Runs the load for a while from several threads, spreading requests over the nodes; answers every op tried. */
    List<Op> run(String scenario, List<AppNode> nodes, int threads, Duration duration) throws InterruptedException {
        return run(scenario, nodes, threads, duration, 3);
    }

    /** The same, with {@code creditsInFive} of every five operations credits and the others kiosk checkouts. */
    List<Op> run(String scenario, List<AppNode> nodes, int threads, Duration duration, int creditsInFive)
            throws InterruptedException {
        List<Op> ops = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            pool.submit(() -> {
                Random random = new Random(scenario.hashCode() * 31L + thread);
                for (int n = 0; System.nanoTime() < end; n++) {
                    Op op = next(random, scenario + "-" + thread + "-" + n, creditsInFive);
                    ops.add(op);
                    send(nodes.get((thread + n) % nodes.size()), op);
                    while (resendWhileRefused && op.outcome == Outcome.UNKNOWN
                            && op.detail.equals("ConnectException") && System.nanoTime() < end) {
                        send(nodes.get((thread + n) % nodes.size()), op); // the node is down: nothing reached it
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("load threads did not finish");
        }
        return ops;
    }

    /**
     * When set, a client whose request was refused at the connection (the node is down, so nothing reached it) sends
     * the same request again until the load ends, as a kiosk does, instead of going on to a new one.
     */
    volatile boolean resendWhileRefused;

    /** Sends every op that ended unknown once more with the same id, as a kiosk or a person would retry it. */
    void retryUnknown(List<Op> ops, AppNode node) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        for (Op op : ops) {
            if (op.outcome == Outcome.UNKNOWN) {
                op.retried = true;
                pool.submit(() -> send(node, op));
            }
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
    }

    private Op next(Random random, String shortId, int creditsInFive) {
        String id = "faults-" + shortId; // a checkout's request id has 8 to 64 characters
        County.Household h = county.households().get(random.nextInt(county.households().size()));
        if (random.nextInt(5) < creditsInFive) {
            String body = json(Map.of("entryId", id, "points", 1 + random.nextInt(5), "reason", "故障演练 " + id));
            return new Op("credit", id, h.id(), id, "hedong.admin", "/api/households/" + h.id() + "/credits", body);
        }
        String body = json(Map.of("requestId", id, "cardNumber", h.card(), "pin", County.PIN,
                "lines", List.of(Map.of("productId", county.productId(), "quantity", 1 + random.nextInt(3),
                        "unitPoints", county.price()))));
        return new Op("checkout", id, h.id(), "checkout:" + id, "hedong.kiosk1", "/api/kiosk/checkouts", body);
    }

    private void send(AppNode node, Op op) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(node.url() + op.path))
                    .timeout(Duration.ofSeconds(45))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .header("Authorization", "Bearer " + tokens.get(op.user))
                    .POST(HttpRequest.BodyPublishers.ofString(op.body)).build(), HttpResponse.BodyHandlers.ofString());
            classify(op, answer.statusCode(), answer.body());
        } catch (IOException | InterruptedException e) {
            op.outcome = Outcome.UNKNOWN;
            op.detail = e.getClass().getSimpleName();
            pause(); // a node that is down refuses at once: a kiosk would not retry in a tight loop either
        }
    }

    private static void classify(Op op, int status, String body) throws IOException {
        JsonNode json = body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        String code = json.path("code").asText("");
        op.detail = status + (code.isEmpty() ? "" : " " + code);
        if (status == 200 || status == 201) {
            boolean completed = !op.kind.equals("checkout") || "COMPLETED".equals(json.path("status").asText());
            op.outcome = completed ? Outcome.APPLIED : Outcome.UNKNOWN;
        } else if (status >= 400 && status < 500 && status != 408 && status != 429 && !code.equals("checkout.busy")) {
            op.outcome = Outcome.REFUSED; // an answer: nothing was done (a 422 refusal, or a 4xx the caller caused)
        } else {
            op.outcome = Outcome.UNKNOWN;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.*;

/**
 * What the load works on, from the demo county: eight households of 河东村 given card PIN 1234 and a starting
 * credit, 河东村's love supermarket and a product without a monthly limit, stocked well beyond what the load buys.
 */
record County(List<Household> households, long supermarketId, long productId, long price) {
    static final String PIN = "1234";

    record Household(String id, String card) {
    }

    static County prepare(Connection db, String baseUrl, Map<String, String> tokens) throws Exception {
        List<Household> households = new ArrayList<>();
        try (var s = db.createStatement(); var rs = s.executeQuery("""
                SELECT h.id, h.card_number FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                WHERE r.name = '河东村' ORDER BY h.card_number LIMIT 8""")) {
            while (rs.next()) {
                households.add(new Household(rs.getString(1), rs.getString(2)));
            }
        }
        long shop = single(db, "SELECT s.id FROM supermarket s JOIN region r ON r.id = s.region_id WHERE r.name = '河东村'");
        long product = single(db, "SELECT id FROM product WHERE supermarket_id = " + shop + " AND picture = 'salt'");
        long price = single(db, "SELECT price_points FROM product WHERE id = " + product);
        HttpClient http = HttpClient.newHttpClient();
        for (Household h : households) {
            call(http, baseUrl, tokens.get("hedong.admin"), "PUT", "/api/households/" + h.id() + "/pin",
                    Load.json(Map.of("pin", PIN)));
            call(http, baseUrl, tokens.get("hedong.admin"), "POST", "/api/households/" + h.id() + "/credits",
                    Load.json(Map.of("entryId", "faults-start-" + h.id().substring(0, 8), "points", 200,
                            "reason", "故障演练起始积分")));
        }
        for (int i = 0; i < 20; i++) {
            call(http, baseUrl, tokens.get("hedong.shop"), "POST", "/api/supermarkets/" + shop + "/donations",
                    Load.json(Map.of("donationId", UUID.randomUUID().toString(), "donor", "故障演练",
                            "donorKind", "VILLAGE", "lines", List.of(Map.of("productId", product, "quantity", 999)))));
        }
        return new County(households, shop, product, price);
    }

    /** Signs the demo people in; their tokens are valid on every node and across restarts (one signing secret). */
    static Map<String, String> signIn(String baseUrl, String... users) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, String> tokens = new HashMap<>();
        for (String user : users) {
            String answer = call(http, baseUrl, null, "POST", "/api/login",
                    Load.json(Map.of("username", user, "password", "demo1234")));
            tokens.put(user, Load.JSON.readTree(answer).get("access_token").asText());
        }
        return tokens;
    }

    static String call(HttpClient http, String baseUrl, String token, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (var s = db.createStatement(); var rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("nothing for " + sql);
            }
            return rs.getLong(1);
        }
    }
}

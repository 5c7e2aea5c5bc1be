package cn.moralbank.web.access;

import cn.moralbank.web.testing.AppTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.*;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The authorization matrix: every route the router knows × every role × every region relation (own, child,
 * sibling, parent, other county), and every route without sign-in. The routes come from Micronaut's router at run
 * time, so a new endpoint missing from {@link Routes} fails here. Each cell is asserted: allowed (any answer but
 * 401, 403, 404 or 5xx: a 400/422 means the request got past authorization), refused (403; the design does not hide
 * existence behind 404), or, signed out, 401 for /api/** and a redirect to /login for pages. After the refused
 * writes of each route the database is compared with itself before them.
 */
@MicronautTest(transactional = false)
class AuthorizationMatrixTest extends AppTest {
    enum Relation { OWN, CHILD, SIBLING, PARENT, OTHER_COUNTY }

    /** One demo person per role, and the place of each relation around them (absent: no such relation). */
    record Caller(String role, String user, String placeOfScope, Map<Relation, String> places) {
    }

    static final List<Caller> CALLERS = List.of(
            new Caller("CO", "wenmingban", "A", places("HOME", "LEGUO", null, null)),
            new Caller("TO", "humaying", "T1", places("HOME", "SIBV", "LEGUO", "A")),
            new Caller("VA", "hedong.admin", "V1", places("HOME", "G2", "SIBV", "T1")),
            new Caller("CM", "hedong.c1", "V1", places("HOME", "G2", "SIBV", "T1")),
            new Caller("GW", "hedong.grid1", "HOME", places("HOME", null, "G2", "V1")),
            new Caller("SO", "hedong.shop", "V1", places("HOME", "G2", "SIBV", "T1")),
            new Caller("KI", "hedong.kiosk1", "V1", places("HOME", "G2", "SIBV", "T1")),
            new Caller("VL", "hedong.villager", "HOME", places("HOME", null, "NEIGHBOUR", "V1")),
            // a city office above none of these places: everything here is another city's (issue 15)
            new Caller("CI", "city.office", "CITY", places(null, null, null, null)));

    /** Routes with a known defect that is not about access; listed in docs/reliability.md as open. */
    static final Set<String> OPEN = Set.of();

    @Inject
    Router router;
    @Inject
    ApplicationContext context;

    MatrixWorld world;
    HttpClient raw;
    /** Each cell comes from an address of its own (through the trusted proxy): no cell's wrong sign-in counts
     * against another's. */
    private final AtomicInteger addresses = new AtomicInteger();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("moralbank.trusted-proxies", "127.0.0.1,::1");
        // the refused writes of each route are checked by comparing the database before and after them: nothing
        // but the requests may write meanwhile, so every scheduled job is off (the reports job once wrote a report
        // in the middle of a route's refused writes)
        props.put("moralbank.deeds.objection-job.enabled", "false");
        props.put("moralbank.reports.job.enabled", "false");
        props.put("moralbank.kiosk.recovery.enabled", "false");
        props.put("moralbank.deeds.photo-cleanup.enabled", "false");
        props.put("moralbank.verify.job.enabled", "false");
        return props;
    }

    @BeforeAll
    void world() {
        raw = noRedirects();
        world = new MatrixWorld(context, sql(), (user, request) -> {
            try {
                return client.toBlocking().exchange(as(user, (MutableHttpRequest<?>) request), Map.class).getBody()
                        .orElse(Map.of());
            } catch (HttpClientResponseException e) {
                throw new AssertionError("setup: " + user + " " + request.getMethod() + " " + request.getPath()
                        + " answered " + e.code() + " " + e.getResponse().getBody(String.class).orElse(""), e);
            }
        }).build();
        settle();
    }

    /** Waits until two fingerprints in a row are the same: every projection has caught up. */
    private void settle() {
        String[] last = {""};
        MatrixWorld.await("the projections settle", () -> {
            String now = fingerprint();
            boolean same = now.equals(last[0]);
            last[0] = now;
            return same;
        });
    }

    @Test
    void everyRouteOfTheRouterIsInTheTableAndNoLineIsStale() {
        Set<String> known = Routes.ALL.stream().map(Route::shape).collect(Collectors.toSet());
        Set<String> routed = routerShapes();
        Set<String> missing = new TreeSet<>(routed);
        missing.removeAll(known);
        Set<String> stale = new TreeSet<>(known);
        stale.removeAll(routed);
        assertTrue(missing.isEmpty(), "routes not in the authorization matrix (add a line to Routes): " + missing);
        assertTrue(stale.isEmpty(), "lines of Routes that no route matches: " + stale);
        assertEquals(Routes.ALL.size(), known.size(), "one line per route");
    }

    @Test
    void everyCellAnswersAsTheTableSays() {
        List<Cell> cells = cells();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> counts = Collections.synchronizedMap(new TreeMap<>());
        // reads first, then refused writes route by route with the database compared, then allowed writes; reads
        // and refused writes change nothing, so their requests go out several at a time (a cell's own things are
        // made before, one by one)
        checkAll(cells.stream().filter(c -> !c.route.isWrite()).map(this::ownFixture).toList(), failures, counts);
        Map<Route, List<Cell>> writes = new LinkedHashMap<>();
        cells.stream().filter(c -> c.route.isWrite()).forEach(c -> writes.computeIfAbsent(c.route, r -> new ArrayList<>()).add(c));
        for (var entry : writes.entrySet()) {
            // each cell's own things are made before the database is fingerprinted, so the comparison sees only
            // what the refused requests did
            // refused cells change nothing (the fingerprint shows it), so those of one route share the things made
            // for them per place: one fresh deed for the route's refused cells, not one each
            Map<String, Place> made = new HashMap<>();
            List<Cell> refused = entry.getValue().stream().filter(c -> !c.allowed)
                    .map(c -> sharedFixture(c, made)).toList();
            if (refused.stream().anyMatch(c -> c.place != null && c.place.name().endsWith("*"))) {
                settle();
            }
            String before = fingerprint();
            checkAll(refused, failures, counts);
            String after = fingerprint();
            if (!before.equals(after)) {
                failures.add("refused writes of " + entry.getKey() + " changed the database: " + diff(before, after));
            }
        }
        writes.values().forEach(list -> list.stream().filter(c -> c.allowed).map(this::ownFixture)
                .forEach(c -> check(c, failures, counts)));
        System.out.println("authorization matrix: " + Routes.ALL.size() + " routes, " + CALLERS.size()
                + " roles, " + Relation.values().length + " relations: " + cells.size() + " cells " + counts);
        assertTrue(failures.isEmpty(), failures.size() + " of " + cells.size() + " cells are wrong:\n"
                + String.join("\n", failures.subList(0, Math.min(400, failures.size()))));
    }

    /** One request: who (null: signed out), on which relation and place, and whether the table allows it. */
    record Cell(Route route, Caller caller, Relation relation, Place place, boolean allowed) {
        Cell at(Place own) {
            return new Cell(route, caller, relation, own, allowed);
        }

        String who() {
            return (caller == null ? "SIGNED-OUT" : caller.role() + "(" + caller.user() + ")") + " on "
                    + (relation == null ? "-" : relation + "/" + place.name());
        }
    }

    private List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (Route route : Routes.ALL) {
            boolean placed = !route.kinds().isEmpty();
            Place first = world.places.values().stream().filter(p -> complete(route, p))
                    .min(Comparator.comparing(p -> !p.name().equals("HOME"))).orElse(null);
            if (!placed || first != null) {
                cells.add(new Cell(route, null, placed ? Relation.OWN : null, first, route.anonymous()));
            }
            for (Caller caller : CALLERS) {
                if (!placed) {
                    cells.add(new Cell(route, caller, null, null, route.allows(caller.role())));
                    continue;
                }
                for (Relation relation : Relation.values()) {
                    String name = caller.places().get(relation);
                    if (name == null) {
                        continue;
                    }
                    Place place = world.places.get(name);
                    if (complete(route, place)) {
                        cells.add(new Cell(route, caller, relation, place, expected(route, caller, place)));
                    }
                }
            }
        }
        return cells;
    }

    /**
     * The cell with things of its own where the route changes them: a write on a deed gets a fresh pending deed
     * (reported by the place's grid worker), so no cell meets a deed an earlier cell withdrew or voted on. Its
     * place's name ends with "*" (the place is otherwise the same).
     */
    private Cell ownFixture(Cell cell) {
        if (signsOut(cell)) {
            // signing out ends every session of the person: the cell signs out a twin of the caller (same role and
            // scope), so the caller's own token stays good for every other cell
            world.twin(cell.caller.user());
            return cell;
        }
        if (freshCheckout(cell)) {
            // a kiosk reads a checkout only while it is fresh (ten minutes): each kiosk cell gets one made now, so
            // the answer never depends on how long the cells before it took
            Place fresh = world.withFreshCheckout(cell.place);
            return cell.at(new Place(cell.place.name() + "*", fresh.path(), fresh.household(), fresh.ids()));
        }
        if (cell.place != null && cell.route.template().contains("{staff}")) {
            Place fresh = world.withFreshStaff(cell.place);
            return cell.at(new Place(cell.place.name() + "*", fresh.path(), fresh.household(), fresh.ids()));
        }
        if (cell.place == null || !cell.route.template().contains("{deed}") || !cell.route.isWrite()) {
            // reads run before any write: they read the place's deed as the world made it
            return cell;
        }
        Place fresh = world.withFreshDeed(cell.place);
        return cell.at(new Place(cell.place.name() + "*", fresh.path(), fresh.household(), fresh.ids()));
    }

    /** As {@link #ownFixture}, made once per place (and kind of fixture) for the cells given the same map. */
    private Cell sharedFixture(Cell cell, Map<String, Place> made) {
        if (signsOut(cell) || cell.place == null) {
            return ownFixture(cell);
        }
        String key = cell.place.name() + (freshCheckout(cell) ? " checkout" : "");
        return cell.at(made.computeIfAbsent(key, k -> ownFixture(cell).place));
    }

    private static boolean freshCheckout(Cell cell) {
        return cell.place != null && cell.caller != null && cell.caller.role().equals("KI")
                && cell.route.template().contains("{checkout}") && cell.place.id("checkout") != null;
    }

    private static boolean signsOut(Cell cell) {
        return cell.caller != null && cell.route.toString().equals("POST /logout");
    }

    private static boolean notAVillage(Cell cell) {
        return cell.place != null && cell.route.kinds().contains("village")
                && (cell.place.name().startsWith("T1") || cell.place.name().equals("A") || cell.place.name().equals("A*"));
    }

    private static boolean complete(Route route, Place place) {
        return route.kinds().stream().allMatch(k -> place.id(k) != null);
    }

    private boolean expected(Route route, Caller caller, Place place) {
        if (!route.allows(caller.role())) {
            return false;
        }
        Place own = world.places.get(caller.placeOfScope());
        String village = world.places.get("V1").path();
        String county = world.places.get("A").path();
        boolean narrow = caller.role().equals("VL") || caller.role().equals("GW");
        return switch (route.scope()) {
            case NONE -> true;
            case COUNTY -> place.path().startsWith(county);
            case VILLAGE -> narrow ? place.path().startsWith(village) : within(caller, own, place);
            case SCOPE, CARD -> within(caller, own, place);
            case LINEAGE -> (narrow ? place.path().startsWith(village) : within(caller, own, place))
                    || (narrow ? village : own.path()).startsWith(place.path());
        };
    }

    private static boolean within(Caller caller, Place own, Place place) {
        return caller.role().equals("VL") ? own.household().equals(place.household())
                : place.path().startsWith(own.path());
    }

    /** The cells' requests, four at a time: none of them changes anything another one reads. */
    private void checkAll(List<Cell> cells, List<String> failures, Map<String, Integer> counts) {
        var pool = Executors.newFixedThreadPool(4);
        try {
            var futures = cells.stream().map(c -> pool.submit(() -> check(c, failures, counts))).toList();
            for (var f : futures) {
                f.get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** What a cell's request was answered. */
    private record Answer(String path, int status, String body, String location) {
    }

    private void check(Cell cell, List<String> failures, Map<String, Integer> counts) {
        Answer answer = send(cell);
        int status = answer.status();
        String lastBody = answer.body();
        String lastLocation = answer.location();
        String lastPath = answer.path();
        String verdict;
        boolean ok;
        if (cell.route.toString().equals("GET /logout")) {
            verdict = "405 (sign-out is a POST)";
            ok = status == 405;
        } else if (cell.caller == null && !cell.allowed) {
            // a form or upload without sign-in meets the CSRF check (403) first when it carries no pair
            verdict = cell.route.api() ? "401" : "redirect to /login (or 401)";
            ok = status == 401 || !cell.route.api() && status / 100 == 3 && lastLocation.contains("/login")
                    || status == 403 && cell.route.body() != null && cell.route.body().startsWith("multipart:");
        } else if (cell.allowed) {
            verdict = "allowed";
            ok = status < 500 && status != 403 && status != 404 && (status != 401 || cell.route.anonymous());
        } else if (cell.route.scope() == Scope.CARD && cell.route.allows(cell.caller.role())) {
            verdict = "422 kiosk.card.unusable (as an unknown card)";
            ok = status == 422 && lastBody.contains("kiosk.card.unusable");
        } else if (cell.route.template().contains("{card}") && cell.route.allows(cell.caller.role())) {
            // a card outside the caller's scope answers as a card that does not exist (Households.byCard)
            verdict = "404 household.card.not-found (as an unknown card)";
            ok = status == 404 && lastBody.contains("household.card.not-found");
        } else if (!cell.route.api() && cell.route.body() != null && cell.route.body().startsWith("form:")
                || !cell.route.api() && cell.route.body() != null && cell.route.body().startsWith("multipart:")) {
            // a page's form shows a refusal inside the form again (422, with the message); nothing changes
            verdict = "403 or the form again with the refusal (422)";
            ok = status == 403 || status == 422;
        } else if (notAVillage(cell)) {
            // a township or county id where a village id belongs: refused as not a village (404/422) before scope
            verdict = "403, or 404/422 not a village";
            ok = status == 403 || status == 404 || status == 422 && lastBody.contains("wrong-level");
        } else {
            verdict = "403";
            ok = status == 403;
        }
        counts.merge(cell.allowed ? "allowed" : cell.caller == null ? "signed-out" : "refused", 1, Integer::sum);
        if (!ok && OPEN.contains(cell.route.toString())) {
            counts.merge("open (known bug)", 1, Integer::sum);
        } else if (!ok) {
            failures.add(cell.who() + ": " + cell.route.method() + " " + lastPath + " expected " + verdict
                    + " got " + status + " " + lastBody.substring(0, Math.min(160, lastBody.length())).replace('\n', ' '));
        }
    }

    private Answer send(Cell cell) {
        Place place = cell.place == null ? world.places.get("HOME") : cell.place;
        String path = place.fill(cell.route.template());
        MutableHttpRequest<Object> request = HttpRequest.create(HttpMethod.valueOf(cell.route.method()), path);
        boolean file = path.endsWith("xlsx") || path.endsWith(".csv") || path.startsWith("/logout")
                || path.startsWith("/token_info") || path.startsWith("/prometheus");
        request.accept(file ? MediaType.ALL_TYPE : cell.route.api() ? MediaType.APPLICATION_JSON_TYPE
                : MediaType.TEXT_HTML_TYPE);
        String body = cell.route.body();
        if (body != null) {
            body = place.fillBody(body.replace("{uuid}", UUID.randomUUID().toString())
                    .replace("{short}", UUID.randomUUID().toString().substring(0, 6)));
            if (body.startsWith("form:")) {
                request.body(body.substring(5)).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
            } else if (body.startsWith("multipart:")) {
                request.body(multipart(body.substring(10), path)).contentType(MediaType.MULTIPART_FORM_DATA_TYPE);
            } else if (!body.isEmpty()) {
                request.body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
            }
        }
        int n = addresses.incrementAndGet();
        request.header("X-Forwarded-For", "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255));
        if (cell.caller != null) {
            request.bearerAuth(token(signsOut(cell) ? MatrixWorld.twinOf(cell.caller.user()) : cell.caller.user()));
        } else if (body != null && !cell.route.api()) {
            // a browser's form carries the CSRF pair; what remains is the sign-in check
            request.cookie(Cookie.of("mb_csrf", "matrix")).header("X-CSRF-Token", "matrix");
        }
        try {
            HttpResponse<String> answer = raw.toBlocking().exchange(request, Argument.of(String.class),
                    Argument.of(String.class));
            return new Answer(path, answer.code(), "",
                    answer.header("Location") == null ? "" : answer.header("Location"));
        } catch (HttpClientResponseException e) {
            return new Answer(path, e.code(), e.getResponse().getBody(String.class).orElse(""), "");
        }
    }

    private static MultipartBody multipart(String fields, String path) {
        MultipartBody.Builder builder = MultipartBody.builder();
        for (String pair : fields.split("&")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                builder.addPart(kv[0], kv[1]);
            }
        }
        if (path.contains("import")) {
            builder.addPart("file", "households.csv", MediaType.TEXT_PLAIN_TYPE,
                    "card,headName\n".getBytes(StandardCharsets.UTF_8));
        } else {
            builder.addPart("file", "p.png", MediaType.IMAGE_PNG_TYPE, MatrixWorld.png());
        }
        return builder.build();
    }

    Set<String> routerShapes() {
        return router.uriRoutes()
                // HEAD is answered by the GET route's method
                .map(r -> r.getHttpMethodName().replace("HEAD", "GET") + " " + r.getUriMatchTemplate().toPathString()
                        .replaceAll("\\{[^}]*}", "{}"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every table but the processors' tokens: its row count and a hash of its rows. */
    String fingerprint() {
        List<String> tables = new ArrayList<>();
        try (var c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection(); var rs = c.createStatement().executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                        + "AND table_type = 'BASE TABLE' AND table_name NOT IN ('token_entry', "
                        + "'flyway_schema_history') ORDER BY table_name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            StringBuilder out = new StringBuilder();
            for (String table : tables) {
                try (var r = c.createStatement().executeQuery("SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)), 0) FROM "
                        + table + " t")) {
                    r.next();
                    out.append(table).append('=').append(r.getString(1)).append(' ');
                }
            }
            return out.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String diff(String before, String after) {
        List<String> a = List.of(before.split(" "));
        return Arrays.stream(after.split(" ")).filter(t -> !a.contains(t)).collect(Collectors.joining(" "));
    }

    private static Map<Relation, String> places(String own, String child, String sibling, String parent) {
        Map<Relation, String> places = new EnumMap<>(Relation.class);
        places.put(Relation.OWN, own);
        places.put(Relation.CHILD, child);
        places.put(Relation.SIBLING, sibling);
        places.put(Relation.PARENT, parent);
        places.put(Relation.OTHER_COUNTY, "B");
        places.values().removeIf(Objects::isNull);
        return places;
    }
}

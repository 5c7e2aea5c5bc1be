package cn.moralbank.web.access;

import java.util.List;
import java.util.stream.Stream;

/**
 * The expectation table of the authorization matrix: every route of the application, one line each, with the roles
 * that may call it and the scope it is held to. A route the router knows and this table does not fails the matrix.
 *
 * <p>Roles: CO county office, TO township officer, VA village administrator, CM committee member, GW grid worker,
 * SO supermarket operator, KI kiosk, VL villager, CI city office; ANON anyone, signed in or not; AUTH anyone signed in.
 * Path variables and bodies name the kind of thing they take ({household}, {deed}, {village}...), filled from the
 * place of each region relation. A body starting with "form:" is a browser form, "multipart:" a file upload with
 * the given fields, anything else JSON; {uuid} is a fresh id per call.
 */
final class Routes {
    private static final String OFFICES_AND_VILLAGE = "CO TO VA CM GW VL";

    private static final List<Route> FIRST = List.of(
            // sign-in and public pages
            Route.read("GET /", "ANON", Scope.NONE),
            Route.read("GET /login", "ANON", Scope.NONE),
            Route.write("POST /login", "ANON", Scope.NONE, "form:username=nobody&password=wrong"),
            Route.write("POST /logout", "AUTH", Scope.NONE, "form:"),
            Route.read("GET /lang/{lang}", "ANON", Scope.NONE),
            Route.write("POST /api/login", "ANON", Scope.NONE, "{\"username\":\"nobody\",\"password\":\"wrong\"}"),
            Route.read("GET /self/login", "ANON", Scope.NONE),
            Route.write("POST /self/login", "ANON", Scope.NONE, "form:card=000000&pin=0000"),
            Route.read("GET /donations/{supermarket}", "ANON", Scope.NONE),
            // management endpoints (micronaut-management comes with micronaut-flyway)
            Route.read("GET /health", "ANON", Scope.NONE),
            Route.read("GET /health/{selector}", "ANON", Scope.NONE),
            // metrics for the county office or a configured scraper address (MetricsAccess; none in tests)
            Route.read("GET /prometheus", "CO", Scope.NONE),
            Route.read("GET /logout", "NOBODY", Scope.NONE), // get-allowed: false


            // households and their ledger (points-service API)
            Route.read("GET /api/households", "CO TO VA CM GW", Scope.NONE),
            Route.read("GET /api/households/{household}", "CO TO VA CM GW VL", Scope.SCOPE),
            Route.read("GET /api/households/by-card/{card}", "CO TO VA GW", Scope.SCOPE),
            Route.write("POST /api/households", "VA", Scope.SCOPE, "{\"headName\":\"矩阵户\",\"gridCode\":\"{grid}\"}"),
            Route.write("PUT /api/households/{household}/pin", "VA", Scope.SCOPE, "{\"pin\":\"1234\"}"),
            Route.write("PUT /api/households/{household}/status", "VA", Scope.SCOPE, "{\"status\":\"ACTIVE\"}"),
            Route.read("GET /api/households/{household}/passbook", "CO TO VA CM GW VL", Scope.SCOPE),
            Route.write("POST /api/households/{household}/credits", "VA", Scope.SCOPE, Route.ENTRY),
            Route.write("POST /api/households/{household}/penalties", "VA", Scope.SCOPE, Route.ENTRY),
            Route.write("POST /api/households/{household}/debits", "VA", Scope.SCOPE, Route.ENTRY),
            Route.write("POST /api/households/{household}/reversals", "VA", Scope.SCOPE,
                    "{\"entryId\":\"m-{uuid}\",\"originalEntryId\":\"no-such-entry\",\"reason\":\"矩阵\"}"),
            Route.read("GET /api/households/{household}/rank", "CO TO VA CM GW VL", Scope.SCOPE),
            Route.read("GET /api/households/{household}/stars", "CO TO VA CM GW VL", Scope.SCOPE),
            Route.read("GET /api/households/{household}/eligibility", "CO TO VA SO KI VL", Scope.SCOPE),
            Route.read("GET /api/households/{household}/deeds", "CO TO VA CM GW VL", Scope.SCOPE),
            Route.read("GET /api/households/{household}/vouchers", "CO TO VA VL", Scope.SCOPE),
            Route.write("POST /api/households/{household}/vouchers", "VA", Scope.SCOPE,
                    "{\"batchId\":\"{uuid}\",\"denominations\":[10]}"),
            Route.write("POST /api/households/import/preview", "CO TO VA", Scope.NONE, "multipart:"),
            Route.write("POST /api/households/import", "CO TO VA", Scope.NONE, "multipart:"),
            Route.read("GET /api/households/export.csv", "CO TO VA", Scope.NONE),
            Route.read("GET /api/households/export.xlsx", "CO TO VA", Scope.NONE),
            Route.read("GET /api/villages", OFFICES_AND_VILLAGE, Scope.NONE),
            Route.read("GET /api/ops/dead-letters", "CO", Scope.NONE),
            Route.write("POST /api/ops/dead-letters/{deadletter}/retry", "CO", Scope.COUNTY, ""),
            Route.write("POST /api/ops/dead-letters/{evictletter}/evict", "CO", Scope.COUNTY, ""),

            // vouchers
            Route.read("GET /api/vouchers/{voucher}", "CO TO VA", Scope.SCOPE),
            Route.write("POST /api/vouchers/{voucher}/void", "VA", Scope.SCOPE, "{\"reason\":\"矩阵\"}"),

            // deeds, review, notice board
            Route.write("POST /api/deeds/photos", "VA GW VL", Scope.SCOPE, "multipart:householdId={household}"),
            Route.read("GET /api/deeds/photos/{photo}", OFFICES_AND_VILLAGE, Scope.SCOPE),
            Route.write("POST /api/deeds", "VA GW VL", Scope.SCOPE, "{\"householdId\":\"{household}\","
                    + "\"ruleId\":{countyrule},\"description\":\"矩阵\"}"),
            Route.read("GET /api/deeds/mine", "VA GW VL", Scope.NONE),
            Route.read("GET /api/deeds/{deed}", OFFICES_AND_VILLAGE, Scope.SCOPE),
            Route.write("POST /api/deeds/{deed}/withdrawal", "VA GW", Scope.SCOPE, "{\"reason\":\"矩阵\"}"),
            Route.write("POST /api/deeds/{deed}/objections", "VA CM GW VL", Scope.VILLAGE, "{\"reason\":\"矩阵\"}"),
            Route.write("POST /api/deeds/{deed}/votes", "CM", Scope.SCOPE, "{\"choice\":\"ABSTAIN\"}"),
            Route.write("PUT /api/deeds/{deed}/points", "VA CM", Scope.SCOPE, "{\"points\":5,\"reason\":\"矩阵\"}"),
            Route.write("POST /api/deeds/{deed}/revocation", "VA CM", Scope.SCOPE, "{\"reason\":\"矩阵\"}"),
            Route.read("GET /api/villages/{village}/deeds", "CO TO VA CM", Scope.SCOPE),
            Route.read("GET /api/villages/{village}/notice-board", OFFICES_AND_VILLAGE, Scope.VILLAGE),
            Route.read("GET /api/villages/{village}/review-sessions", "CO TO VA CM", Scope.SCOPE),
            Route.write("POST /api/villages/{village}/review-sessions", "VA", Scope.SCOPE,
                    "{\"title\":\"矩阵\",\"deedIds\":[]}"),
            Route.read("GET /api/review-sessions/{session}", "CO TO VA CM", Scope.SCOPE),
            Route.write("POST /api/review-sessions/{session}/closing", "VA", Scope.SCOPE, ""),

            // rules catalog
            Route.read("GET /api/counties/{county}/rules", "AUTH", Scope.COUNTY),
            Route.write("POST /api/counties/{county}/rules", "CO", Scope.COUNTY, Route.RULE),
            Route.read("GET /api/counties/{county}/local-rule-limits", "AUTH", Scope.COUNTY),
            Route.write("PUT /api/counties/{county}/local-rule-limits", "CO", Scope.COUNTY,
                    "{\"maxPoints\":10,\"maxRules\":20}"),
            Route.read("GET /api/villages/{village}/rules", "AUTH", Scope.VILLAGE),
            Route.write("POST /api/villages/{village}/rules", "VA", Scope.SCOPE, Route.RULE),
            Route.read("GET /api/rules/{rule}", "AUTH", Scope.LINEAGE),
            Route.write("POST /api/rules/{rule}/versions", "VA", Scope.SCOPE, Route.RULE),
            Route.write("POST /api/rules/{rule}/retirement", "VA", Scope.SCOPE, "{\"validFrom\":\"2099-01-01\"}"),
            Route.write("PUT /api/villages/{village}/rules/{countyrule}/switched-off", "VA", Scope.SCOPE,
                    "{\"reason\":\"矩阵\"}"),
            Route.write("DELETE /api/villages/{village}/rules/{countyrule}/switched-off", "VA", Scope.SCOPE, ""),

            // rankings and ratings
            Route.read("GET /api/rankings/households", "CO TO VA CM GW", Scope.NONE),
            Route.read("GET /api/rankings/regions", "CO TO VA CM GW", Scope.NONE),
            Route.read("GET /api/rankings/villages", "CO TO VA CM GW", Scope.NONE),
            Route.read("GET /api/rankings/figures", "CO TO VA CM GW", Scope.NONE),
            Route.read("GET /api/rankings/history", "CO TO VA CM GW", Scope.NONE),
            Route.read("GET /api/ratings/criteria", "CO TO VA GW", Scope.NONE),
            Route.write("PUT /api/ratings/criteria/workers", "CO", Scope.NONE, "{}"),
            Route.write("PUT /api/ratings/criteria/households", "CO", Scope.NONE, "{}"),
            Route.read("GET /api/ratings/rounds", "CO TO VA GW", Scope.NONE),
            Route.write("POST /api/ratings/rounds", "CO", Scope.NONE, "{\"kind\":\"GRID_WORKERS\",\"period\":\"x\"}"),
            Route.read("GET /api/ratings/rounds/{round}", "CO TO VA GW", Scope.COUNTY),
            Route.read("GET /api/ratings/rounds/{round}/results", "CO TO VA GW", Scope.COUNTY),
            Route.read("GET /api/ratings/rounds/{round}/changes", "CO TO", Scope.COUNTY),
            Route.write("PUT /api/ratings/rounds/{round}/results/{subject}/township-score", "CO TO", Scope.SCOPE,
                    "{\"score\":50}"),
            Route.write("PUT /api/ratings/rounds/{round}/results/{subject}", "CO", Scope.SCOPE,
                    "{\"value\":50,\"reason\":\"矩阵\"}"),
            Route.write("POST /api/ratings/rounds/{round}/publication", "CO", Scope.COUNTY, ""),
            Route.write("POST /api/ratings/rounds/{round}/appeal", "GW", Scope.COUNTY, "{\"reason\":\"矩阵\"}"),
            Route.write("PUT /api/ratings/rounds/{round}/appeals/{worker}", "CO", Scope.SCOPE,
                    "{\"upheld\":false,\"newScore\":50,\"reason\":\"矩阵\"}"),
            Route.write("POST /api/ratings/rounds/{round}/closing", "CO", Scope.COUNTY, ""),

            // love supermarkets and kiosks
            Route.read("GET /api/supermarkets", "CO TO VA SO", Scope.NONE),
            Route.write("POST /api/supermarkets", "CO TO VA", Scope.SCOPE,
                    "{\"name\":\"矩阵超市\",\"regionCode\":\"{villagecode}\",\"address\":\"\"}"),
            Route.read("GET /api/supermarkets/{supermarket}", "CO TO VA SO", Scope.SCOPE),
            Route.read("GET /api/supermarkets/{supermarket}/products", "CO TO VA SO", Scope.SCOPE),
            Route.write("POST /api/supermarkets/{supermarket}/products", "SO", Scope.SCOPE,
                    "{\"name\":\"矩阵\",\"unit\":\"个\",\"picture\":\"goods\",\"pricePoints\":1,\"monthlyLimit\":0}"),
            Route.write("PUT /api/supermarkets/{supermarket}/products/{product}/price", "SO", Scope.SCOPE,
                    "{\"pricePoints\":{price},\"reason\":\"矩阵\"}"),
            Route.read("GET /api/supermarkets/{supermarket}/products/{product}/prices", "CO TO VA SO",
                    Scope.SCOPE),
            Route.read("GET /api/supermarkets/{supermarket}/stock", "CO TO VA SO", Scope.SCOPE),
            Route.read("GET /api/supermarkets/{supermarket}/donations", "CO TO VA SO", Scope.SCOPE),
            Route.write("POST /api/supermarkets/{supermarket}/donations", "SO", Scope.SCOPE,
                    "{\"donationId\":\"{uuid}\",\"donor\":\"矩阵\",\"donorKind\":\"VILLAGE\",\"lines\":[]}"),
            Route.read("GET /api/supermarkets/{supermarket}/adjustments", "CO TO VA SO", Scope.SCOPE),
            Route.write("POST /api/supermarkets/{supermarket}/adjustments", "SO", Scope.SCOPE,
                    "{\"adjustmentId\":\"{uuid}\",\"productId\":{product},\"kind\":\"DAMAGED\",\"quantity\":0}"),
            Route.read("GET /api/supermarkets/{supermarket}/sales", "CO TO VA SO", Scope.SCOPE),
            Route.write("POST /api/supermarkets/{supermarket}/refunds", "SO", Scope.SCOPE,
                    "{\"checkoutId\":\"{checkout}\",\"reason\":\"矩阵\"}"),
            Route.write("POST /api/kiosk/session", "SO KI", Scope.CARD, "{\"cardNumber\":\"{card}\",\"pin\":\"1234\"}"),
            Route.write("POST /api/kiosk/cards", "SO KI", Scope.CARD, "{\"cardNumber\":\"{card}\"}"),
            Route.read("GET /api/kiosk/products", "SO KI", Scope.NONE),
            Route.read("GET /api/kiosk/vouchers/{vouchercode}", "SO KI", Scope.SCOPE),
            Route.write("POST /api/kiosk/checkouts", "SO KI", Scope.CARD, "{\"requestId\":\"{uuid}\","
                    + "\"cardNumber\":\"{card}\",\"pin\":\"1234\",\"lines\":[{\"productId\":{product},"
                    + "\"quantity\":1,\"unitPoints\":{price}}],\"vouchers\":[]}"),
            Route.read("GET /api/kiosk/checkouts/{checkout}", "SO KI", Scope.SCOPE),
            Route.read("GET /kiosk", "SO KI", Scope.NONE),
            Route.read("GET /kiosk/receipts/{checkout}", "SO KI", Scope.SCOPE),
            Route.read("GET /shop", "SO", Scope.NONE),
            Route.read("GET /shop/products", "SO", Scope.NONE),
            Route.read("GET /shop/donations", "SO", Scope.NONE),
            Route.read("GET /shop/sales", "SO", Scope.NONE),
            Route.read("GET /shop/refunds", "SO", Scope.NONE),
            Route.read("GET /shop/report", "SO", Scope.NONE),
            Route.write("POST /shop/adjustments", "SO", Scope.SCOPE, "form:productId={product}&kind=COUNTED&quantity=9&reason=x"),
            Route.write("POST /shop/products", "SO", Scope.NONE, "form:name=&unit="),
            Route.write("POST /shop/products/{product}/price", "SO", Scope.SCOPE, "form:pricePoints={price}&reason=x"),
            Route.write("POST /shop/products/{product}", "SO", Scope.SCOPE, "form:name=&unit="),
            Route.write("POST /shop/donations", "SO", Scope.NONE, "form:donor="),
            Route.write("POST /shop/refunds", "SO", Scope.SCOPE, "form:checkoutId={checkout}&receiptNo={receipt}&reason=x"),
            Route.read("GET /vouchers", "VA", Scope.NONE),
            Route.write("POST /vouchers", "VA", Scope.SCOPE, "form:card={card}"),
            Route.read("GET /vouchers/sheet", "VA", Scope.NONE),
            Route.write("POST /vouchers/{voucher}/void", "VA", Scope.SCOPE, "form:reason=x"),

            // pages of the offices, the village and the villager
            Route.read("GET /households", "CO TO VA CM GW", Scope.NONE),
            Route.read("GET /households/{household}", "CO TO VA CM GW", Scope.SCOPE),
            Route.read("GET /households/{household}/card", "VA", Scope.SCOPE),
            Route.read("GET /households/{household}/passbook", "CO TO VA CM GW", Scope.SCOPE),
            Route.read("GET /households/new", "VA", Scope.NONE),
            Route.write("POST /households", "VA", Scope.SCOPE, "form:headName=x&gridCode={grid}"),
            Route.write("POST /households/{household}/pin", "VA", Scope.SCOPE, "form:pin=x"),
            Route.read("GET /households/import", "CO TO VA", Scope.NONE),
            Route.write("POST /households/import/preview", "CO TO VA", Scope.NONE, "multipart:"),
            Route.write("POST /households/import", "CO TO VA", Scope.NONE, "form:token=none"),
            Route.read("GET /dashboard", "CI CO TO", Scope.NONE),
            Route.read("GET /dashboard/lagging", "CI CO TO", Scope.NONE),
            Route.write("POST /dashboard/inspections", "CO TO", Scope.NONE, "form:note="),
            Route.read("GET /rankings", "CI CO TO VA", Scope.NONE),
            Route.read("GET /reports", "CI CO TO", Scope.NONE),
            Route.write("POST /reports", "CI CO TO", Scope.NONE, "form:period=x"),
            Route.read("GET /reports/{report}", "CI CO TO", Scope.SCOPE),
            Route.read("GET /reports/{report}/xlsx", "CI CO TO", Scope.SCOPE),
            Route.read("GET /deeds/mine", "VL", Scope.NONE),
            Route.read("GET /deeds/notice", OFFICES_AND_VILLAGE, Scope.NONE),
            Route.read("GET /deeds/notice/poster", OFFICES_AND_VILLAGE, Scope.NONE),
            Route.write("POST /deeds/notice/{deed}/objection", "VA CM GW VL", Scope.VILLAGE, "form:reason=x"),
            Route.read("GET /deeds/photos/{photo}", OFFICES_AND_VILLAGE, Scope.SCOPE),
            Route.read("GET /deeds/report", "VA GW VL", Scope.NONE),
            Route.write("POST /deeds/report", "VA GW VL", Scope.SCOPE,
                    "multipart:householdId={household}&ruleId={countyrule}&description=x"),
            Route.read("GET /deeds/review", "CO TO VA CM", Scope.NONE),
            Route.write("POST /deeds/sessions", "VA", Scope.NONE, "form:title=x"),
            Route.read("GET /deeds/sessions/{session}", "CO TO VA CM", Scope.SCOPE),
            Route.write("POST /deeds/sessions/{session}/close", "VA", Scope.SCOPE, "form:"),
            Route.write("POST /deeds/{deed}/points", "VA CM", Scope.SCOPE, "form:points=5&reason=x&session={session}"),
            Route.write("POST /deeds/{deed}/revoke", "VA CM", Scope.SCOPE, "form:reason=x"),
            Route.read("GET /deeds/vote", "CM", Scope.NONE),
            Route.write("POST /deeds/{deed}/vote", "CM", Scope.SCOPE, "form:choice=ABSTAIN"),
            Route.read("GET /rules", OFFICES_AND_VILLAGE, Scope.NONE),
            Route.write("POST /rules", "CO VA", Scope.NONE, "form:code="),
            Route.read("GET /rules/{rule}", OFFICES_AND_VILLAGE, Scope.LINEAGE),
            Route.write("POST /rules/{rule}/versions", "VA", Scope.SCOPE, "form:name="),
            Route.write("POST /rules/{rule}/retire", "VA", Scope.SCOPE, "form:validFrom=2099-01-01"),
            Route.write("POST /rules/{countyrule}/switch", "VA", Scope.COUNTY, "form:to=off&reason=x"),
            Route.read("GET /ratings", "CI CO TO VA", Scope.NONE),
            Route.write("POST /ratings/criteria/workers", "CO", Scope.NONE, "form:"),
            Route.write("POST /ratings/criteria/households", "CO", Scope.NONE, "form:"),
            Route.write("POST /ratings/colours", "CO", Scope.NONE, "form:"),
            Route.write("POST /ratings/open", "CO", Scope.NONE, "form:kind=GRID_WORKERS&period=x"),
            Route.read("GET /ratings/{round}", "CO TO VA", Scope.COUNTY),
            Route.write("POST /ratings/{round}/township-score", "CO TO", Scope.SCOPE, "form:subject={subject}&score=50"),
            Route.write("POST /ratings/{round}/adjust", "CO", Scope.SCOPE, "form:subject={subject}&value=50&reason=x"),
            Route.write("POST /ratings/{round}/publish", "CO", Scope.COUNTY, "form:"),
            Route.write("POST /ratings/{round}/decide", "CO", Scope.SCOPE, "form:worker={worker}&upheld=false"),
            Route.write("POST /ratings/{round}/close", "CO", Scope.COUNTY, "form:"),
            Route.read("GET /ratings/{round}/certificates", "CO TO VA", Scope.COUNTY),
            Route.read("GET /ratings/{round}/certificates/{subject}", "CO TO VA GW", Scope.SCOPE),
            Route.read("GET /ratings/honour-roll", "CO TO VA", Scope.NONE),
            Route.read("GET /ratings/mine", "GW", Scope.NONE),
            Route.write("POST /ratings/{round}/appeal", "GW", Scope.COUNTY, "form:reason=x"),
            // operations: the projections' dead letters, of the county office's own county
            Route.read("GET /ops/dead-letters", "CO", Scope.NONE),
            Route.write("POST /ops/dead-letters/{pageretry}/retry", "CO", Scope.COUNTY, "form:"),
            Route.write("POST /ops/dead-letters/{pageevict}/evict", "CO", Scope.COUNTY, "form:"),
            Route.read("GET /self", "VL", Scope.NONE),
            Route.read("GET /self/passbook", "VL", Scope.NONE),
            Route.read("GET /self/deeds", "VL", Scope.NONE),
            Route.read("GET /self/notices", "VL", Scope.NONE),

            // operations: verify (views against the event store)
            Route.read("GET /ops/verify", "CO", Scope.NONE),
            Route.write("POST /ops/verify", "CO", Scope.NONE, "form:"),
            Route.read("GET /ops/locks", "CO", Scope.NONE),
            Route.write("POST /ops/locks/lift", "CO", Scope.NONE, "form:subject=address:192.0.2.1"),
            Route.read("GET /ops/set-aside", "CO", Scope.NONE),
            Route.write("POST /ops/set-aside/{setaside}/again", "CO", Scope.SCOPE, "form:"));

    /** The table: the lines above, those of going live (GoLiveRoutes, issue 15) and of people (PeopleRoutes). */
    static final List<Route> ALL = Stream.of(FIRST, GoLiveRoutes.ALL, PeopleRoutes.ALL, GoLive2Routes.ALL)
            .flatMap(List::stream).toList();

    private Routes() {
    }
}

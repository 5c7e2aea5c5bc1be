package cn.moralbank.web.access;

import java.util.List;

/**
 * The routes of people and household changes (issue 16): the people API, one's own password, and the village
 * administrator's edit, move, merge (合户) and split (分户) of a household. Kept apart to merge easily.
 *
 * <p>{staff} is a grid worker made for each cell in the grid of the place's household (so no cell deactivates, moves
 * or resets the password of a caller or of another cell's person): by {@code Management} only the village
 * administrator of its village manages it, so the county office and the city office are refused as any other role
 * (they manage township officers, village administrators and county offices, not grid workers). The list and one's
 * own password take no region. The merge names the household itself as the one merged into: past authorization it
 * is refused as 422 (to itself), so no allowed cell closes a household another cell uses.
 */
final class PeopleRoutes {
    private PeopleRoutes() {
    }

    private static final String PERSON = "{\"username\":\"m{short}\",\"displayName\":\"矩阵网格员\","
            + "\"role\":\"GRID_WORKER\",\"regionCode\":\"{grid}\"}";
    private static final String MOVE = "{\"displayName\":\"矩阵网格员\",\"role\":\"GRID_WORKER\","
            + "\"regionCode\":\"{grid}\"}";

    static final List<Route> ALL = List.of(
            Route.read("GET /api/people", "CI CO VA", Scope.NONE),
            Route.write("POST /api/people", "VA", Scope.SCOPE, PERSON),
            Route.read("GET /api/people/{staff}", "VA", Scope.SCOPE),
            Route.write("PUT /api/people/{staff}/name", "VA", Scope.SCOPE, "{\"displayName\":\"矩阵改名\"}"),
            Route.write("POST /api/people/{staff}/deactivate", "VA", Scope.SCOPE, ""),
            Route.write("POST /api/people/{staff}/reactivate", "VA", Scope.SCOPE, ""),
            Route.write("PUT /api/people/{staff}/scope", "VA", Scope.SCOPE, MOVE),
            Route.write("POST /api/people/{staff}/password-reset", "VA", Scope.SCOPE, ""),
            // {} past authorization is a 400 (no current password): no wrong password is counted, nothing changes
            Route.write("PUT /api/me/password", "AUTH", Scope.NONE, "{}"),
            Route.write("PUT /api/households/{household}", "VA", Scope.SCOPE,
                    "{\"headName\":\"矩阵户\",\"gridCode\":\"{grid}\"}"),
            Route.write("PUT /api/households/{household}/grid", "VA", Scope.SCOPE, "{\"gridCode\":\"{grid}\"}"),
            Route.write("POST /api/households/{household}/merge", "VA", Scope.SCOPE,
                    "{\"into\":\"{household}\",\"reason\":\"矩阵\"}"),
            Route.write("POST /api/households/{household}/split", "VA", Scope.SCOPE,
                    "{\"household\":{\"headName\":\"矩阵分户\",\"gridCode\":\"{grid}\"},\"points\":0,"
                            + "\"reason\":\"矩阵\",\"requestId\":\"matrix-split\"}"),
            // the same on pages (forms over the same services, the same refusals)
            Route.read("GET /password", "AUTH", Scope.NONE),
            Route.write("POST /password", "AUTH", Scope.NONE, "form:"),
            Route.read("GET /people", "CI CO VA", Scope.NONE),
            Route.read("GET /people/{staff}", "VA", Scope.SCOPE),
            Route.write("POST /people", "VA", Scope.SCOPE,
                    "form:username=n{short}&displayName=矩阵网格员&role=GRID_WORKER&regionCode={grid}"),
            Route.write("POST /people/{staff}/name", "VA", Scope.SCOPE, "form:displayName=矩阵改名"),
            Route.write("POST /people/{staff}/deactivate", "VA", Scope.SCOPE, "form:"),
            Route.write("POST /people/{staff}/reactivate", "VA", Scope.SCOPE, "form:"),
            Route.write("POST /people/{staff}/scope", "VA", Scope.SCOPE, "form:role=GRID_WORKER&regionCode={grid}"),
            Route.write("POST /people/{staff}/password-reset", "VA", Scope.SCOPE, "form:"),
            Route.read("GET /households/{household}/changes", "VA", Scope.SCOPE),
            Route.write("POST /households/{household}/edit", "VA", Scope.SCOPE, "form:headName=矩阵户"),
            Route.write("POST /households/{household}/grid", "VA", Scope.SCOPE, "form:gridCode={grid}"),
            // an unknown card to merge into: past authorization a 4xx, nothing closed
            Route.write("POST /households/{household}/merge", "VA", Scope.SCOPE, "form:intoCard=0&reason=矩阵"),
            Route.write("POST /households/{household}/split", "VA", Scope.SCOPE, "form:points=-1&reason=矩阵"),
            Route.read("GET /households/print/cards", "VA", Scope.NONE),
            Route.write("POST /households/print/pins", "VA", Scope.NONE, "form:"));
}

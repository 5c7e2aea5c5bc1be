package cn.moralbank.web.access;

import java.util.List;

/**
 * The routes of going live, second part (issue 15): the people import (pages and API), a household's opening
 * balance page and its correction, moved-out households. Kept apart to merge easily.
 */
final class GoLive2Routes {
    private GoLive2Routes() {
    }

    static final List<Route> ALL = List.of(
            Route.read("GET /people/import", "CI CO VA", Scope.NONE),
            Route.write("POST /people/import/preview", "CI CO VA", Scope.NONE, "multipart:"),
            Route.write("POST /people/import", "CI CO VA", Scope.NONE, "form:fileName=x.csv&content="),
            Route.write("POST /api/people/import/preview", "CI CO VA", Scope.NONE, "multipart:"),
            Route.write("POST /api/people/import", "CI CO VA", Scope.NONE, "multipart:"),
            // past authorization each of these is a 422 (a bad form token, not an opening entry, no reason), so no
            // allowed cell books on or closes a household another cell uses
            Route.read("GET /households/{household}/opening", "VA", Scope.SCOPE),
            Route.write("POST /households/{household}/opening", "VA", Scope.SCOPE,
                    "form:points=1&asOf=2026-01-01&passbookNumber=M1&token=x"),
            Route.write("POST /households/{household}/opening/reverse", "VA", Scope.SCOPE,
                    "form:entryId=x&reason=矩阵"),
            Route.write("POST /households/{household}/moved-out", "VA", Scope.SCOPE, "form:reason="),
            Route.read("GET /households/closed", "CO TO VA", Scope.NONE),
            // past authorization a form without a name is a 422: no cell opens a supermarket
            Route.read("GET /supermarkets", "CO TO VA", Scope.NONE),
            Route.write("POST /supermarkets", "CO TO VA", Scope.NONE, "form:name=&regionCode=x"));
}

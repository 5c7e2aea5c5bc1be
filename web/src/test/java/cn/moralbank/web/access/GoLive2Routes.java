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
            Route.write("POST /api/people/import", "CI CO VA", Scope.NONE, "multipart:"));
}

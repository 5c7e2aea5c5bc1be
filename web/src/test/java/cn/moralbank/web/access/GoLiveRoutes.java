package cn.moralbank.web.access;

import java.util.List;

/** The routes of going live (issue 15): regions, their import, county settings. Kept apart to merge easily. */
final class GoLiveRoutes {
    private GoLiveRoutes() {
    }

    static final List<Route> ALL = List.of(
            Route.read("GET /regions", "CI CO", Scope.NONE),
            Route.write("POST /regions/{village}/children", "CI CO", Scope.SCOPE, "form:code=1&name=x"),
            Route.write("POST /regions/{village}/rename", "CI CO", Scope.SCOPE, "form:name="),
            Route.write("POST /regions/{village}/retire", "CI CO", Scope.SCOPE, "form:"),
            Route.write("POST /regions/{village}/merge", "CI CO", Scope.SCOPE, "form:into=x"),
            Route.read("GET /regions/import", "CI CO", Scope.NONE),
            Route.write("POST /regions/import/preview", "CI CO", Scope.NONE, "multipart:"),
            Route.write("POST /regions/import", "CI CO", Scope.NONE, "form:fileName=x.csv&content="),
            Route.read("GET /settings", "CO", Scope.NONE),
            Route.write("POST /settings", "CO", Scope.NONE, "form:name=NOTICE_DAYS&value=99"));
}

package cn.moralbank.web.pages;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.View;

import java.net.URI;
import java.util.Map;

/** The sign-in page (the form posts to micronaut-security's /login) and the language switch. */
@Produces(MediaType.TEXT_HTML)
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
class LoginPage {

    @Get("/login")
    @View("login")
    Map<String, Object> login(@QueryValue(defaultValue = "") String error,
                              @QueryValue(defaultValue = "") String changed) {
        return Map.of("error", !error.isEmpty(), "changed", !changed.isEmpty());
    }

    /** 中文 / English: remembered in a cookie; back to the page the switch was pressed on. */
    @Get("/lang/{lang}")
    HttpResponse<?> language(String lang, @QueryValue(defaultValue = "/") String back) {
        String tag = lang.equals("en") ? "en" : "zh-CN";
        return HttpResponse.seeOther(localPath(back))
                .cookie(Cookie.of("lang", tag).path("/").maxAge(365L * 24 * 3600).httpOnly(true)
                        .sameSite(SameSite.Lax));
    }

    /** A path of this site, or its home page ({@link LocalPath}). */
    static URI localPath(String back) {
        return LocalPath.of(back, "/", "/");
    }
}

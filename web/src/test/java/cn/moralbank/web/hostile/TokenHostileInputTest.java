package cn.moralbank.web.hostile;

import cn.moralbank.points.testing.Eventually;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Forged, expired and revoked tokens; forms without or with a wrong CSRF token. */
@MicronautTest(transactional = false)
class TokenHostileInputTest extends HostileTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("moralbank.security.inactive-refresh", "200ms");
        return props;
    }

    /** The claims of a real token of the person, re-signed with the given secret and expiry. */
    private String resigned(String username, String secret, Date expiry) throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(token(username)).getJWTClaimsSet();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder(claims).expirationTime(expiry).build());
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private void unauthorised(String token) {
        refused(401, HttpRequest.GET("/api/households").bearerAuth(token), "请先登录");
        refused(401, HttpRequest.POST("/api/households/" + householdOf("河东村") + "/credits",
                Map.of("entryId", "t-1", "points", 5, "reason", "x")).bearerAuth(token));
    }

    @Test
    void aTokenResignedWithTheRightSecretIsAcceptedSoTheRefusalsBelowAreMeaningful() throws Exception {
        String token = resigned(ADMIN, JWT_SECRET, new Date(System.currentTimeMillis() + 60_000));
        assertEquals(200, exchange(HttpRequest.GET("/api/households?size=1").bearerAuth(token), String.class).code());
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        unauthorised(resigned(ADMIN, JWT_SECRET, new Date(System.currentTimeMillis() - 60_000)));
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() throws Exception {
        unauthorised(resigned(ADMIN, "another-secret-another-secret-another-secret-42",
                new Date(System.currentTimeMillis() + 60_000)));
    }

    @Test
    void aTokenWithAnAlteredSignatureOrAlteredClaimsIsRefused() throws Exception {
        String token = token(ADMIN);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        char first = signature.charAt(0);
        unauthorised(token.substring(0, token.lastIndexOf('.') + 1) + (first == 'A' ? 'B' : 'A')
                + signature.substring(1));
        // the payload of the county office under the administrator's signature
        String[] parts = token.split("\\.");
        String[] county = token("wenmingban").split("\\.");
        unauthorised(parts[0] + "." + county[1] + "." + parts[2]);
        unauthorised("not-a-token");
    }

    @Test
    void aTokenOfAPersonWhoWasDeactivatedIsRefusedBeforeItExpires() {
        String token = token("hedong.c5");
        assertEquals(200, exchange(HttpRequest.GET("/api/villages").bearerAuth(token), String.class).code());
        sql().update("UPDATE person SET active = false WHERE username = 'hedong.c5'");
        Eventually.until("refused", () -> {
            try {
                exchange(HttpRequest.GET("/api/villages").bearerAuth(token), String.class);
                return false;
            } catch (HttpClientResponseException e) {
                return e.code() == 401;
            }
        });
        refused(401, HttpRequest.POST("/api/deeds/x/votes", Map.of("choice", "APPROVE")).bearerAuth(token));
        refused(401, HttpRequest.POST("/api/login", Map.of("username", "hedong.c5", "password", PASSWORD)));
    }

    @Test
    void aSignedInFormWithoutTheCsrfTokenIsRefusedInTheCallersLanguageAndRegistersNothing() {
        Session admin = signIn(ADMIN);
        Map<String, String> household = Map.of("headName", "钱大有", "gridCode", hedongGrid());
        HttpResponse<String> zh = unchanged(() -> form(admin, "/households", null, household, null));
        assertEquals(403, zh.code());
        assertTrue(bodyOf(zh).contains("表单已过期"), bodyOf(zh));
        assertTrue(bodyOf(zh).contains("<html"), "an error page for a browser");
        HttpResponse<String> en = unchanged(() -> form(admin, "/households", null, household, "en"));
        assertEquals(403, en.code());
        assertTrue(bodyOf(en).contains("The form has expired"), bodyOf(en));
    }

    @Test
    void aSignedInFormWithAWrongCsrfTokenIsRefusedAndRegistersNothing() {
        Session admin = signIn(ADMIN);
        HttpResponse<String> answer = unchanged(() -> form(admin, "/households", "forged-token",
                Map.of("headName", "钱大有", "gridCode", hedongGrid()), null));
        assertEquals(403, answer.code());
        assertTrue(bodyOf(answer).contains("表单已过期"), bodyOf(answer));
        assertEquals(303, form(admin, "/households", admin.csrf(), Map.of("headName", "钱大有",
                "gridCode", hedongGrid()), null).code(), "the same form with its token is accepted");
    }

    @Test
    void aJsonPostRidingOnTheSessionCookieWithoutTheTokenIsRefusedAsProblemJson() {
        Session admin = signIn(ADMIN);
        String id = householdOf("河东村");
        var refusal = refused(403, HttpRequest.POST("/api/households/" + id + "/credits",
                Map.of("entryId", "csrf-1", "points", 5, "reason", "x")).cookies(admin.cookies())
                .accept(MediaType.APPLICATION_JSON_TYPE), "表单已过期");
        assertTrue(refusal.body().contains("\"status\":403"), refusal.body());
    }
}

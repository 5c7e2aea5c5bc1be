package cn.moralbank.web.hostile;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.moralbank.web.logging.RefusalLogFilter;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What a token may say about time (issue 14, the holes left open), how a refused token is told and logged, and
 * signing out with a bearer token.
 */
@MicronautTest(transactional = false)
class TokenLimitsTest extends HostileTest {
    private static final long HOUR = 3_600_000;

    private int status(MutableHttpRequest<?> request) {
        try {
            return noRedirects().toBlocking().exchange(request, String.class).code();
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    private int villages(String token) {
        return status(HttpRequest.GET("/api/villages").bearerAuth(token));
    }

    private String freshToken(String username) {
        Map<?, ?> answer = client.toBlocking().retrieve(HttpRequest.POST("/api/login",
                Map.of("username", username, "password", PASSWORD)), Map.class);
        return (String) answer.get("access_token");
    }

    @Test
    void aTokenLivingLongerThanTheConfiguredLifetimeOrIssuedInTheFutureIsRefused() throws Exception {
        long now = System.currentTimeMillis();
        assertEquals(200, villages(forged(b -> b)), "the same claims re-signed are good");
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("exp ten years ahead", forged(b -> b.expirationTime(new Date(now + 87_600 * HOUR))));
        refused.put("exp 13 h after iat", forged(b -> b.issueTime(new Date(now - 60_000))
                .expirationTime(new Date(now + 13 * HOUR))));
        refused.put("iat in the future", forged(b -> b.issueTime(new Date(now + HOUR))
                .expirationTime(new Date(now + 2 * HOUR))));
        refused.put("no iat", forged(b -> b.issueTime(null)));
        refused.forEach((what, token) -> assertEquals(401, villages(token), what));
        assertEquals(200, villages(forged(b -> b.issueTime(new Date(now - 60_000))
                .expirationTime(new Date(now + 11 * HOUR)))), "within the lifetime");
    }

    /** A token whose claims are the real ones plus a raw JSON member, signed with the secret. */
    private String withRawClaim(String member) throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(token("hedong.c1")).getJWTClaimsSet();
        String json = claims.toString();
        String changed = json.substring(0, json.length() - 1) + "," + member + "}";
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(changed));
        jws.sign(new MACSigner(JWT_SECRET));
        return jws.serialize();
    }

    @Test
    void aTimeClaimOfTheWrongTypeIsAOneLineRefusalNotAStackTrace() throws Exception {
        LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
        // the application's logback.xml installs the refusal filter; the tests run under points-service's
        // logback-test.xml, so it is installed here as production does
        try (var config = getClass().getClassLoader().getResourceAsStream("logback.xml")) {
            assertNotNull(config);
            assertTrue(new String(config.readAllBytes(), StandardCharsets.UTF_8)
                    .contains("cn.moralbank.web.logging.RefusalLogFilter"), "installed in production");
        }
        RefusalLogFilter filter = new RefusalLogFilter();
        filter.start();
        logs.addTurboFilter(filter);
        ListAppender<ILoggingEvent> written = new ListAppender<>();
        written.start();
        logs.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(written);
        try {
            for (String member : new String[]{"\"nbf\":\"soon\"", "\"nbf\":[1]", "\"iat\":\"x\"",
                    "\"nbf\":{\"a\":1}"}) {
                assertEquals(401, villages(withRawClaim(member)), member);
            }
        } finally {
            logs.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(written);
            logs.getTurboFilterList().remove(filter);
        }
        for (ILoggingEvent event : written.list) {
            assertNull(event.getThrowableProxy(), "logged with a stack trace: " + event.getLoggerName() + " "
                    + event.getFormattedMessage());
        }
    }

    @Test
    void everyKindOf401IsToldInTheCallersLanguage() throws Exception {
        Map<String, MutableHttpRequest<?>> kinds = new LinkedHashMap<>();
        kinds.put("no token", HttpRequest.GET("/api/villages"));
        kinds.put("garbage", HttpRequest.GET("/api/villages").bearerAuth("garbage"));
        kinds.put("expired", HttpRequest.GET("/api/villages").bearerAuth(forged(b -> b
                .expirationTime(new Date(System.currentTimeMillis() - HOUR)))));
        kinds.put("wrong password", HttpRequest.POST("/api/login", Map.of("username", ADMIN, "password", "nope")));
        for (Map.Entry<String, MutableHttpRequest<?>> kind : kinds.entrySet()) {
            Refusal zh = refusal(kind.getValue());
            assertEquals(401, zh.status(), kind.getKey());
            assertTrue(zh.body().contains("登录"), kind.getKey() + ": " + zh.body());
            assertFalse(zh.body().matches("(?s).*(Unauthorized|Forbidden|Credentials|not authenticated).*"),
                    kind.getKey() + " in English: " + zh.body());
            StrictEdgeTest.assertNoClassNames(zh.body());
            Refusal en = refusal(english(kind.getValue()));
            assertTrue(en.body().contains("sign in"), kind.getKey() + ": " + en.body());
        }
    }

    @Test
    void signingOutWithABearerTokenAndNoContentTypeWorks() {
        String token = freshToken("hedong.c5");
        assertEquals(200, villages(token));
        int out;
        String said;
        try {
            HttpResponse<String> answer = noRedirects().toBlocking().exchange(HttpRequest.POST("/logout", null)
                    .bearerAuth(token), String.class);
            out = answer.code();
            said = answer.getHeaders().asMap() + " " + answer.body();
        } catch (HttpClientResponseException e) {
            out = e.code();
            said = e.getResponse().getHeaders().asMap() + " " + e.getResponse().getBody(String.class).orElse("");
        }
        assertTrue(out < 400, "signed out without a content type: " + out + " " + said);
        assertEquals(401, villages(token), "the token ends with it");
        String json = freshToken("hedong.c5");
        int outJson = status(HttpRequest.POST("/logout", Map.of()).bearerAuth(json));
        assertTrue(outJson < 400, "signed out with a JSON body: " + outJson);
        assertEquals(401, villages(json));
    }
}

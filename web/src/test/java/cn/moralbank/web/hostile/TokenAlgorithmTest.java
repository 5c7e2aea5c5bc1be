package cn.moralbank.web.hostile;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A token is accepted only under the algorithm the application signs with (HS256): one signed with the right secret
 * under HS384, HS512 or none is refused ({@code PinnedSecretSignature}). The secret here is long enough (64 bytes) for
 * HS512, so the refusals are the algorithm's, not a key too short for it.
 */
@MicronautTest(transactional = false)
class TokenAlgorithmTest extends HostileTest {
    private static final String LONG_SECRET = "long-secret-long-secret-long-secret-long-secret-0123456789abcdefg";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("moralbank.jwt-secret", LONG_SECRET);
        return props;
    }

    private void unauthorised(String token) {
        refused(401, HttpRequest.GET("/api/households").bearerAuth(token), "请先登录");
        refused(401, HttpRequest.POST("/api/households/" + householdOf("河东村") + "/credits",
                Map.of("entryId", "t-1", "points", 5, "reason", "x")).bearerAuth(token));
    }

    /**
     * The claims of a real token under a header naming another algorithm, signed with the right secret (HMAC takes a
     * key of any length, though the test secret is too short for Nimbus' own HS384 and HS512 signers).
     */
    private String signedAs(String algorithm, String macName) throws Exception {
        String claims = token(ADMIN).split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance(macName);
        mac.init(new SecretKeySpec(LONG_SECRET.getBytes(StandardCharsets.UTF_8),
                macName));
        byte[] signature = mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    @Test
    void aTokenSignedWithTheRightSecretButAnotherAlgorithmIsRefused() throws Exception {
        // the same construction with the application's own algorithm is accepted: the refusals below are the header's
        assertEquals(200, exchange(HttpRequest.GET("/api/households?size=1").bearerAuth(
                signedAs("HS256", "HmacSHA256")), String.class).code());
        unauthorised(signedAs("HS384", "HmacSHA384"));
        unauthorised(signedAs("HS512", "HmacSHA512"));
        String unsigned = signedAs("none", "HmacSHA256");
        unauthorised(unsigned.substring(0, unsigned.lastIndexOf('.') + 1));
    }

}

package cn.moralbank.web.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.EachBean;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;

/**
 * The application's tokens are signed with one algorithm (application.yml, {@code jws-algorithm: HS256}); a token
 * whose header names another is refused before its signature is checked. Micronaut's own secret signature accepts
 * every HMAC algorithm with the same secret (HS384 and HS512 too): harmless while the secret stays secret, but an
 * algorithm the issuer never uses is no token of ours, so it is refused as a class, as {@code none} is.
 */
@EachBean(SecretSignatureConfiguration.class)
@Replaces(SecretSignature.class)
class PinnedSecretSignature extends SecretSignature {
    private final JWSAlgorithm algorithm;

    PinnedSecretSignature(SecretSignatureConfiguration configuration) {
        super(configuration);
        this.algorithm = configuration.getJwsAlgorithm();
    }

    @Override
    public boolean supports(JWSAlgorithm candidate) {
        return algorithm != null && algorithm.equals(candidate) && super.supports(candidate);
    }

    /** Micronaut's validator tries every signature, whatever it supports: the algorithm is checked here too. */
    @Override
    public boolean verify(SignedJWT jwt) throws JOSEException {
        return supports(jwt.getHeader().getAlgorithm()) && super.verify(jwt);
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return "Only " + algorithm + " supported";
    }
}

package cn.moralbank.points.people;

import io.micronaut.serde.annotation.Serdeable;

import java.security.SecureRandom;

/** A password given by a manager, shown once, to be changed by the person at their next sign-in. */
@Serdeable
public record TemporaryPassword(String username, String password) {
    /** No 0/O, 1/l/I: read aloud over the phone or copied from paper without mistakes. */
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    static TemporaryPassword generate(String username) {
        StringBuilder password = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new TemporaryPassword(username, password.toString());
    }
}

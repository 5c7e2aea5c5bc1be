package cn.moralbank.web.county;

import java.util.Random;
import java.util.UUID;

/** Random-looking version 4 UUIDs from a seeded generator: the same seed makes the same ids, and fast. */
final class Ids {
    private final Random random;

    Ids(Random random) {
        this.random = random;
    }

    String uuid() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}

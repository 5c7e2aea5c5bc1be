package cn.moralbank.web.county;

/**
 * What to generate: how many households, how many years of history, the random seed (the same seed makes the same
 * county), and how many writer threads append to the event store.
 */
public record CountyOptions(int households, int years, long seed, int writers) {

    public CountyOptions {
        if (households < 1 || households > 1_000_000) {
            throw new IllegalArgumentException("--households must lie between 1 and 1,000,000");
        }
        if (years < 1 || years > 30) {
            throw new IllegalArgumentException("--years must lie between 1 and 30");
        }
        if (writers < 1 || writers > 8) {
            throw new IllegalArgumentException("--writers must lie between 1 and 8");
        }
    }

    /** Parses {@code [--households N] [--years N] [--seed N] [--writers N]}, the command's name first. */
    public static CountyOptions parse(String[] args) {
        int households = 100_000;
        int years = 10;
        long seed = 42;
        int writers = 2;
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            try {
                switch (name) {
                    case "--households" -> households = Integer.parseInt(value);
                    case "--years" -> years = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--writers" -> writers = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " wants a number, not " + value);
            }
        }
        return new CountyOptions(households, years, seed, writers);
    }

    int townships() {
        return Math.max(1, households / 5000);
    }

    int villages() {
        return Math.max(1, households / 333);
    }
}

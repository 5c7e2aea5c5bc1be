package cn.moralbank.web.setup;

import cn.moralbank.points.region.RegionLevel;

/**
 * What {@code setup} creates: the top region (a city, or a county on its own) with its division code and name, and
 * the first office account; its password given, or generated and printed once.
 */
public record SetupOptions(RegionLevel level, String code, String name, String username, String password,
                           String displayName) {
    static final String USAGE = """
            usage: setup (--city | --county) --code <division code> --name <name> --username <first office account>
                         [--password <at least 8 characters>] [--display-name <the office's name>]
              e.g. setup --city --code 130800 --name 承德市 --username chengde.office
                   setup --county --code 130826 --name 丰宁满族自治县 --username fengning.office""";

    public SetupOptions {
        if (level != RegionLevel.CITY && level != RegionLevel.COUNTY) {
            throw new IllegalArgumentException("choose --city or --county for the top region");
        }
        if (code == null || name == null || name.isBlank() || username == null) {
            throw new IllegalArgumentException("--code, --name and --username are needed");
        }
        if (password != null && password.length() < 8) {
            throw new IllegalArgumentException("--password needs at least 8 characters");
        }
    }

    /** Parses the arguments after {@code setup}. */
    public static SetupOptions parse(String[] args) {
        RegionLevel level = null;
        String code = null;
        String name = null;
        String username = null;
        String password = null;
        String displayName = null;
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--city") || option.equals("--county")) {
                if (level != null) {
                    throw new IllegalArgumentException("choose one of --city and --county");
                }
                level = option.equals("--city") ? RegionLevel.CITY : RegionLevel.COUNTY;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--code" -> code = value.strip();
                case "--name" -> name = value.strip();
                case "--username" -> username = value.strip();
                case "--password" -> password = value;
                case "--display-name" -> displayName = value.strip();
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new SetupOptions(level, code, name, username, password, displayName);
    }
}

package cn.moralbank.web.county;

import cn.moralbank.web.Application;
import io.micronaut.context.ApplicationContext;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code generate-county [--households 100000] [--years 10] [--seed 42] [--writers 2]}: starts the application
 * context without the HTTP server and without the demo county, generates the county, and answers an exit status (0
 * done, 2 refused: bad arguments or a database that has households).
 */
public final class CountyCommand {
    private CountyCommand() {
    }

    public static int run(String[] args, Map<String, Object> databaseProperties, PrintStream out) {
        CountyOptions options;
        try {
            options = CountyOptions.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println("usage: generate-county [--households 100000] [--years 10] [--seed 42] [--writers 2]");
            return 2;
        }
        Map<String, Object> properties = new HashMap<>(databaseProperties);
        properties.put("moralbank.demo.load", false);
        // the generated history is rebuilt into every projection by one processor reading it once
        properties.put("moralbank.axon.rebuild-all", true);
        try (ApplicationContext context = ApplicationContext.builder(Application.class).properties(properties).start()) {
            out.printf("Generating a county of %,d households with %d years of history (seed %d)%n",
                    options.households(), options.years(), options.seed());
            context.getBean(CountyGenerator.class).generate(options, out);
            return 0;
        } catch (CountyRefusal refusal) {
            out.println(refusal.getMessage());
            return 2;
        }
    }
}

package cn.moralbank.web.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs one of the product jar's commands (generate-county, replay) on a database, its output teed to a log. */
final class Jar {
    private Jar() {
    }

    /** What the product's jar needs to run on the database, with no demo county. */
    static void environment(Map<String, String> env, Db db) {
        env.put("DATASOURCES_DEFAULT_URL", db.url());
        env.put("DATASOURCES_DEFAULT_USERNAME", db.user());
        env.put("DATASOURCES_DEFAULT_PASSWORD", db.password() == null ? "" : db.password());
        env.put("MORALBANK_JWT_SECRET", "benchmark-secret-benchmark-secret-0123456789");
        env.put("MORALBANK_DEMO", "false");
    }

    static String run(Bench.Options o, Db db, Path log, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx" + o.heap(), "-jar", o.jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        environment(builder.environment(), db);
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        try (var in = process.getInputStream()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                System.out.write(buffer, 0, n);
                System.out.flush();
                output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        }
        int status = process.waitFor();
        Files.writeString(log, String.join(" ", command) + "\n\n" + output);
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", args) + " ended with status " + status + "; see " + log);
        }
        return output.toString();
    }
}

package cn.moralbank.web.bench;

import java.nio.file.Path;

/** A fresh database with a generated county in it, made by the product's own generate-county command. */
final class Generator {
    record Generation(int households, int years, double seconds, String summary) {
    }

    private Generator() {
    }

    static Generation generate(Bench.Options o, Db db, int households, int years, Path log) throws Exception {
        db.create();
        long started = System.nanoTime();
        String output = Jar.run(o, db, log, "generate-county", "--households", String.valueOf(households),
                "--years", String.valueOf(years));
        double seconds = (System.nanoTime() - started) / 1e9;
        String[] lines = output.replace('\r', '\n').split("\n");
        StringBuilder summary = new StringBuilder();
        for (int i = Math.max(0, lines.length - 40); i < lines.length; i++) {
            if (!lines[i].isBlank() && !lines[i].contains("[#") && !lines[i].contains("INFO")) {
                summary.append(lines[i]).append('\n');
            }
        }
        return new Generation(households, years, seconds, summary.toString());
    }
}

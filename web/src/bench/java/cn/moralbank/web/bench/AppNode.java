package cn.moralbank.web.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One application node: the product's jar in its own JVM on the county's database, as production runs it, with
 * the heap limited to what the issue allows. Knows its start-up time, and reads its heap and resident memory.
 */
final class AppNode implements AutoCloseable {
    private static final Pattern HEAP_USED = Pattern.compile("garbage-first heap\\s+total (\\d+)K, used (\\d+)K");

    private final Process process;
    private final int port;
    final double startupSeconds;
    private long peakHeapKb;

    private AppNode(Process process, int port, double startupSeconds) {
        this.process = process;
        this.port = port;
        this.startupSeconds = startupSeconds;
    }

    static AppNode start(Path jar, Db db, int port, String heap, Path log, Map<String, String> extraEnv,
                         Path flightRecording) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx" + heap, "-XX:+UseG1GC"));
        if (flightRecording != null) {
            command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + flightRecording.toAbsolutePath());
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        Jar.environment(env, db);
        env.put("PORT", String.valueOf(port));
        env.putAll(extraEnv);
        long started = System.nanoTime();
        Process process = builder.start();
        HttpClient http = Api.client();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application stopped while starting; see " + log);
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/login")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() - started > 300_000_000_000L) {
                process.destroyForcibly();
                throw new IllegalStateException("the application did not start in 5 minutes; see " + log);
            }
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("  node on port %d served its first request %.1f s after start%n", port, seconds);
        return new AppNode(process, port, seconds);
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Heap in use now (as the JVM reports it) in MB; also kept as the peak seen. */
    long heapUsedMb() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder("jcmd", String.valueOf(process.pid()), "GC.heap_info")
                .redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        Matcher m = HEAP_USED.matcher(output);
        long used = m.find() ? Long.parseLong(m.group(2)) : -1;
        peakHeapKb = Math.max(peakHeapKb, used);
        return used / 1024;
    }

    long peakHeapMb() {
        return peakHeapKb / 1024;
    }

    /** Peak resident set size of the JVM (VmHWM), in MB. */
    long peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

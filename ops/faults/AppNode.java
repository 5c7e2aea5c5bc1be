import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** One application node: the jar started with its environment, killed with SIGKILL or stopped, and started again. */
final class AppNode {
    final String name;
    final int port;
    private final Path jar;
    private final Path log;
    private final Map<String, String> env;
    private Process process;
    private int starts;

    AppNode(String name, int port, Path jar, Path log, Map<String, String> env) {
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.log = log;
        this.env = env;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the node and waits until it answers HTTP. */
    void start(Duration patience) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("PORT", String.valueOf(port));
        if (starts++ > 0) {
            builder.environment().put("MORALBANK_DEMO", "false");
        }
        process = builder.start();
        awaitUp(patience);
    }

    /** SIGKILL: no shutdown hook, no connection closed politely, whatever was in flight is cut. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM and wait: Micronaut stops Axon's processors and the pool. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private void awaitUp(Duration patience) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited while starting; see " + log);
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(url() + "/login"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " did not answer within " + patience + "; see " + log);
    }

    static Path logIn(File dir, String name) {
        return new File(dir, name + ".log").toPath();
    }
}

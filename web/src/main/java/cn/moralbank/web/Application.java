package cn.moralbank.web;

import cn.moralbank.web.county.CountyCommand;
import cn.moralbank.web.setup.SetupCommand;
import cn.moralbank.web.startup.DatabaseBootstrap;
import cn.moralbank.web.verify.VerifyCommand;
import cn.moralbank.points.infra.axon.ProjectionReplay;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the moral bank. With no database configured it starts its own PostgreSQL and loads the demo county; with
 * {@code replay} as the first argument it rebuilds every projection from the event store and exits; with
 * {@code generate-county} it fills an empty database with a generated county and its history (CountyCommand); with
 * {@code verify} it compares the views with the event store, or repairs one household or one projection
 * (VerifyCommand); with {@code setup} it creates the top region and first office account of an empty database,
 * once (SetupCommand).
 */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        DatabaseBootstrap database;
        try {
            database = DatabaseBootstrap.fromEnvironment(System.getenv());
        } catch (IllegalStateException misconfigured) {
            // a setting the operator must give (the JWT secret with a database of one's own): one line, no trace
            System.err.println(misconfigured.getMessage()
                    + (misconfigured.getCause() == null ? "" : " (" + misconfigured.getCause() + ")"));
            System.exit(2);
            return;
        }
        boolean verify = args.length > 0 && args[0].equals("verify");
        boolean replay = verify || args.length > 0 && args[0].equals("replay");
        Map<String, Object> replayProperties = new HashMap<>(database.properties());
        // with no projection named, one processor rebuilds them all from a single read of the event store
        replayProperties.put("moralbank.axon.rebuild-all", !verify && args.length == 1);
        AtomicReference<ApplicationContext> running = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Micronaut's own shutdown hook stops the web server, then the context (calling stop() here as well
            // deadlocks with it in the Netty server's stop). Axon's processors must stop before the embedded
            // server they read from, so wait for the context to finish, then stop the server.
            ApplicationContext context = running.get();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (context != null && context.isRunning() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            database.close();
        }, "moralbank-embedded-postgres-stop"));
        if (args.length > 0 && args[0].equals("setup")) {
            int status = SetupCommand.run(args, database.properties(), System.out);
            database.close();
            System.exit(status);
        }
        if (args.length > 0 && args[0].equals("generate-county")) {
            int status = CountyCommand.run(args, database.properties(), System.out);
            database.close();
            System.exit(status);
        }
        ApplicationContext context = replay
                ? ApplicationContext.builder(Application.class).properties(replayProperties).start()
                : Micronaut.build(args).mainClass(Application.class).properties(database.properties()).start();
        running.set(context);
        if (verify) {
            int status = VerifyCommand.run(context, args, System.out);
            context.stop();
            database.close();
            System.exit(status);
        }
        if (replay) {
            int status = context.getBean(ProjectionReplay.class).replay(args.length > 1 ? args[1] : null, System.out);
            context.stop();
            database.close();
            System.exit(status);
        }
    }
}

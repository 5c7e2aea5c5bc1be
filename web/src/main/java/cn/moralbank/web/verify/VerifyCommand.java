package cn.moralbank.web.verify;

import cn.moralbank.points.infra.axon.ProjectionRepair;
import cn.moralbank.points.infra.axon.ProjectionReplay;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.api.MalformedId;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.ConnectionOperations;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventProcessor;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * {@code verify}: compares every view with the event store, prints each difference and a summary, and answers 0
 * (clean), 1 (differences or missing rows), 3 (nothing found, but rows still being projected could not be compared)
 * or 2 (bad arguments, a projection unknown). {@code verify --repair household <id>} rebuilds that household's
 * balance and passbook from its events ({@link ProjectionRepair}); {@code verify --repair <projection>} replays one
 * projection ({@link ProjectionReplay}: stop every node first).
 */
public final class VerifyCommand {
    static final String USAGE = "usage: verify | verify --repair household <id> | verify --repair <projection>";

    private VerifyCommand() {
    }

    /** Runs the command in a started context (Axon's processors still running, {@code args[0]} is "verify"). */
    public static int run(ApplicationContext context, String[] args, PrintStream out) {
        if (args.length == 1) {
            stopProcessors(context);
            return verify(context, out);
        }
        if (args.length == 4 && args[1].equals("--repair") && args[2].equals("household")) {
            stopProcessors(context);
            return repairHousehold(context, args[3], out);
        }
        if (args.length == 3 && args[1].equals("--repair")) {
            return context.getBean(ProjectionReplay.class).replay(args[2], out);
        }
        out.println(USAGE);
        return 2;
    }

    /**
     * The command's own node projects nothing: verify reads what the running nodes (or the last one) left, and
     * never claims a segment from under them.
     */
    private static void stopProcessors(ApplicationContext context) {
        context.getBean(Configuration.class).eventProcessingConfiguration().eventProcessors().values()
                .forEach(EventProcessor::shutDown);
    }

    static int verify(ApplicationContext context, PrintStream out) {
        VerifyRuns runs = context.getBean(VerifyRuns.class);
        long id = runs.start(VerifyRuns.Trigger.COMMAND, System.getProperty("user.name", ""));
        long started = System.nanoTime();
        try {
            VerifyReport report = context.getBean(Verifier.class).verify(new Verifier.Listener() {
                private boolean barShown;

                @Override
                public void progress(long position, long head) {
                    barShown = true;
                    printProgress(out, position, head, started);
                }

                @Override
                public void difference(Difference difference) {
                    endBar();
                    out.println("DIFFERENT " + difference);
                }

                @Override
                public void note(String message) {
                    endBar();
                    out.println(message);
                }

                private void endBar() {
                    if (barShown) {
                        out.println();
                        barShown = false;
                    }
                }
            });
            runs.finish(id, report);
            out.println(report.summary());
            out.printf("Done in %.1f s%n", (System.nanoTime() - started) / 1e9);
            if (report.exitStatus() == 1) {
                out.println("See docs/operations.md, \"When verify finds a difference\": verify --repair household "
                        + "<id>, or verify --repair <projection> with every node stopped.");
            }
            return report.exitStatus();
        } catch (RuntimeException e) {
            runs.failed(id, e.getMessage());
            throw e;
        }
    }

    static int repairHousehold(ApplicationContext context, String household, PrintStream out) {
        try {
            new HouseholdId(household);
        } catch (MalformedId e) {
            out.println("Not a household id: " + household);
            return 2;
        }
        @SuppressWarnings("unchecked")
        ConnectionOperations<Connection> connections = context.getBean(ConnectionOperations.class);
        ProjectionRepair.Repaired repaired = context.getBean(ProjectionRepair.class).rebuild(Positions.LEDGER,
                household, () -> clearHousehold(connections.getConnectionStatus().getConnection(), household));
        if (repaired.replayed() == 0) {
            // every account begins with its opening event: none means a mistyped id, not a repaired household
            out.println("No account in the event store for household " + household + ": nothing to rebuild");
            return 2;
        }
        out.printf("Rebuilt the balance and passbook of household %s from %,d events%s%n", household,
                repaired.replayed(), repaired.pending() == 0 ? ""
                        : String.format(" (%,d later events are left to the running projection)", repaired.pending()));
        return 0;
    }

    /** A household's rows in the ledger's views (LedgerProjection: account_balance, passbook_entry). */
    static void clearHousehold(Connection connection, String household) {
        for (String sql : new String[]{"DELETE FROM passbook_entry WHERE household_id = ?",
                "DELETE FROM account_balance WHERE household_id = ?"}) {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, household);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static void printProgress(PrintStream out, long position, long head, long startedNanos) {
        ProjectionReplay.printProgress(out, position, head, startedNanos);
    }
}

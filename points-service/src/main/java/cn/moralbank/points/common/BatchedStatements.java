package cn.moralbank.points.common;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;

import java.util.List;

/**
 * A projection's SQL statements, gathered over a batch of events ({@link PerBatch}) and sent when it commits as a
 * few JDBC batches instead of a round trip each: a rebuild handles a thousand events per batch. The projections own
 * this port; infra.db implements it.
 *
 * <p>Each statement names the key of the rows it touches (a deed, a household). Statements of one key run in the
 * order they were given; statements of different keys touch different rows and may run in any order. So the
 * statements are sent in waves: each wave is one SQL text, taking every statement with that text whose key has no
 * earlier statement still waiting. A deed reported and voted on in one batch is inserted before it is updated, and
 * the batch's hundred votes go in one wave.
 *
 * <p>A handler must not read rows that a statement still waiting would change: it would see them as they were
 * before the batch. What reads them when the batch commits sends the waiting statements first ({@link #sendWaiting}).
 */
@ApplicationRing
public interface BatchedStatements {
    /** Runs {@code sql} with {@code arguments} when the batch of {@code projection} commits (or now, outside one). */
    void add(String projection, String key, String sql, Object... arguments);

    /** Sends every statement of {@code projection} waiting in this batch now, before the batch reads its rows. */
    void sendWaiting(String projection);

    /** Runs {@code sql} once for each row of arguments, now, as one JDBC batch on the current connection. */
    void sendNow(String sql, List<Object[]> rows);
}

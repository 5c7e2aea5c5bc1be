package cn.moralbank.points.common;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;

/**
 * What a failure of the database means, asked without knowing its SQL states: the port through which code that may
 * not see {@code points.infra} (the kiosk's store and lock) recognises the database's answers. infra.db implements
 * it; inside points-service's infra the same checks are {@code infra.db.SqlStates}.
 */
@ApplicationRing
public interface DatabaseFailures {
    /** Whether a lock stayed taken longer than the database's lock_timeout, anywhere in the failure's causes. */
    boolean lockTimedOut(Throwable failure);
}

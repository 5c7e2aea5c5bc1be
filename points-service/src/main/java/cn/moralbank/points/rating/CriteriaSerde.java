package cn.moralbank.points.rating;

import cn.moralbank.points.rating.api.HouseholdCriteria;
import cn.moralbank.points.rating.api.WorkerCriteria;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * The criteria are plain records of the round's messages, free of Micronaut: made (de)serialisable from here. On a
 * class of its own: put on {@link RoundView}, the imports took the place of RoundView's own introspection, and every
 * JSON answer carrying a round was a 500.
 */
@SerdeImport(WorkerCriteria.class)
@SerdeImport(HouseholdCriteria.class)
final class CriteriaSerde {
    private CriteriaSerde() {
    }
}

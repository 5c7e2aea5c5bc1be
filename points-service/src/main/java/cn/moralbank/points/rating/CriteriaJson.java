package cn.moralbank.points.rating;

import cn.moralbank.points.rating.api.HouseholdCriteria;
import cn.moralbank.points.rating.api.WorkerCriteria;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Criteria as JSON text, the form the settings table and the round's read model keep them in. */
final class CriteriaJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private CriteriaJson() {
    }

    static String write(Object criteria) {
        try {
            return JSON.writeValueAsString(criteria);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static WorkerCriteria workers(String json) {
        return read(json, WorkerCriteria.class);
    }

    static HouseholdCriteria households(String json) {
        return read(json, HouseholdCriteria.class);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("criteria unreadable: " + json, e);
        }
    }
}

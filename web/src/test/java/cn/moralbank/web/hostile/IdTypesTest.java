package cn.moralbank.web.hostile;

import cn.moralbank.points.ledger.api.MalformedId;
import cn.moralbank.points.testing.PointsClasses;
import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every id value type of the product (a record named {@code …Id} holding one long or one text) refuses a value out
 * of its form as {@link MalformedId}, a 400 naming the kind, never as a bare IllegalArgumentException or another
 * exception (the fuzz test found {@code GET /api/supermarkets/-1/donations} answering 500 for that). A new id type
 * that forgets is caught here, not by the next hostile request.
 */
class IdTypesTest {
    private static final List<Object> LONGS = List.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE);
    private static final List<Object> TEXTS = List.of("", " ", "../..", "a\u0000b", "x".repeat(3000), "\u202E",
            "' OR 1=1 --", "-1");

    @Test
    void everyIdTypeRefusesAMalformedValueAsMalformedId() throws Exception {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (JavaClass type : PointsClasses.of("cn.moralbank")) {
            if (!type.getSimpleName().endsWith("Id") || !type.reflect().isRecord()) {
                continue;
            }
            Class<?> record = type.reflect();
            RecordComponent[] components = record.getRecordComponents();
            if (components.length != 1) {
                continue;
            }
            Class<?> valueType = components[0].getType();
            List<Object> values = valueType == long.class ? LONGS : valueType == String.class ? TEXTS : null;
            if (values == null) {
                continue;
            }
            Constructor<?> constructor = record.getDeclaredConstructor(valueType);
            constructor.setAccessible(true);
            checked++;
            for (Object value : values) {
                try {
                    constructor.newInstance(value);
                } catch (InvocationTargetException e) {
                    if (!(e.getCause() instanceof MalformedId)) {
                        wrong.add(record.getName() + "(" + abbreviated(value) + ") threw " + e.getCause());
                    }
                }
            }
        }
        assertTrue(checked >= 10, "id types found: " + checked);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    private static String abbreviated(Object value) {
        String s = String.valueOf(value);
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}

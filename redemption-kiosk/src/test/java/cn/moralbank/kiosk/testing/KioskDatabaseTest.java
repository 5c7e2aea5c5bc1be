package cn.moralbank.kiosk.testing;

import cn.moralbank.points.testing.DatabaseTest;

import java.util.HashMap;
import java.util.Map;

/**
 * A fresh PostgreSQL database per test class, with a voucher secret, and the recovery job off (tests drive it).
 * The properties are made once, so a second application context (a second node) can join the same database.
 */
public abstract class KioskDatabaseTest extends DatabaseTest {
    private Map<String, String> properties;

    @Override
    public synchronized Map<String, String> getProperties() {
        if (properties == null) {
            Map<String, String> props = new HashMap<>(super.getProperties());
            props.put("moralbank.voucher-secret", "kiosk-test-voucher-secret-kiosk-test");
            props.put("moralbank.kiosk.recovery.enabled", "false");
            props.put("moralbank.deeds.objection-job.enabled", "false");
            properties = props;
        }
        return properties;
    }
}

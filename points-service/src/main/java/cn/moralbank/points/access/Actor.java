package cn.moralbank.points.access;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who is acting: the person (or kiosk device), their role and the region path their scope covers. Every command
 * carries it as metadata, so every event records who did it (the event store is the audit trail).
 *
 * @param userId      the person's username (or the kiosk device's)
 * @param role        their role
 * @param regionPath  the materialised path of the region their scope covers, e.g. {@code /1/4/17/}
 * @param householdId for a villager, their household; otherwise null
 * @param device      for a kiosk, its device id; otherwise null
 */
public record Actor(String userId, Role role, String regionPath, String householdId, String device) {

    public static final String META_USER = "actorUser";
    public static final String META_ROLE = "actorRole";
    public static final String META_REGION = "actorRegion";
    public static final String META_DEVICE = "actorDevice";

    /** The application itself, for scheduled work (objection periods ending, reports). */
    public static final Actor SYSTEM = new Actor("system", Role.COUNTY_OFFICE, "/", null, null);

    public Actor {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(regionPath, "regionPath");
    }

    /** Whether a region (or something in it) with this path lies within this actor's scope. */
    public boolean covers(String path) {
        return path != null && path.startsWith(regionPath);
    }

    public Map<String, Object> metaData() {
        var meta = new HashMap<String, Object>();
        meta.put(META_USER, userId);
        meta.put(META_ROLE, role.name());
        meta.put(META_REGION, regionPath);
        if (device != null) {
            meta.put(META_DEVICE, device);
        }
        return meta;
    }
}

package cn.moralbank.points.deed.api;

import java.time.Instant;

public record DeedWithdrawn(DeedId deedId, String withdrawnBy, String reason, Instant withdrawnAt) {
}

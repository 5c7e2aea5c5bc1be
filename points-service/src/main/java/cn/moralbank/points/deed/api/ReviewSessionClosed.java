package cn.moralbank.points.deed.api;

import java.time.Instant;

public record ReviewSessionClosed(ReviewSessionId sessionId, String closedBy, Instant closedAt) {
}

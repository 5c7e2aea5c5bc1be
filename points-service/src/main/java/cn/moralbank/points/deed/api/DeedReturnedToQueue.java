package cn.moralbank.points.deed.api;

/** The session closed without a majority either way: the deed waits for the next session. */
public record DeedReturnedToQueue(DeedId deedId, ReviewSessionId sessionId) {
}

package cn.moralbank.points.deed.api;

import java.util.List;

public record DeedPutOnAgenda(DeedId deedId, ReviewSessionId sessionId, String sessionTitle, List<String> committee,
                              int objectionDays) {
}

package cn.moralbank.points.deed;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A session with each deed of its agenda, what became of it there, and the votes cast on it there. */
@Serdeable
public record SessionDetail(SessionView session, List<Line> lines) {

    @Serdeable
    public record Line(DeedView deed, SessionItem item, List<VoteView> votes) {
    }
}

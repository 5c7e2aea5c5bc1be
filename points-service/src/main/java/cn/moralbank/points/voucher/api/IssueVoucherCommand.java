package cn.moralbank.points.voucher.api;

import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.api.Points;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Issues a voucher whose points the household's account has already paid (ledger entry {@code voucher:<serial>}).
 * Sent again after a crash it changes nothing. {@code countyPath} bounds where it can be spent.
 */
public record IssueVoucherCommand(@TargetAggregateIdentifier VoucherSerial serial, HouseholdId householdId,
                                  long points, String countyPath, String villagePath, String batchId,
                                  Instant issuedAt) {
    /** A face value one entry may pay for, checked by the value type when the command is made. */
    public IssueVoucherCommand {
        Points.requireValid(points);
    }
}

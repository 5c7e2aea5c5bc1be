package cn.moralbank.points.household;

import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;

/** 期初积分: a row's balance from its paper passbook (number), as of a date, to carry over into the ledger. */
@Serdeable
public record OpeningBalance(long points, LocalDate asOf, String passbookNumber) {
}

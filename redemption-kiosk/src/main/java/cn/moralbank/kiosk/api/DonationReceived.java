package cn.moralbank.kiosk.api;

import java.time.LocalDate;
import java.util.List;

public record DonationReceived(SupermarketId supermarketId, DonationId donationId, String donor,
                               DonorKind donorKind, List<DonationLine> lines, LocalDate receivedOn, String note) {
}

package cn.moralbank.kiosk.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.time.LocalDate;
import java.util.List;

@DomainEvent
public record DonationReceived(SupermarketId supermarketId, DonationId donationId, String donor,
                               DonorKind donorKind, List<DonationLine> lines, LocalDate receivedOn, String note) {
}

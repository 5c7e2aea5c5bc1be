package cn.moralbank.kiosk.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;

/** Goods given to the supermarket (捐赠), with who gave them; sent twice with the same id, recorded once. */
public record RecordDonationCommand(@TargetAggregateIdentifier SupermarketId supermarketId, DonationId donationId,
                                    String donor, DonorKind donorKind, List<DonationLine> lines,
                                    LocalDate receivedOn, String note) {
    /** Each line's quantity checked by the value type when the command is made. */
    public RecordDonationCommand {
        if (lines != null) {
            lines.forEach(l -> Quantity.ofGoods(l.quantity(), Quantity.MAX_GOODS, l.productName()));
        }
    }
}

package cn.moralbank.kiosk.stock;

import cn.moralbank.kiosk.api.DonorKind;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;

/** One line of the public donation ledger: who gave what, how many, worth how much, when. */
@Serdeable
@MappedEntity("donation_line_view")
public record DonationLineView(@EmbeddedId Key key, long supermarketId, String donor, DonorKind donorKind,
                               String productName, long quantity, long declaredValueFen, LocalDate receivedOn,
                               String note, String recordedBy, Instant recordedAt) {

    public String donationId() {
        return key.donationId();
    }

    public String declaredValueYuan() {
        return Yuan.format(declaredValueFen);
    }

    @Serdeable
    @Embeddable
    public record Key(@MappedProperty("donation_id") String donationId,
                      @MappedProperty("product_id") long productId) {
    }
}

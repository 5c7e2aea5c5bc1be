package cn.moralbank.points.infra.axon;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A command's actor is carried to its events; nothing is worked out while an event is handled. */
class CommandsOnlyTest {

    @Test
    void correlationDataComeFromCommandsNotFromEvents() {
        var provider = new CommandsOnly(new SimpleCorrelationDataProvider("actorUser"));
        MetaData actor = MetaData.with("actorUser", "v0001.c1");
        assertEquals(Map.of("actorUser", "v0001.c1"),
                provider.correlationDataFor(new GenericCommandMessage<>(new GenericMessage<>("credit", actor),
                        "Credit")));
        assertEquals(Map.of(), provider.correlationDataFor(GenericEventMessage.asEventMessage("credited")
                .withMetaData(actor)));
    }
}

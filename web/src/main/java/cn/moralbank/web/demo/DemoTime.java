package cn.moralbank.web.demo;

import org.axonframework.eventhandling.GenericEventMessage;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * The demo's past: runs a command with the events it makes stamped at a given instant, as if it had been sent then
 * (Axon stamps an event with {@link GenericEventMessage#clock}; a ledger entry counts in the month of its
 * timestamp). The clock is put back after every command; nothing else sends commands while the demo loads.
 */
final class DemoTime {
    static final ZoneId VILLAGES = ZoneId.of("Asia/Shanghai");

    private DemoTime() {
    }

    static <R> R at(Instant instant, Supplier<R> command) {
        Clock stamps = GenericEventMessage.clock;
        GenericEventMessage.clock = Clock.fixed(instant, VILLAGES);
        try {
            return command.get();
        } finally {
            GenericEventMessage.clock = stamps;
        }
    }
}

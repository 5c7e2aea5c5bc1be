package cn.moralbank.points.infra.axon;

import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.PlainText;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Every text every command carries, checked once before it is sent: a NUL (which PostgreSQL refuses, so an event
 * holding one would stop every projection that copies it), a control, invisible-direction or unpaired surrogate
 * character is refused as {@code text.unstorable} naming the command's field, whatever service sent the command
 * and whatever the service itself forgot to check. Records are walked component by component, with their lists,
 * sets, maps and nested records; the metadata (who sent it) is checked too.
 */
final class CheckedCommandText implements MessageDispatchInterceptor<CommandMessage<?>> {
    static final String CODE = "text.unstorable";
    private static final int MAX_DEPTH = 8;

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            check(command.getPayload(), command.getPayloadType().getSimpleName(), 0);
            command.getMetaData().forEach((key, value) -> check(value, key, 0));
            return command;
        };
    }

    static void check(Object value, String field, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof CharSequence text) {
            if (!PlainText.storable(text.toString())) {
                throw new BadInput(CODE, field);
            }
        } else if (value instanceof Collection<?> items) {
            items.forEach(item -> check(item, field, depth + 1));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                check(k, field, depth + 1);
                check(v, field, depth + 1);
            });
        } else if (value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                // a value type (EntryId(String value)) is named by the command's field that holds it
                String name = depth == 0 || component.getName().equals("value") ? field : component.getName();
                check(read(component, value), depth == 0 ? component.getName() : name, depth + 1);
            }
        }
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a command's field this check cannot read would go unchecked: that is a fault of ours, not of the input
            throw new IllegalStateException("cannot read " + component + " of " + record.getClass().getName(), e);
        }
    }
}

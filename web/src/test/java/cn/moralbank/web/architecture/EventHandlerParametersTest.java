package cn.moralbank.web.architecture;

import cn.moralbank.points.common.Commands;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whether a projection takes an event is remembered by the event's payload type (IsolatingEventHandler): that holds
 * only while no event handler requires a metadata value, which would make the answer depend on each event's metadata.
 * And no correlation data are worked out while an event is handled (CommandsOnly): that holds only while no event
 * handler sends a command.
 */
class EventHandlerParametersTest {
    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("cn.moralbank");

    @Test
    void noEventHandlerRequiresAMetadataValue() {
        List<String> handlers = new ArrayList<>();
        List<String> requiring = new ArrayList<>();
        PRODUCT.forEach(type -> type.getMethods().stream().filter(m -> m.isAnnotatedWith(EventHandler.class))
                .forEach(method -> {
                    handlers.add(method.getFullName());
                    for (JavaParameter parameter : method.getParameters()) {
                        parameter.tryGetAnnotationOfType(MetaDataValue.class)
                                .filter(MetaDataValue::required)
                                .ifPresent(value -> requiring.add(name(method) + " needs " + value.value()));
                    }
                }));
        assertTrue(handlers.size() > 20, "the product's event handlers were found: " + handlers.size());
        assertEquals(List.of(), requiring);
    }

    /** Neither sends a command nor publishes an event: no correlation data are carried from events (CommandsOnly). */
    @Test
    void noEventHandlerSendsACommand() {
        List<Class<?>> senders = List.of(Commands.class, CommandGateway.class, CommandBus.class, EventGateway.class,
                EventBus.class);
        List<String> sending = new ArrayList<>();
        PRODUCT.stream().filter(type -> type.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(EventHandler.class)))
                .forEach(type -> type.getDirectDependenciesFromSelf().stream()
                        .map(dependency -> dependency.getTargetClass())
                        .filter(target -> senders.stream().anyMatch(target::isAssignableTo))
                        .map(target -> type.getSimpleName() + " uses " + target.getName()).distinct()
                        .forEach(sending::add));
        assertEquals(List.of(), sending);
    }

    private static String name(JavaMethod method) {
        return method.getOwner().getSimpleName() + "." + method.getName();
    }
}

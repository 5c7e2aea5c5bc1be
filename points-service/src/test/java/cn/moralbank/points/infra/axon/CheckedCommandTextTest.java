package cn.moralbank.points.infra.axon;

import cn.moralbank.points.common.BadInput;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every text of every command is checked before it is sent, whichever service forgot to check it. */
class CheckedCommandTextTest {
    record Id(String value) {
    }

    record Line(String name, long quantity) {
    }

    record SomeCommand(Id id, String source, List<Line> lines, Map<String, String> notes, long points) {
    }

    private final CheckedCommandText check = new CheckedCommandText();

    private void send(Object payload, Map<String, ?> metaData) {
        var message = GenericCommandMessage.asCommandMessage(payload).andMetaData(MetaData.from(metaData));
        check.handle(List.of(message)).apply(0, message);
    }

    private String refusedField(Object payload) {
        BadInput refusal = assertThrows(BadInput.class, () -> send(payload, Map.of()));
        assertEquals(CheckedCommandText.CODE, refusal.code());
        return (String) refusal.arguments().get(0);
    }

    @Test
    void aNulInAnyTextOfACommandIsRefusedNamingTheField() {
        assertEquals("source", refusedField(new SomeCommand(new Id("a"), "adj\u0000ust", List.of(), Map.of(), 1)));
        assertEquals("id", refusedField(new SomeCommand(new Id("a\u0000"), "x", List.of(), Map.of(), 1)));
        assertEquals("name", refusedField(new SomeCommand(new Id("a"), "x", List.of(new Line("米\u202E", 1)),
                Map.of(), 1)));
        assertEquals("notes", refusedField(new SomeCommand(new Id("a"), "x", List.of(), Map.of("k", "\u0007"), 1)));
        assertEquals("source", refusedField(new SomeCommand(new Id("a"), "\ud800 lone", List.of(), Map.of(), 1)));
    }

    @Test
    void theMetadataIsCheckedToo() {
        BadInput refusal = assertThrows(BadInput.class, () -> send(new SomeCommand(new Id("a"), "x", List.of(),
                Map.of(), 1), Map.of("actorUser", "ad\u0000min")));
        assertEquals("actorUser", refusal.arguments().get(0));
    }

    @Test
    void plainTextLineBreaksEmojiAndChinesePass() {
        send(new SomeCommand(new Id("a-1"), "义务植树\n第二行\t😀", List.of(new Line("大米", 2)), Map.of("k", "v"), 5),
                Map.of("actorUser", "hedong.admin"));
    }
}

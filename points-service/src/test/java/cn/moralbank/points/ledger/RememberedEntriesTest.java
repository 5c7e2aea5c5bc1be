package cn.moralbank.points.ledger;

import cn.moralbank.points.ledger.api.EntryKind;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** A snapshot's remembered entries read back as they were written, every field, none lost. */
class RememberedEntriesTest {

    @Test
    void everyFieldOfEveryEntrySurvivesTheSnapshotsLine() throws Exception {
        RememberedEntries entries = new RememberedEntries();
        var credit = new HouseholdAccount.Entry(EntryKind.CREDIT, 10, 10, null, "rev:1", 70, false);
        var refused = new HouseholdAccount.Entry(EntryKind.DEBIT, 500, 0, null, null, 70, true);
        var reversal = new HouseholdAccount.Entry(EntryKind.REVERSAL, 0, -10, "deed:a-1_b.c", null, 60, false);
        entries.put("deed:a-1_b.c", credit);
        entries.put("checkout:9f2e", refused);
        entries.put("rev:1", reversal);

        // as the snapshot serializer writes it: Jackson, fields of objects without getters
        ObjectMapper mapper = new ObjectMapper().setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        String json = mapper.writeValueAsString(entries);
        assertTrue(json.startsWith("\"") && !json.contains("{"), "one line of text: " + json);
        RememberedEntries back = mapper.readValue(json, RememberedEntries.class);

        assertEquals(credit, back.get("deed:a-1_b.c"));
        assertEquals(refused, back.get("checkout:9f2e"));
        assertEquals(reversal, back.get("rev:1"));
        assertNull(back.get("other"));
        assertNull(back.get("deed:a-1"), "a prefix of an id is not the id");
        assertNull(back.get("1_b.c"), "nor is its end");

        // booked after the snapshot, and a remembered entry changed by a reversal: both win, both in the next line
        var later = new HouseholdAccount.Entry(EntryKind.PENALTY, 3, -3, null, null, 57, false);
        back.put("penalty:7", later);
        back.put("deed:a-1_b.c", credit.reversedBy("rev:9"));
        RememberedEntries again = mapper.readValue(mapper.writeValueAsString(back), RememberedEntries.class);
        assertEquals(later, again.get("penalty:7"));
        assertEquals("rev:9", again.get("deed:a-1_b.c").reversedBy());
        assertEquals(refused, again.get("checkout:9f2e"));
    }

    @Test
    void anAccountWithNoEntriesIsAnEmptyLine() {
        RememberedEntries none = RememberedEntries.unpack(new RememberedEntries().packed());
        assertEquals("", none.packed());
    }
}

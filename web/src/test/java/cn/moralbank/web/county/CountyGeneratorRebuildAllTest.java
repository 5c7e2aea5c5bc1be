package cn.moralbank.web.county;

import cn.moralbank.points.testing.Sql;
import cn.moralbank.points.testing.DatabaseTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The generator as its command runs it, with every projection in the rebuild's one tracking processor: that processor
 * is stopped while the history is written (the generator refuses to write while any streaming processor runs), and
 * the rebuild afterwards fills the views. Left running, it handled the history as it was written and kept Axon's
 * shared event cache reading, which filled the heap of a loaded machine (docs/reliability.md).
 */
@MicronautTest(transactional = false)
class CountyGeneratorRebuildAllTest extends DatabaseTest {
    @Inject
    CountyGenerator generator;
    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = CountyGeneratorTest.generatorProperties(super.getProperties());
        // as CountyCommand sets it
        props.put("moralbank.axon.rebuild-all", "true");
        return props;
    }

    @Test
    void theRebuildsProcessorWaitsWhileTheHistoryIsWrittenThenFillsTheViews() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        generator.generate(new CountyOptions(40, 1, 11, 2), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Sql sql = new Sql(dataSource);
        assertEquals(40L, sql.count("SELECT count(*) FROM account_balance"));
        assertEquals(0L, sql.count("SELECT count(*) FROM account_balance WHERE last_entry_at IS NULL"));
    }
}

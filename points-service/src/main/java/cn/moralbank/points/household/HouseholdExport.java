package cn.moralbank.points.household;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.ledger.Passbooks;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
import jakarta.inject.Singleton;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The households an actor can see, as a file (导出). It has the import columns under their Chinese headers, so an
 * export edited in Excel imports again, then two read-only columns the import ignores: status and balance.
 */
@Singleton
public class HouseholdExport {
    static final List<String> EXTRA_HEADERS = List.of("状态", "积分余额");

    private final Households households;
    private final Regions regions;
    private final Passbooks passbooks;

    HouseholdExport(Households households, Regions regions, Passbooks passbooks) {
        this.households = households;
        this.regions = regions;
        this.passbooks = passbooks;
    }

    /** UTF-8 with a byte order mark, without which Excel on Chinese Windows reads it as GBK. Leaves {@code out} open. */
    public void writeCsv(Actor actor, OutputStream out) throws IOException {
        List<Line> lines = lines(actor);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT);
        csv.printRecord(headers());
        for (Line line : lines) {
            csv.printRecord(CsvCells.digits(line.card()), CsvCells.text(line.headName()),
                    CsvCells.text(line.members()), CsvCells.text(line.address()), CsvCells.digits(line.phone()),
                    line.gridCode(), line.status(), line.balance());
        }
        csv.flush();
    }

    /** An xlsx workbook of one sheet. Leaves {@code out} open. */
    public void writeXlsx(Actor actor, OutputStream out) throws IOException {
        List<Line> lines = lines(actor);
        Workbook workbook = new Workbook(out, "moral bank", "1.0");
        Worksheet sheet = workbook.newWorksheet("农户");
        List<String> headers = headers();
        for (int c = 0; c < headers.size(); c++) {
            sheet.value(0, c, headers.get(c));
        }
        sheet.range(0, 0, 0, headers.size() - 1).style().bold().set();
        sheet.freezePane(0, 1);
        int r = 1;
        for (Line line : lines) {
            // card numbers and phones go in as text: as numbers Excel would drop leading zeros and round long cards
            sheet.value(r, 0, line.card());
            sheet.value(r, 1, line.headName());
            sheet.value(r, 2, line.members());
            sheet.value(r, 3, line.address());
            sheet.value(r, 4, line.phone());
            sheet.value(r, 5, line.gridCode());
            sheet.value(r, 6, line.status());
            sheet.value(r, 7, line.balance());
            r++;
        }
        workbook.finish();
    }

    private static List<String> headers() {
        List<String> headers = new ArrayList<>();
        for (ImportColumn column : ImportColumn.values()) {
            if (column.ordinal() > ImportColumn.GRID_CODE.ordinal()) {
                break; // the opening-balance columns are read on import only: the export has the balance itself
            }
            headers.add(column.chineseHeader());
        }
        headers.addAll(EXTRA_HEADERS);
        return headers;
    }

    private List<Line> lines(Actor actor) {
        RegistryManagers.require(actor, "household export");
        Map<Long, String> gridCodes = new HashMap<>();
        List<Line> lines = new ArrayList<>();
        List<Household> visible = households.allVisible(actor);
        // one query for every balance: an export of a county is 100,000 households
        Map<String, Long> balances = passbooks.balances(visible.stream().map(Household::householdId).toList());
        for (Household h : visible) {
            String gridCode = gridCodes.computeIfAbsent(h.gridId(), id -> regions.get(id).code());
            long balance = balances.getOrDefault(h.id(), 0L);
            lines.add(new Line(h.cardNumber(), h.headName(), h.members(), h.address(),
                    h.phone() == null ? "" : h.phone(), gridCode, statusLabel(h.status()), balance));
        }
        return lines;
    }

    /** The words of the village's own registers (在册/迁出/合户), since the headers are Chinese too. */
    private static String statusLabel(HouseholdStatus status) {
        return switch (status) {
            case ACTIVE -> "在册";
            case MOVED -> "迁出";
            case MERGED -> "合户";
        };
    }

    private record Line(String card, String headName, String members, String address, String phone, String gridCode,
                        String status, long balance) {
    }
}

package cn.moralbank.points.household;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.ledger.Passbooks;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Eventually;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

@MicronautTest(transactional = false)
class HouseholdExportTest extends DatabaseTest {
    private static final List<String> HEADERS = List.of("户卡号", "户主", "家庭成员", "住址", "电话", "网格编码", "状态", "积分余额");

    @Inject HouseholdExport exports;
    @Inject HouseholdImport imports;
    @Inject Households households;
    @Inject HouseholdRepository registry;
    @Inject Passbooks passbooks;
    @Inject Regions regions;
    @Inject CountySettings settings;

    CountyFixture county;

    @BeforeAll
    void registerTheVillage() {
        county = new CountyFixture(regions, settings);
        String g1 = county.grid1.code();
        List<Household> registered = List.of(
                households.register(county.hedongAdmin, new NewHousehold("1308260001000001", "张建国",
                        "王秀兰/妻子;张小明/儿子", "河东村一组12号", "+86 138 0000 0001", g1)),
                households.register(county.hedongAdmin, new NewHousehold(null, "=李桂芬", null, null,
                        "03141234567", g1)),
                households.register(county.countyOffice, new NewHousehold(null, "王老五", null, null, null,
                        county.leguowopuGrid.code())));
        households.setStatus(county.hedongAdmin, registered.get(1).householdId(), HouseholdStatus.MOVED);
        for (Household h : registered) {
            Eventually.until("account of " + h.headName(), () -> passbooks.balance(h.householdId()).isPresent());
        }
    }

    @Test
    void theCsvOpensInExcelWithTheImportColumnsThenStatusAndBalanceOfTheVillageOnly() throws IOException {
        byte[] csv = csv();

        assertArrayEquals(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(csv, 3));
        List<CSVRecord> records = parse(csv);
        assertEquals(HEADERS, records.get(0).toList());
        assertEquals(3, records.size(), "the header and the two households of 河东村");
        List<String> zhang = records.get(1).toList();
        assertEquals(List.of("\t1308260001000001", "张建国", "王秀兰/妻子;张小明/儿子", "河东村一组12号",
                "\t+86 138 0000 0001", county.grid1.code(), "在册", "60"), zhang);
        List<String> li = records.get(2).toList();
        assertEquals("'=李桂芬", li.get(1), "a name that looks like a formula must not run in Excel");
        assertEquals("迁出", li.get(6));
    }

    @Test
    void anExportedCsvImportsAgainIntoAFreshGrid() throws IOException {
        List<CSVRecord> exported = parse(csv());
        // what an administrator does in Excel to move the households: a new grid, and new cards to be made
        StringWriter edited = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(edited, CSVFormat.DEFAULT)) {
            printer.printRecord(exported.get(0).toList());
            for (CSVRecord record : exported.subList(1, exported.size())) {
                List<String> cells = new ArrayList<>(record.toList());
                cells.set(0, "");
                cells.set(5, county.grid3.code());
                printer.printRecord(cells);
            }
        }

        List<Household> imported = imports.importAll(county.hedongAdmin, "河东村.csv",
                ("\uFEFF" + edited).getBytes(StandardCharsets.UTF_8));

        assertEquals(2, imported.size());
        Household zhang = imported.get(0);
        assertEquals(List.of("张建国", "王秀兰/妻子;张小明/儿子", "河东村一组12号", "+86 138 0000 0001",
                        county.grid3.path()),
                List.of(zhang.headName(), zhang.members(), zhang.address(), zhang.phone(), zhang.regionPath()));
        assertEquals("=李桂芬", imported.get(1).headName());
        assertEquals("03141234567", imported.get(1).phone());
    }

    @Test
    void anExportedWorkbookReadsBackColumnForColumn() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exports.writeXlsx(county.hedongAdmin, out);
        byte[] xlsx = out.toByteArray();

        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertEquals(HEADERS, rows.get(0).stream().map(c -> c.getText()).toList());
            assertEquals("1308260001000001", rows.get(1).getCellText(0));
            assertEquals("60", rows.get(1).getCellText(7));
        }
        // unchanged, the file reads cell for cell: the only complaint is that its households exist already
        ImportPreview again = imports.preview(county.hedongAdmin, "河东村.xlsx", xlsx);
        assertEquals(List.of("household.import.card.taken", "household.import.card.taken"),
                again.problems().stream().map(ImportProblem::code).toList());
    }

    @Test
    void aVillagerCannotExportTheirVillage() {
        assertThrows(AccessDenied.class, () -> exports.writeCsv(county.villagerOfHedong(), new ByteArrayOutputStream()));
        assertThrows(AccessDenied.class, () -> exports.writeXlsx(county.villagerOfHedong(), new ByteArrayOutputStream()));
    }

    private byte[] csv() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exports.writeCsv(county.hedongAdmin, out);
        return out.toByteArray();
    }

    private static List<CSVRecord> parse(byte[] csv) throws IOException {
        String text = new String(csv, StandardCharsets.UTF_8).substring(1);
        try (CSVParser parser = CSVParser.parse(text, CSVFormat.DEFAULT)) {
            return parser.getRecords();
        }
    }
}

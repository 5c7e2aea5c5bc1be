package cn.moralbank.points.household;

import cn.moralbank.points.common.BadInput;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static cn.moralbank.points.household.CountyFixture.csv;
import static org.junit.jupiter.api.Assertions.*;

/** Reading uploaded files into rows: no database, no application context. */
class HouseholdFileTest {

    @Test
    void theByteOrderMarkOfAnExcelUtf8CsvIsNotPartOfTheFirstHeader() {
        byte[] content = csv("\uFEFF户主,网格编码", "张建国,130826100201001");
        HouseholdFile.Rows rows = HouseholdFile.read("农户.csv", content, 10);
        assertEquals("户主", rows.lines().get(0).cell(0));
        assertEquals(ImportColumn.HEAD_NAME, ImportColumn.byHeader(rows.lines().get(0).cell(0)).orElseThrow());
    }

    @Test
    void aCsvSavedByChineseExcelInGbkIsDecoded() {
        byte[] content = csv(Charset.forName("GBK"), "户主,网格编码", "乐国窝铺村的张建国,130826100201001");
        assertEquals("乐国窝铺村的张建国", HouseholdFile.read("农户.CSV", content, 10).lines().get(1).cell(0));
    }

    @Test
    void blankRowsAreSkippedButTheRowsAfterThemKeepTheNumbersExcelShows() {
        byte[] content = csv("户主,网格编码", "", "张建国,G1", ",", "李桂芬,G1");
        List<HouseholdFile.Line> lines = HouseholdFile.read("a.csv", content, 10).lines();
        assertEquals(List.of(1, 3, 5), lines.stream().map(HouseholdFile.Line::number).toList());
    }

    @Test
    void aQuotedValueMayHoldCommasAndLineBreaksWithoutShiftingTheRowNumbers() {
        byte[] content = csv("户主,住址", "张建国,\"河东村一组, 12号\r\n东院\"", "李桂芬,河东村一组15号");
        List<HouseholdFile.Line> lines = HouseholdFile.read("a.csv", content, 10).lines();
        assertEquals("河东村一组, 12号\r\n东院", lines.get(1).cell(1));
        assertEquals(3, lines.get(2).number());
    }

    @Test
    void aCsvWithAnUnclosedQuoteIsUnreadable() {
        byte[] content = csv("户主,住址", "张建国,\"河东村一组");
        HouseholdFile.Rows rows = HouseholdFile.read("a.csv", content, 10);
        assertEquals(List.of("household.import.file.unreadable"), codes(rows));
    }

    @Test
    void aFileWithOnlyAHeaderHasNoHouseholdToImport() {
        assertEquals(List.of("household.import.file.empty"), codes(HouseholdFile.read("a.csv", csv("户主,网格编码"), 10)));
        assertEquals(List.of("household.import.file.empty"), codes(HouseholdFile.read("a.csv", new byte[0], 10)));
    }

    @Test
    void readingStopsAtTheFirstRowBeyondTheLimit() {
        byte[] content = csv("户主", "一", "二", "三", "四");
        assertTrue(HouseholdFile.read("a.csv", content, 4).problems().isEmpty());
        HouseholdFile.Rows tooMany = HouseholdFile.read("a.csv", content, 3);
        assertEquals(List.of(ImportProblem.ofFile("household.import.too-many-rows", 3)), tooMany.problems());
    }

    @Test
    void numbersTypedIntoExcelReadBackAsTheDigitsTyped() throws IOException {
        byte[] content = workbook(sheet -> {
            sheet.value(0, 0, "phone");
            sheet.value(0, 1, "card_number");
            sheet.value(2, 0, 13800000001L);
            sheet.value(2, 1, 130826100201L);
        });
        HouseholdFile.Rows rows = HouseholdFile.read("a.xlsx", content, 10);
        assertEquals(List.of("13800000001", "130826100201"), rows.lines().get(1).cells());
        assertEquals(3, rows.lines().get(1).number());
    }

    @Test
    void aWorkbookThatIsNoWorkbookIsUnreadable() {
        byte[] zipOfNothing = {0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6};
        assertEquals(List.of("household.import.file.unreadable"), codes(HouseholdFile.read("a.xlsx", zipOfNothing, 10)));
    }

    @Test
    void aFileWhoseNameOrContentIsNeitherCsvNorXlsxIsRefusedWhole() throws IOException {
        byte[] xlsx = workbook(sheet -> sheet.value(0, 0, "户主"));
        byte[] oldXls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0, 0, 0};
        byte[] text = csv("户主,网格编码");
        for (var upload : List.of(new Upload("农户.xls", oldXls), new Upload("农户.csv", oldXls),
                new Upload("农户.csv", xlsx), new Upload("农户.xlsx", text), new Upload("农户.txt", text),
                new Upload(null, text))) {
            BadInput refused = assertThrows(BadInput.class,
                    () -> HouseholdFile.read(upload.name(), upload.content(), 10), upload.name());
            assertEquals("household.import.file.type-unknown", refused.code());
        }
    }

    @Test
    void whatAnExportGuardsForExcelTheImportReadsAsItWas() {
        for (String value : List.of("=HYPERLINK(\"http://x\")", "+86 138 0000 0001", "-1", "@SUM(A1)", "张建国")) {
            assertEquals(value, CsvCells.read(CsvCells.text(value)));
        }
        assertEquals("'=1+1", CsvCells.text("=1+1"));
        for (String fullWidth : List.of("\uFF1D1+1", "\uFF0B1", "\uFF0D1", "\uFF20SUM(A1)")) {
            assertEquals("'" + fullWidth, CsvCells.text(fullWidth));
            assertEquals(fullWidth, CsvCells.read(CsvCells.text(fullWidth)));
        }
        assertEquals("1308261002010001", CsvCells.read(CsvCells.digits("1308261002010001")));
    }

    private static List<String> codes(HouseholdFile.Rows rows) {
        return rows.problems().stream().map(ImportProblem::code).toList();
    }

    interface SheetWriter {
        void write(Worksheet sheet) throws IOException;
    }

    /** A date typed into Excel is a number shown as a date: read back as the date, not as 46356. */
    @Test
    void aDateTypedIntoExcelIsReadAsTheDate() throws IOException {
        byte[] content = workbook(sheet -> {
            sheet.value(0, 0, "户主");
            sheet.value(0, 1, "期初日期");
            sheet.value(1, 0, "张建国");
            sheet.value(1, 1, LocalDate.of(2026, 11, 30));
            sheet.style(1, 1).format("yyyy/m/d").set();
            sheet.value(2, 0, "李桂芬");
            sheet.value(2, 1, LocalDate.of(2026, 10, 1));
            sheet.style(2, 1).format("yyyy-mm-dd").set();
            sheet.value(3, 0, "13800000001");
            sheet.value(3, 1, 13800000001L);
        });
        HouseholdFile.Rows rows = HouseholdFile.read("农户.xlsx", content, 10);
        assertEquals("2026-11-30", rows.lines().get(1).cell(1));
        assertEquals("2026-10-01", rows.lines().get(2).cell(1));
        assertEquals("13800000001", rows.lines().get(3).cell(1), "a number not shown as a date stays its digits");
    }

    /**
     * Every row is known by its number from the preview to the import: a workbook that numbers two rows alike
     * (written by hand; Excel never does) is refused whole, never read with one of them skipped.
     */
    @Test
    void aWorkbookThatNumbersTwoRowsAlikeIsRefused() throws IOException {
        byte[] content = workbook(sheet -> {
            sheet.value(0, 0, "户主");
            sheet.value(0, 1, "网格编码");
            sheet.value(1, 0, "张建国");
            sheet.value(1, 1, "130826100201001");
            sheet.value(2, 0, "李桂芬");
            sheet.value(2, 1, "130826100201001");
        });
        byte[] crafted = rewriteSheet(content, xml -> xml.replace("<row r=\"3\"", "<row r=\"2\""));
        HouseholdFile.Rows rows = HouseholdFile.read("农户.xlsx", crafted, 10);
        assertEquals(List.of("upload.row-repeated"), rows.problems().stream().map(ImportProblem::code).toList());
    }

    /** The workbook with its first sheet's XML changed, as a hand-written file would be. */
    private static byte[] rewriteSheet(byte[] workbook, UnaryOperator<String> change) throws IOException {
        Path file = Files.createTempFile("workbook", ".xlsx");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Files.write(file, workbook);
            try (var in = new ZipFile(file.toFile());
                 var zip = new ZipOutputStream(out)) {
                for (var entry : Collections.list(in.entries())) {
                    byte[] bytes = in.getInputStream(entry).readAllBytes();
                    if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                        String xml = new String(bytes, StandardCharsets.UTF_8);
                        String changed = change.apply(xml);
                        assertNotEquals(xml, changed, "the sheet was changed");
                        bytes = changed.getBytes(StandardCharsets.UTF_8);
                    }
                    zip.putNextEntry(new ZipEntry(entry.getName()));
                    zip.write(bytes);
                    zip.closeEntry();
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return out.toByteArray();
    }

    /**
     * The go-live walk's find: an xlsx written by a simple exporter, without the optional styles part, was refused
     * as unreadable.
     */
    @Test
    void aWorkbookWithoutStylesIsRead() throws IOException {
        byte[] full = workbook(sheet -> {
            sheet.value(0, 0, "户主");
            sheet.value(0, 1, "网格编码");
            sheet.value(1, 0, "无样式");
            sheet.value(1, 1, "13082610320101");
        });
        ByteArrayOutputStream bare = new ByteArrayOutputStream();
        Path file = Files.createTempFile("styles", ".xlsx");
        Files.write(file, full);
        try (ZipFile in = new ZipFile(file.toFile());
             ZipOutputStream out = new ZipOutputStream(bare)) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                byte[] data = in.getInputStream(entry).readAllBytes();
                String text = new String(data, StandardCharsets.UTF_8);
                if (entry.getName().equals("xl/styles.xml")) {
                    continue;
                }
                if (entry.getName().equals("[Content_Types].xml") || entry.getName().endsWith(".rels")) {
                    // the references to the styles part go with it
                    data = text.replaceAll("<Override[^>]*styles\\.xml\"/>", "")
                            .replaceAll("<Relationship[^>]*styles\\.xml\"/>", "").getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
        Files.delete(file);
        HouseholdFile.Rows rows = HouseholdFile.read("农户.xlsx", bare.toByteArray(), 10);
        assertEquals(List.of(), codes(rows));
        assertEquals("无样式", rows.lines().get(1).cell(0));
    }

    static byte[] workbook(SheetWriter rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "test", "1.0");
        rows.write(workbook.newWorksheet("农户"));
        workbook.finish();
        return out.toByteArray();
    }

    private record Upload(String name, byte[] content) {
    }
}

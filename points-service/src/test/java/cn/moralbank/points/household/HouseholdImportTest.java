package cn.moralbank.points.household;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.ledger.Passbooks;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static cn.moralbank.points.household.CountyFixture.csv;
import static cn.moralbank.points.household.ImportColumn.*;
import static org.junit.jupiter.api.Assertions.*;

@MicronautTest(transactional = false)
class HouseholdImportTest extends DatabaseTest {
    private static final String HEADER = "户卡号,户主,家庭成员,住址,电话,网格编码";

    @Inject HouseholdImport imports;
    @Inject HouseholdBooks books;
    @Inject Households households;
    @Inject HouseholdRepository registry;
    @Inject Passbooks passbooks;
    @Inject Regions regions;
    @Inject CountySettings settings;
    @Inject DataSource dataSource;

    CountyFixture county;
    Sql sql;
    String g1;
    String g2;

    @BeforeAll
    void createCounty() {
        county = new CountyFixture(regions, settings);
        sql = new Sql(dataSource);
        g1 = county.grid1.code();
        g2 = county.grid2.code();
    }

    @Test
    void aCleanFileImportsEveryHouseholdAndOpensItsAccountWithTheBaseScore() {
        byte[] file = csv(HEADER,
                "6200000001,张建国,王秀兰/妻子;张小明/儿子,河东村一组12号,13800000001," + g1,
                ",李桂芬,,河东村一组15号,," + g1,
                "6200000002,赵德顺,赵大勇／儿子；孙丽／儿媳,,0314-1234567," + g2);

        ImportPreview preview = imports.preview(county.hedongAdmin, "河东村.csv", file);
        assertEquals(List.of(), preview.problems());
        assertEquals(List.of(2, 3, 4), preview.rows().stream().map(ImportRow::line).toList());
        ImportRow generated = preview.rows().get(1);
        assertTrue(generated.cardGenerated());
        assertEquals(CardNumbers.prefix(county.grid1) + "0001", generated.household().cardNumber());

        List<Household> imported = imports.importAll(county.hedongAdmin, "河东村.csv", file);

        assertEquals(3, imported.size());
        Household zhao = registry.findByCardNumber("6200000002").orElseThrow();
        assertEquals("赵大勇/儿子;孙丽/儿媳", zhao.members());
        assertEquals(county.grid2.path(), zhao.regionPath());
        for (Household h : imported) {
            Eventually.until("account of " + h.headName(), () -> passbooks.balance(h.householdId())
                    .map(b -> b.balance() == CountyFixture.BASE_SCORE).orElse(false));
        }
    }

    @Test
    void aFileWithSeveralBadRowsListsEveryProblemWhereItIsAndImportsNothing() {
        long before = householdCount();
        byte[] file = csv("grid_code,head_name,phone,card_number",
                g1 + ",周大福,13800000002,6200000101",
                g1 + ",,13800000003,6200000102",
                "",
                g1 + ",吴老三,没有电话,6200000103",
                "9999999,郑二,,6200000104",
                county.hedong.code() + ",钱七,,12AB");

        ImportPreview preview = imports.preview(county.hedongAdmin, "河东村.csv", file);

        assertEquals(List.of(
                "3 HEAD_NAME household.import.head-name.missing []",
                "5 PHONE household.import.phone.invalid [没有电话]",
                "6 GRID_CODE household.import.grid.unknown [9999999]",
                "7 CARD_NUMBER household.import.card.invalid [12AB]",
                "7 GRID_CODE household.import.grid.not-a-grid [" + county.hedong.code() + "]"),
                describe(preview.problems()));
        assertEquals(List.of(2), preview.rows().stream().map(ImportRow::line).toList());
        BadInput refused = assertThrows(BadInput.class,
                () -> imports.importAll(county.hedongAdmin, "河东村.csv", file));
        assertEquals("household.import.file-has-errors", refused.code());
        assertEquals(List.of(5), refused.arguments());
        assertEquals(before, householdCount());
    }

    @Test
    void aCardNumberUsedTwiceInTheFileOrAlreadyInTheRegistryIsRefused() {
        households.register(county.hedongAdmin, new NewHousehold("6200000201", "冯老汉", null, null, null, g1));
        byte[] file = csv(HEADER,
                "6200000201,刘大娘,,,," + g1,
                "6200000202,陈二叔,,,," + g1,
                "6200000202,杨三婶,,,," + g1);

        ImportPreview preview = imports.preview(county.hedongAdmin, "河东村.csv", file);

        assertEquals(List.of(
                "2 CARD_NUMBER household.import.card.taken [6200000201]",
                "4 CARD_NUMBER household.import.card.duplicate-in-file [6200000202, 3]"),
                describe(preview.problems()));
    }

    @Test
    void aGridOfAnotherVillageIsOutsideTheAdministratorsScope() {
        long before = householdCount();
        byte[] file = csv(HEADER, ",王老五,,,," + county.leguowopuGrid.code());

        ImportPreview preview = imports.preview(county.hedongAdmin, "河东村.csv", file);

        assertEquals(List.of("2 GRID_CODE household.import.grid.outside-scope [" + county.leguowopuGrid.code() + "]"),
                describe(preview.problems()));
        assertThrows(BadInput.class, () -> imports.importAll(county.hedongAdmin, "河东村.csv", file));
        assertEquals(before, householdCount());
    }

    @Test
    void anExcelWorkbookImportsLikeACsv() throws IOException {
        byte[] file = HouseholdFileTest.workbook(sheet -> {
            sheet.value(0, 0, "网格编码");
            sheet.value(0, 1, "户主");
            sheet.value(0, 2, "电话");
            sheet.value(0, 3, "户卡号");
            sheet.value(1, 0, g2);
            sheet.value(1, 1, "孙玉梅");
            sheet.value(1, 2, 13800000005L);
            sheet.value(1, 3, 6200000301L);
            sheet.value(3, 0, g2);
            sheet.value(3, 1, "周文华");
        });

        List<Household> imported = imports.importAll(county.hedongAdmin, "河东村.xlsx", file);

        assertEquals(List.of("孙玉梅", "周文华"), imported.stream().map(Household::headName).toList());
        assertEquals("13800000005", registry.findByCardNumber("6200000301").orElseThrow().phone());
    }

    /**
     * The attacker's find: a passbook sheet typed into Excel holds the card as a number, without its leading 0 (a
     * grid's cards begin 0826...); it was registered as a second household with a card no one holds.
     */
    @Test
    void aCardExcelChangedIsRefusedWithTheCardItShouldBe() throws IOException {
        // a grid coded as the demo county's are (village and two digits): its cards begin with the 0 of 0826...
        Region grid = regions.createChild(county.hedong, county.hedong.code() + "04", "河东村四组");
        String g4 = grid.code();
        String prefix = CardNumbers.prefix(grid);
        assertTrue(prefix.startsWith("0"), prefix);
        String lostZero = prefix.substring(1) + "0099";
        byte[] workbook = HouseholdFileTest.workbook(sheet -> {
            sheet.value(0, 0, "网格编码");
            sheet.value(0, 1, "户主");
            sheet.value(0, 2, "户卡号");
            sheet.value(1, 0, g4);
            sheet.value(1, 1, "冯丢零");
            sheet.value(1, 2, Long.parseLong(lostZero));
            sheet.value(2, 0, g4);
            sheet.value(2, 1, "冯进位");
            // 16 digits as a number: Excel keeps 15 of them
            sheet.value(2, 2, 1308261002010100L);
            sheet.value(3, 0, g4);
            sheet.value(3, 1, "冯正常");
            sheet.value(3, 2, 6200000901L);
        });
        ImportPreview fromExcel = imports.preview(county.hedongAdmin, "河东村.xlsx", workbook);
        assertEquals(List.of(
                "2 CARD_NUMBER household.import.card.zero-lost [" + lostZero + ", 0" + lostZero + "]",
                "3 CARD_NUMBER household.import.card.number-rounded [1308261002010100, ]"),
                describe(fromExcel.problems()));
        // a CSV keeps no types, but a card that is the grid's own but for its leading 0 lost it all the same
        ImportPreview fromCsv = imports.preview(county.hedongAdmin, "河东村.csv", csv(HEADER,
                lostZero + ",冯丢零,,,," + g4, "1308261002010100,冯文本,,,," + g4));
        assertEquals(List.of("2 CARD_NUMBER household.import.card.zero-lost [" + lostZero + ", 0" + lostZero + "]"),
                describe(fromCsv.problems()));
    }

    @Test
    void aCsvSavedByChineseExcelInGbkImports() {
        byte[] file = csv(Charset.forName("GBK"), HEADER, "6200000401,褚卫国,褚小燕/女儿,河东村二组3号,," + g2);

        imports.importAll(county.hedongAdmin, "河东村.csv", file);

        Household chu = registry.findByCardNumber("6200000401").orElseThrow();
        assertEquals("褚卫国", chu.headName());
        assertEquals("褚小燕/女儿", chu.members());
    }

    @Test
    void anImportCutOffHalfWayKeepsWholeChunksAndTheSameFileUploadedAgainFinishesIt() {
        // the file passes every check; the database then refuses a household of its second chunk, as a crash might
        sql.update("""
                CREATE FUNCTION refuse_household() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'refused for the test'; END $$ LANGUAGE plpgsql""");
        sql.update("""
                CREATE TRIGGER refuse_household BEFORE INSERT ON household
                FOR EACH ROW WHEN (NEW.head_name = '卫失败') EXECUTE FUNCTION refuse_household()""");
        int rows = HouseholdImport.CHUNK + 3;
        String[] lines = IntStream.rangeClosed(0, rows).mapToObj(i -> i == 0 ? HEADER
                : "%d,%s,,,,%s".formatted(6200005000L + i, i == HouseholdImport.CHUNK + 2 ? "卫失败" : "断点" + i, g1))
                .toArray(String[]::new);
        byte[] file = csv(lines);
        long households = householdCount();
        long accounts = accountsOpened();
        try {
            assertTrue(imports.preview(county.hedongAdmin, "河东村.csv", file).importable());
            RuntimeException failure = assertThrows(RuntimeException.class,
                    () -> imports.importAll(county.hedongAdmin, "河东村.csv", file));
            assertTrue(causes(failure).contains("refused for the test"), causes(failure));

            // the first chunk stayed, each household with its account; the refused chunk left nothing
            assertEquals(households + HouseholdImport.CHUNK, householdCount());
            assertEquals(accounts + HouseholdImport.CHUNK, accountsOpened());
        } finally {
            sql.update("DROP TRIGGER refuse_household ON household");
            sql.update("DROP FUNCTION refuse_household()");
        }

        ImportPreview again = imports.preview(county.hedongAdmin, "河东村.csv", file);
        assertEquals(HouseholdImport.CHUNK, again.alreadyImported());
        assertEquals(List.of(), again.problems());
        assertEquals(IntStream.rangeClosed(HouseholdImport.CHUNK + 2, rows + 1).boxed().toList(),
                again.rows().stream().map(ImportRow::line).toList());

        List<Household> imported = imports.importAll(county.hedongAdmin, "河东村.csv", file);

        assertEquals(rows, imported.size());
        assertEquals("断点1", imported.get(0).headName());
        assertEquals("卫失败", imported.get(HouseholdImport.CHUNK + 1).headName());
        assertEquals(households + rows, householdCount());
        assertEquals(accounts + rows, accountsOpened());
        // uploaded once more (a second click), the file registers nothing and answers its households
        assertEquals(imported, imports.importAll(county.hedongAdmin, "河东村.csv", file));
        assertEquals(households + rows, householdCount());
    }

    @Test
    void twoUploadsOfOneFileAtOnceRegisterEachHouseholdOnce() throws Exception {
        String[] lines = IntStream.rangeClosed(0, HouseholdImport.CHUNK * 2).mapToObj(i -> i == 0 ? HEADER
                : (6200006000L + i) + ",同传" + i + ",,,," + g2).toArray(String[]::new);
        byte[] file = csv(lines);
        long households = householdCount();
        var pool = Executors.newFixedThreadPool(2);
        try {
            var start = new CountDownLatch(1);
            List<Future<HouseholdImport.Imported>> uploads = IntStream.range(0, 2).mapToObj(i -> pool.submit(() -> {
                        start.await();
                        return imports.importFile(county.hedongAdmin, "河东村.csv", file);
                    })).toList();
            start.countDown();
            int registeredNow = 0;
            for (var upload : uploads) {
                HouseholdImport.Imported answer = upload.get(60, TimeUnit.SECONDS);
                assertEquals(HouseholdImport.CHUNK * 2, answer.households().size());
                registeredNow += answer.registeredNow();
            }
            // each answer says what that upload registered (before, each said it had registered them all)
            assertEquals(HouseholdImport.CHUNK * 2, registeredNow);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(households + HouseholdImport.CHUNK * 2, householdCount());
        assertEquals(HouseholdImport.CHUNK * 2, sql.count("SELECT count(*) FROM household WHERE head_name LIKE '同传%'"));
    }

    /**
     * What registering refuses, the preview flags at its cell: before, a line break or a variation selector in a name,
     * or a name of rare characters (each two Java chars) within the file's limits, passed the preview and stopped the
     * import half way. Rare characters count as one each, as PostgreSQL counts them.
     */
    @Test
    void everyRowThePreviewAcceptsIsOneRegisteringAccepts() {
        String rare = "\uD840\uDC00"; // U+20000, a CJK character outside the basic plane
        long before = householdCount();
        byte[] file = csv(HEADER,
                "6200000701,\"张\n三\",,,," + g1,
                "6200000702,王\u2764\uFE0F,,,," + g1,
                "6200000703," + rare.repeat(51) + ",,,," + g1,
                "6200000704,李四,,\"" + rare.repeat(201) + "\",," + g1,
                "6200000705," + rare.repeat(26) + ",,," + "," + g1);

        ImportPreview preview = imports.preview(county.hedongAdmin, "河东村.csv", file);

        assertEquals(List.of(
                "2 HEAD_NAME household.text.unstorable []",
                "3 HEAD_NAME household.text.unstorable []",
                "4 HEAD_NAME household.import.head-name.too-long [51, 50]",
                "5 ADDRESS household.import.address.too-long [201, 200]"),
                describe(preview.problems()));
        assertEquals(List.of(6), preview.rows().stream().map(ImportRow::line).toList(),
                "26 rare characters are 26 characters, within the 50 allowed");
        assertThrows(BadInput.class, () -> imports.importAll(county.hedongAdmin, "河东村.csv", file));
        assertEquals(before, householdCount());

        Household rareName = households.register(county.hedongAdmin, new NewHousehold("6200000706",
                rare.repeat(26), null, null, null, g1));
        assertEquals(26, rareName.headName().codePointCount(0, rareName.headName().length()));
    }

    /**
     * A file corrected after an import was cut off has other bytes, so its rows are not known as imported: a row
     * without a card number whose head already heads a household of the grid is refused, not registered twice.
     */
    @Test
    void aRowWithoutACardWhoseHeadAlreadyHeadsAHouseholdOfTheGridIsRefused() {
        imports.importAll(county.hedongAdmin, "河东村.csv", csv(HEADER, ",欧阳修,,,," + g2, ",司马光,,,," + g2));

        ImportPreview corrected = imports.preview(county.hedongAdmin, "河东村（改）.csv",
                csv(HEADER, ",欧阳修,,河东村三组,," + g2, ",司马光,,,," + g1, "6200000801,欧阳修,,,," + g2));

        String card = registry.findByGridIdInAndHeadNameIn(List.of(county.grid2.id()), List.of("欧阳修")).get(0)
                .cardNumber();
        assertEquals(List.of("2 HEAD_NAME household.import.head.registered [欧阳修, " + g2 + ", " + card + "]"),
                describe(corrected.problems()));
        assertEquals(List.of(3, 4), corrected.rows().stream().map(ImportRow::line).toList(),
                "the same name in another grid, or with a card number of its own, is another household");
    }

    /**
     * One paper passbook is carried over once per village, however the bookings meet: two imports whose previews
     * both passed (held at the village's passbooks until both wait there), then a household's page.
     */
    @Test
    void twoImportsAtOnceNeverCarryOnePassbookOverTwice() throws Exception {
        String header = HEADER + ",期初积分,期初日期,存折编号";
        byte[] first = csv(header, "6200000901,甲存折,,,," + g1 + ",500,2026-11-30,PB-DUP");
        byte[] second = csv(header, "6200000902,乙存折,,,," + g2 + ",500,2026-11-30,PB-DUP");
        assertTrue(imports.preview(county.hedongAdmin, "a.csv", first).importable());
        assertTrue(imports.preview(county.hedongAdmin, "b.csv", second).importable());
        List<String> outcomes = racing("carried-passbooks:" + county.hedong.path(), first, second);
        assertEquals(List.of("household.import.opening.passbook-taken", "imported"),
                outcomes.stream().sorted().toList());
        assertEquals(1, sql.count("SELECT count(*) FROM household_change WHERE passbook_number = 'PB-DUP'"));
        assertEquals(1, sql.count("SELECT count(*) FROM household WHERE head_name IN ('甲存折', '乙存折')"),
                "the refused chunk registered nothing");
    }

    /**
     * An edited copy of a file uploaded while the first still runs (its uploader gave up waiting): both previews pass,
     * and the rule is checked again under the grid's hold, so the households are not registered twice.
     */
    @Test
    void anEditedCopyImportedWhileTheFileStillRunsIsRefusedNotRegisteredTwice() throws Exception {
        byte[] first = csv(HEADER, ",司马懿,,,," + g2, ",诸葛亮,,,," + g2);
        byte[] edited = csv(HEADER, ",司马懿,,河东村五组,," + g2, ",诸葛亮,,,," + g2);
        assertTrue(imports.preview(county.hedongAdmin, "a.csv", first).importable());
        assertTrue(imports.preview(county.hedongAdmin, "a（改）.csv", edited).importable());
        List<String> outcomes = racing("household-card-numbers:" + county.grid2.id(), first, edited);
        assertEquals(List.of("household.import.head.registered", "imported"), outcomes.stream().sorted().toList());
        assertEquals(2, sql.count("SELECT count(*) FROM household WHERE head_name IN ('司马懿', '诸葛亮')"));
    }

    /** Imports the files at once while the test holds the lock named, then lets them go; answers each one's outcome. */
    private List<String> racing(String lock, byte[]... files) throws Exception {
        var pool = Executors.newFixedThreadPool(files.length);
        List<String> outcomes = new ArrayList<>();
        try (var holder = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            holder.setAutoCommit(false);
            try (var hold = holder.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                hold.setString(1, lock);
                hold.execute();
            }
            var uploads = Arrays.stream(files).map(file -> pool.submit(() -> {
                try {
                    imports.importAll(county.hedongAdmin, "x.csv", file);
                    return "imported";
                } catch (BadInput refused) {
                    return refused.code();
                }
            })).toList();
            Eventually.until("every import waits at the lock", () -> sql.count(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == files.length);
            holder.commit();
            for (var upload : uploads) {
                outcomes.add(upload.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        return outcomes;
    }

    /** The go-live walk's find: a sheet writing 0 for "no passbook" had every such row refused for its missing date. */
    @Test
    void anOpeningBalanceOfNothingAloneCarriesNothingOver() {
        String header = HEADER + ",期初积分,期初日期,存折编号";
        ImportPreview preview = imports.preview(county.hedongAdmin, "z.csv",
                csv(header, "6200000905,零余额,,,," + g1 + ",0,,"));
        assertEquals(List.of(), preview.problems());
        assertEquals(1, preview.rows().size());
        assertNull(preview.rows().get(0).opening());
    }

    @Test
    void aPassbookTheVillageImportedIsRefusedOnAnotherHouseholdsPage() {
        String header = HEADER + ",期初积分,期初日期,存折编号";
        imports.importAll(county.hedongAdmin, "c.csv", csv(header, "6200000903,丙存折,,,," + g1 + ",30,2026-11-30,PB-PAGE"));
        Household other = households.register(county.hedongAdmin, new NewHousehold("6200000904", "丁存折", null, null,
                null, g2));

        BadInput refused = assertThrows(BadInput.class, () -> books.bookOpening(county.hedongAdmin,
                other.householdId(), "30", "2026-11-30", "PB-PAGE", "form-token-0001"));
        assertEquals("household.import.opening.passbook-taken", refused.code());
        books.bookOpening(county.hedongAdmin, other.householdId(), "30", "2026-11-30", "PB-PAGE-2", "form-token-0002");
        books.bookOpening(county.hedongAdmin, other.householdId(), "30", "2026-11-30", "PB-PAGE-2", "form-token-0002");
        assertEquals(1, sql.count("SELECT count(*) FROM household_change WHERE passbook_number = 'PB-PAGE-2'"),
                "the same form sent twice is its first booking");
    }

    /** Headers administrators write for the same columns are read as them; any other is named as not imported. */
    @Test
    void otherCommonHeadersAreReadAndUnknownOnesAreNamed() {
        ImportPreview preview = imports.preview(county.hedongAdmin, "河东村.csv", csv(
                "序号,户主姓名,地址,联系电话,网格编码,身份证号", "1,郭守敬,河东村六组,13800000011," + g1 + ",130826"));
        assertEquals(List.of(), preview.problems());
        NewHousehold row = preview.rows().get(0).household();
        assertEquals(List.of("郭守敬", "河东村六组", "13800000011"), List.of(row.headName(), row.address(), row.phone()));
        assertEquals(List.of("序号", "身份证号"), preview.ignoredColumns());
    }

    @Test
    void aFileWithoutTheGridColumnIsRefusedAtItsHeader() {
        ImportPreview preview = imports.preview(county.hedongAdmin, "河东村.csv", csv("户主,电话", "韩梅,13800000009"));

        assertEquals(List.of("1 GRID_CODE household.import.header.missing-column [网格编码, grid_code]"),
                describe(preview.problems()));
        assertEquals(List.of(), preview.rows());
    }

    @Test
    void aFileOfMoreThanFiveThousandHouseholdsIsRefusedWhole() {
        String[] lines = IntStream.rangeClosed(0, HouseholdImport.MAX_ROWS + 1)
                .mapToObj(i -> i == 0 ? HEADER : ",户主" + i + ",,,," + g1).toArray(String[]::new);

        ImportPreview preview = imports.preview(county.hedongAdmin, "全县.csv", csv(lines));

        assertEquals(List.of("0 null household.import.too-many-rows [5000]"), describe(preview.problems()));
    }

    @Test
    void aVillagerCannotImportHouseholds() {
        byte[] file = csv(HEADER, ",韩梅,,,," + g1);
        assertThrows(AccessDenied.class, () -> imports.preview(county.villagerOfHedong(), "a.csv", file));
        assertThrows(AccessDenied.class, () -> imports.importAll(county.villagerOfHedong(), "a.csv", file));
    }

    private long accountsOpened() {
        return sql.count("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%AccountOpened'");
    }

    private long householdCount() {
        return sql.count("SELECT count(*) FROM household");
    }

    private static String causes(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static List<String> describe(List<ImportProblem> problems) {
        return problems.stream().map(p -> p.line() + " " + p.column() + " " + p.code() + " " + p.arguments())
                .collect(Collectors.toList());
    }
}

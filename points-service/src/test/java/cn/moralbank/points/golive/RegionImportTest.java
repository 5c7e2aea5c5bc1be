package cn.moralbank.points.golive;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.household.ImportProblem;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.regionimport.RegionImport;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Sql;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The region tree from a file, as the household import does it: a preview that lists every problem and changes
 * nothing, then all of the file or none of it. CSV in UTF-8 and in GBK (Excel on Chinese Windows), and xlsx.
 */
@MicronautTest(transactional = false)
class RegionImportTest extends DatabaseTest {
    private static final String HEADER = "层级,区划代码,名称,上级代码";

    @Inject RegionImport imports;
    @Inject Regions regions;
    @Inject DataSource dataSource;

    Region city;
    Actor cityOffice;
    Sql sql;

    @BeforeAll
    void city() {
        city = regions.createCity("130800", "承德市");
        cityOffice = new Actor("chengde.office", Role.CITY_OFFICE, city.path(), null, null);
        sql = new Sql(dataSource);
    }

    private long regionRows() {
        return sql.count("SELECT count(*) FROM region");
    }

    @Test
    void aFileWithOneBadRowIsRefusedWholeAndChangesNothing() {
        long before = regionRows();
        byte[] file = csv(StandardCharsets.UTF_8, HEADER,
                "县,130826,丰宁满族自治县,130800",
                "乡镇,130826100,胡麻营镇,130826",
                "村,130826100201,河东村,130826100",
                "网格,13082610020101,第一网格,130826100201",
                "村,13082610020,短了一位的村,130826100",
                "村,130826100202,没有上级的村,130826999",
                "镇子,130826101,不认识的层级,130826",
                "乡镇,130826100,重复的乡镇,130826");

        RegionImport.Preview preview = imports.preview(cityOffice, "承德.csv", file);
        assertFalse(preview.importable());
        assertEquals(List.of(6, 7, 8, 9), preview.problems().stream().map(ImportProblem::line).distinct().toList());
        assertEquals(List.of("region.division-code.invalid", "regions.import.parent", "regions.import.level",
                "regions.import.duplicate"), preview.problems().stream().map(ImportProblem::code).toList());
        assertEquals(before, regionRows(), "a preview changes nothing");

        BadInput refused = assertThrows(BadInput.class, () -> imports.importAll(cityOffice, "承德.csv", file));
        assertEquals("regions.import.problems", refused.code());
        assertEquals(before, regionRows(), "not even the good rows");
    }

    @Test
    void aFileThatIsNotASpreadsheetOrHasNoHeaderIsRefused() {
        long before = regionRows();
        assertThrows(BadInput.class, () -> imports.importAll(cityOffice, "tree.pdf", new byte[]{1, 2, 3}));
        RegionImport.Preview noHeader = imports.preview(cityOffice, "tree.csv",
                csv(StandardCharsets.UTF_8, "县,130827,围场满族蒙古族自治县,130800", "县,130828,平泉市,130800"));
        assertEquals("regions.import.header", noHeader.problems().get(0).code());
        assertEquals(before, regionRows());
    }

    @Test
    void aGbkFileOfACountyImportsWholeParentsFirstWhateverTheOrderOfItsRows() {
        byte[] file = csv(Charset.forName("GBK"), HEADER,
                "网格,13082910020101,第一网格,130829100201",
                "村,130829100201,西村,130829100",
                "乡镇,130829100,隆化镇,130829",
                "县,130829,隆化县,130800");
        RegionImport.Preview preview = imports.preview(cityOffice, "隆化.csv", file);
        assertEquals(List.of(), preview.problems());
        List<Region> added = imports.importAll(cityOffice, "隆化.csv", file);
        assertEquals(4, added.size());
        assertEquals("/130800/130829/130829100/130829100201/13082910020101/",
                regions.byCode("13082910020101").path());
        assertEquals(RegionLevel.COUNTY, regions.countyOf(regions.byCode("13082910020101").path()).level());
        assertEquals("隆化县", regions.countyOf(regions.byCode("130829100201").path()).name());
        BadInput again = assertThrows(BadInput.class, () -> imports.importAll(cityOffice, "隆化.csv", file));
        assertEquals("regions.import.problems", again.code(), "importing twice adds nothing twice");
        assertEquals(List.of("regions.import.nothing-new"), imports.preview(cityOffice, "隆化.csv", file).problems()
                .stream().map(ImportProblem::code).toList());
    }

    /**
     * The go-live walk's find: a county's file uploaded again with its new grids added (or holding the county's own
     * row, which setup made) was refused whole because some rows existed. Rows in the database as the file has them
     * are left alone; one the database has otherwise is refused, naming what it is there.
     */
    @Test
    void aFileUploadedAgainWithNewRowsAddsOnlyThoseAndARowThatDiffersIsRefused() {
        Region luanping = regions.createChild(city, "130824", "滦平县");
        Actor countyOffice = new Actor("luanping.office", Role.COUNTY_OFFICE, luanping.path(), null, null);
        byte[] first = csv(StandardCharsets.UTF_8, HEADER,
                "县,130824,滦平县,130800",
                "乡镇,130824100,滦平镇,130824",
                "村,130824100201,东村,130824100");
        assertEquals(2, imports.importAll(countyOffice, "滦平.csv", first).size(), "the county's own row left alone");

        long before = regionRows();
        byte[] renamed = csv(StandardCharsets.UTF_8, HEADER,
                "乡镇,130824100,滦平镇,130824",
                "村,130824100201,东庄村,130824100",
                "网格,13082410020101,第一网格,130824100201");
        RegionImport.Preview differs = imports.preview(countyOffice, "滦平.csv", renamed);
        assertEquals(List.of("regions.import.exists"), differs.problems().stream().map(ImportProblem::code).toList());
        assertEquals(List.of("130824100201", "东村", "130824100"), differs.problems().get(0).arguments());
        assertThrows(BadInput.class, () -> imports.importAll(countyOffice, "滦平.csv", renamed));
        assertEquals(before, regionRows());

        byte[] again = csv(StandardCharsets.UTF_8, HEADER,
                "乡镇,130824100,滦平镇,130824",
                "村,130824100201,东村,130824100",
                "网格,13082410020101,第一网格,130824100201",
                "网格,13082410020102,第二网格,130824100201");
        RegionImport.Preview preview = imports.preview(countyOffice, "滦平.csv", again);
        assertEquals(List.of(), preview.problems());
        assertEquals(2, preview.existing());
        assertEquals(Long.valueOf(2), preview.counts().get(RegionLevel.GRID));
        assertEquals(List.of("13082410020101", "13082410020102"),
                imports.importAll(countyOffice, "滦平.csv", again).stream().map(Region::code).toList());
        assertEquals("东村", regions.byCode("130824100201").name(), "an existing row stays as it was");
        assertEquals(before + 2, regionRows());
    }

    @Test
    void anXlsxImportsAndAnOfficeCannotImportOutsideItsScope() throws IOException {
        Region weichang = regions.createChild(city, "130828", "围场满族蒙古族自治县");
        Actor countyOffice = new Actor("weichang.office", Role.COUNTY_OFFICE, weichang.path(), null, null);
        byte[] xlsx = xlsx(List.of(List.of("层级", "区划代码", "名称", "上级代码"),
                List.of("乡镇", "130828100", "围场镇", "130828")));
        assertEquals(1, imports.importAll(countyOffice, "围场.xlsx", xlsx).size());

        Region other = regions.createCity("130900", "沧州市");
        Region qingxian = regions.createChild(other, "130922", "青县");
        long before = regionRows();
        RegionImport.Preview outside = imports.preview(countyOffice, "x.csv", csv(StandardCharsets.UTF_8, HEADER,
                "乡镇,130922100,清州镇," + qingxian.code()));
        assertEquals("regions.import.outside", outside.problems().get(0).code());
        assertThrows(AccessDenied.class, () -> imports.preview(new Actor("hedong.admin", Role.VILLAGE_ADMIN,
                weichang.path(), null, null), "x.csv", csv(StandardCharsets.UTF_8, HEADER)));
        assertEquals(before, regionRows());
    }

    private static byte[] csv(Charset charset, String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(charset);
    }

    private static byte[] xlsx(List<List<String>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "test", "1.0");
        Worksheet sheet = workbook.newWorksheet("区划");
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                sheet.value(r, c, rows.get(r).get(c));
            }
        }
        workbook.finish();
        return out.toByteArray();
    }
}

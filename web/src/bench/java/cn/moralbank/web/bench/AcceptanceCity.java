package cn.moralbank.web.bench;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The go-live acceptance's made-up city (issue 15), as the xlsx files its offices would bring: 望川市 (139900) with
 * 2 counties, 6 townships, 20 villages, 60 grids; 2,000 households with opening balances from their paper passbooks
 * (one file per county); 200 people (the city's file of county offices, each county's file of township officers and
 * village administrators, each village's file of grid workers and committee members). Names and numbers are random
 * but the same on every run (seed 15). Run by ops/acceptance-city.sh; writes into the given folder and prints the
 * sums of opening balances per village, to check against each import's preview.
 */
public final class AcceptanceCity {
    static final String CITY = "139900";
    static final String[][] COUNTIES = {{"139901", "东岭县", "dongling"}, {"139902", "西河县", "xihe"}};
    static final String[] TOWNSHIP_NAMES = {"青石镇", "柳湾乡", "桃源镇", "石桥镇", "松林乡", "河口镇"};
    static final String[] VILLAGE_NAMES = {"上庄村", "下庄村", "前进村", "红星村", "东沟村", "西沟村", "南坪村",
            "北坪村", "杏花村", "梨园村", "大王庄村", "小王庄村", "李家营村", "张家湾村", "刘家沟村", "马家台村",
            "新华村", "团结村", "和平村", "光明村"};
    /** Villages per township, in order: 4+3+3 in each county. */
    static final int[] VILLAGES_PER_TOWNSHIP = {4, 3, 3, 4, 3, 3};
    static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文";
    static final String GIVEN = "建国秀英桂兰志强海燕春梅永红国华玉兰德明丽华文军淑珍红梅金凤宝山长林秀兰凤英振华立新国强";

    private final Random random = new Random(15);

    record Village(String code, String name, String county, String countyKey, String slug, List<String> grids) {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/acceptance-city");
        Files.createDirectories(out.resolve("people"));
        new AcceptanceCity().write(out);
    }

    void write(Path out) throws IOException {
        List<String[]> regions = new ArrayList<>();
        regions.add(new String[]{"层级", "区划代码", "名称", "上级代码"});
        List<Village> villages = new ArrayList<>();
        Map<String, List<String[]>> countyPeople = new LinkedHashMap<>();
        int township = 0;
        int village = 0;
        for (String[] county : COUNTIES) {
            regions.add(new String[]{"县", county[0], county[1], CITY});
            List<String[]> people = new ArrayList<>();
            people.add(header());
            for (int t = 0; t < 3; t++, township++) {
                String tCode = county[0] + (100 + t);
                regions.add(new String[]{"乡镇", tCode, TOWNSHIP_NAMES[township], county[0]});
                people.add(new String[]{county[2] + ".t" + (t + 1), name(), "乡镇干部", tCode, phone()});
                for (int v = 0; v < VILLAGES_PER_TOWNSHIP[township]; v++, village++) {
                    String vCode = tCode + (201 + v);
                    regions.add(new String[]{"村", vCode, VILLAGE_NAMES[village], tCode});
                    List<String> grids = new ArrayList<>();
                    for (int g = 1; g <= 3; g++) {
                        String gCode = vCode + String.format("%02d", g);
                        regions.add(new String[]{"网格", gCode, "第" + "一二三".charAt(g - 1) + "网格", vCode});
                        grids.add(gCode);
                    }
                    String slug = county[2] + ".v" + (village + 1);
                    villages.add(new Village(vCode, VILLAGE_NAMES[village], county[1], county[2], slug, grids));
                    people.add(new String[]{slug + ".admin", name(), "道德银行管理员", vCode, phone()});
                }
            }
            countyPeople.put(county[2], people);
        }
        xlsx(out.resolve("regions.xlsx"), "区划", regions);

        List<String[]> cityPeople = new ArrayList<>();
        cityPeople.add(header());
        for (String[] county : COUNTIES) {
            cityPeople.add(new String[]{county[2] + ".office", county[1] + "文明办 " + name(), "县文明办", county[0],
                    phone()});
        }
        xlsx(out.resolve("people/people-city.xlsx"), "人员", cityPeople);
        int count = cityPeople.size() - 1;
        for (Map.Entry<String, List<String[]>> e : countyPeople.entrySet()) {
            xlsx(out.resolve("people/people-" + e.getKey() + ".xlsx"), "人员", e.getValue());
            count += e.getValue().size() - 1;
        }
        for (int i = 0; i < villages.size(); i++) {
            Village v = villages.get(i);
            List<String[]> people = new ArrayList<>();
            people.add(header());
            for (int g = 0; g < 3; g++) {
                people.add(new String[]{v.slug() + ".grid" + (g + 1), name(), "网格员", v.grids().get(g), phone()});
            }
            int committee = i < 12 ? 6 : 5;
            for (int c = 0; c < committee; c++) {
                people.add(new String[]{v.slug() + ".c" + (c + 1), name(), "评议委员", v.code(), ""});
            }
            xlsx(out.resolve("people/people-" + v.slug() + ".xlsx"), "人员", people);
            count += people.size() - 1;
        }

        Map<String, long[]> sums = new LinkedHashMap<>();
        int households = 0;
        for (String[] county : COUNTIES) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"户主", "家庭成员", "住址", "电话", "网格编码", "期初积分", "期初日期", "存折编号"});
            for (Village v : villages) {
                if (!v.county().equals(county[1])) {
                    continue;
                }
                for (int h = 0; h < 100; h++) {
                    String grid = v.grids().get(h % 3);
                    long opening = random.nextInt(10) == 0 ? 0 : 20 + random.nextInt(481);
                    String passbook = opening == 0 ? "" : "PB-" + v.code().substring(6) + "-" + String.format("%03d", h + 1);
                    String head = name();
                    rows.add(new String[]{head, name() + "/配偶;" + name() + "/子女", v.name() + (h + 1) + "号",
                            phone(), grid, opening == 0 ? "" : String.valueOf(opening), opening == 0 ? "" : "2026-11-30",
                            passbook});
                    long[] sum = sums.computeIfAbsent(county[1] + " " + v.name(), k -> new long[2]);
                    if (opening > 0) {
                        sum[0]++;
                        sum[1] += opening;
                    }
                    households++;
                }
            }
            xlsx(out.resolve("households-" + county[2] + ".xlsx"), "农户", rows);
        }
        System.out.println("望川市 " + CITY + ": " + (regions.size() - 1) + " regions, " + count + " people, "
                + households + " households");
        System.out.println("opening balances per village (households with one, points):");
        sums.forEach((v, s) -> System.out.println("  " + v + "\t" + s[0] + "\t" + s[1]));
    }

    private static String[] header() {
        return new String[]{"用户名", "姓名", "角色", "管辖区划代码", "电话"};
    }

    private String name() {
        return "" + SURNAMES.charAt(random.nextInt(SURNAMES.length()))
                + GIVEN.charAt(random.nextInt(GIVEN.length())) + GIVEN.charAt(random.nextInt(GIVEN.length()));
    }

    private String phone() {
        return "13" + (100000000 + random.nextInt(900000000));
    }

    private static void xlsx(Path file, String sheetName, List<String[]> rows) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "moral bank acceptance", "1.0");
            Worksheet sheet = workbook.newWorksheet(sheetName);
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).length; c++) {
                    sheet.value(r, c, rows.get(r)[c]);
                }
            }
            workbook.finish();
        }
    }
}

package cn.moralbank.points.report;

import cn.moralbank.points.household.CardMask;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A report as an xlsx workbook, in Chinese (the offices file it as it is): the summary, the region's children, its
 * villages with their colour, the best households, and the grid workers' stars of the latest published round.
 */
final class ReportWorkbook {
    private static final String[] CATEGORIES = {"物质文明", "政治文明", "精神文明", "社会文明", "生态文明"};
    private static final String[] KINDS = {"周报", "月报", "季报", "年报"};
    /** The offices read times in Beijing time, not in the UTC the instant is kept in. */
    static final DateTimeFormatter BEIJING = DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    private ReportWorkbook() {
    }

    static byte[] write(ReportData d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "moral bank", "1.0");
            summary(workbook.newWorksheet("概况"), d);
            regions(workbook.newWorksheet("下辖地区"), d.children(), "名称");
            regions(workbook.newWorksheet("各村"), d.villages(), "村");
            households(workbook.newWorksheet("积分前列农户"), d.households());
            workers(workbook.newWorksheet("网格员星级"), d);
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void summary(Worksheet s, ReportData d) {
        s.value(0, 0, d.regionName() + " 道德银行" + KINDS[d.kind().ordinal()]);
        s.style(0, 0).bold().fontSize(14).set();
        Object[][] rows = {
                {"时段", d.period() + "（" + d.firstDay() + " 至 " + d.lastDay() + "）"},
                {"生成时间", BEIJING.format(d.generatedAt()) + "（北京时间）"},
                {"在册户数", d.totals().households()},
                {"参与户数（有确认的好人好事）", d.totals().participants()},
                {"参与率", d.totals().participation()},
                {"净得积分（加分减扣分）", d.totals().earned()},
                {"发放积分（加分）", d.totals().credited()},
                {"扣分", d.totals().penalised()},
                {"兑换积分", d.totals().redeemed()},
                {"确认的好人好事（件）", d.totals().deeds()},
                {"红色预警线（参与率低于）", d.redBelowPct() / 100.0},
                {"黄色预警线（参与率低于）", d.yellowBelowPct() / 100.0},
        };
        int r = 2;
        for (Object[] row : rows) {
            s.value(r, 0, (String) row[0]);
            value(s, r, 1, row[1]);
            if (row[0].toString().contains("率") || row[0].toString().contains("线")) {
                s.style(r, 1).format("0.0%").set();
            }
            r++;
        }
        r++;
        s.value(r++, 0, "好人好事按五个文明");
        for (int i = 0; i < CATEGORIES.length; i++) {
            s.value(r, 0, CATEGORIES[i]);
            s.value(r++, 1, d.totals().deedsByCategory().get(i));
        }
        s.width(0, 32);
        s.width(1, 36);
    }

    private static void regions(Worksheet s, List<ReportData.RegionLine> lines, String level) {
        header(s, "名次", "上级", level, "户数", "参与户数", "参与率", "净得积分", "户均积分", "兑换积分", "好人好事", "预警");
        int r = 1;
        for (ReportData.RegionLine l : lines) {
            s.value(r, 0, l.rank());
            s.value(r, 1, l.parent());
            s.value(r, 2, l.name());
            s.value(r, 3, l.households());
            s.value(r, 4, l.participants());
            s.value(r, 5, l.participation());
            s.style(r, 5).format("0.0%").set();
            s.value(r, 6, l.earned());
            s.value(r, 7, l.perHousehold());
            s.style(r, 7).format("0.0").set();
            s.value(r, 8, l.redeemed());
            s.value(r, 9, l.deeds());
            s.value(r, 10, colour(l.colour()));
            r++;
        }
        s.width(1, 14);
        s.width(2, 16);
    }

    private static void households(Worksheet s, List<ReportData.HouseholdLine> lines) {
        header(s, "名次", "户卡号", "户主", "村", "净得积分", "好人好事");
        int r = 1;
        for (ReportData.HouseholdLine l : lines) {
            s.value(r, 0, l.rank());
            s.value(r, 1, CardMask.mask(l.cardNumber()));
            s.value(r, 2, l.headName());
            s.value(r, 3, l.village());
            s.value(r, 4, l.earned());
            s.value(r, 5, l.deeds());
            r++;
        }
        s.width(1, 20);
    }

    private static void workers(Worksheet s, ReportData d) {
        header(s, "网格员", "姓名", "网格", "得分", "星级", "预警", "评定");
        if (d.workersRound() == null) {
            s.value(1, 0, "尚无公布的评定");
        }
        int r = 1;
        for (ReportData.WorkerLine l : d.workers()) {
            s.value(r, 0, l.worker());
            s.value(r, 1, l.name());
            s.value(r, 2, l.grid());
            s.value(r, 3, l.score());
            s.value(r, 4, "★".repeat(l.stars()));
            s.value(r, 5, l.flagged() ? "连续两季度低于标准，建议调整" : "");
            s.value(r, 6, d.workersRound());
            r++;
        }
        s.width(2, 24);
    }

    private static void header(Worksheet s, String... titles) {
        for (int c = 0; c < titles.length; c++) {
            s.value(0, c, titles[c]);
        }
        s.range(0, 0, 0, titles.length - 1).style().bold().fillColor("F3EDE4").set();
        s.freezePane(0, 1);
    }

    private static void value(Worksheet s, int r, int c, Object v) {
        if (v instanceof Number n) {
            s.value(r, c, n);
        } else {
            s.value(r, c, String.valueOf(v));
        }
    }

    private static String colour(String colour) {
        return switch (colour) {
            case "RED" -> "红";
            case "YELLOW" -> "黄";
            case "NONE" -> "无户";
            default -> "绿";
        };
    }
}

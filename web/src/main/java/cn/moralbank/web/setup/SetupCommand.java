package cn.moralbank.web.setup;

import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.web.Application;
import io.micronaut.context.ApplicationContext;

import java.io.PrintStream;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * {@code setup (--city | --county) --code C --name N --username U [--password P] [--display-name D]}: starts the
 * application context without the HTTP server and without the demo county (migrating an empty database), creates
 * the top region and its first office account, prints what to do next and answers an exit status: 0 done, 2 refused
 * (bad arguments, a database set up before or holding regions); nothing is changed when refused.
 */
public final class SetupCommand {
    private SetupCommand() {
    }

    public static int run(String[] args, Map<String, Object> databaseProperties, PrintStream out) {
        SetupOptions options;
        try {
            options = SetupOptions.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(SetupOptions.USAGE);
            return 2;
        }
        Map<String, Object> properties = new HashMap<>(databaseProperties);
        properties.put("moralbank.demo.load", false);
        try (ApplicationContext context = ApplicationContext.builder(Application.class).properties(properties).start()) {
            GoLiveSetup setup = context.getBean(GoLiveSetup.class);
            try {
                GoLiveSetup.Done done = setup.run(options);
                printNext(done, options, out);
                return 0;
            } catch (GoLiveSetup.Refused refused) {
                out.println(refused.getMessage());
                return 2;
            } catch (BadInput bad) {
                out.println(text(Locale.SIMPLIFIED_CHINESE, bad));
                out.println(text(Locale.ENGLISH, bad));
                out.println("没有做任何改动。Nothing was changed.");
                return 2;
            }
        }
    }

    /** A refusal in one language, from the golive bundle, or the core one (person.*), or its code. */
    private static String text(Locale locale, BadInput bad) {
        for (String bundle : new String[]{"i18n.county", "i18n.messages"}) {
            ResourceBundle texts = ResourceBundle.getBundle(bundle, locale);
            if (texts.containsKey(bad.code())) {
                return new MessageFormat(texts.getString(bad.code()), locale)
                        .format(bad.arguments().stream().map(String::valueOf).toArray());
            }
        }
        return bad.code() + " " + bad.arguments();
    }

    private static void printNext(GoLiveSetup.Done done, SetupOptions options, PrintStream out) {
        boolean city = done.top().level() == RegionLevel.CITY;
        out.printf("已创建%s %s（%s）和第一个%s账号 %s。%n", city ? "市" : "县", done.top().name(), done.top().code(),
                city ? "市文明办" : "县文明办", done.username());
        out.printf("Created the %s %s (%s) and its first office account %s.%n", city ? "city" : "county",
                done.top().name(), done.top().code(), done.username());
        if (done.generatedPassword() != null) {
            out.println("密码（只显示这一次，请记下并在首次登录后修改）/ password (shown this once only: write it down):");
            out.println("    " + done.generatedPassword());
        }
        out.println();
        out.println("下一步 / Next:");
        out.println("  1. 启动应用（systemd: systemctl start moral-bank），用这个账号登录。");
        out.println("     Start the application (systemctl start moral-bank) and sign in with this account.");
        if (city) {
            out.println("  2. 在“区划”页面添加各县（区），或导入区划表（xlsx/CSV）；再为每个县建县文明办账号。");
            out.println("     On the Regions page add the counties (or import the region tree from xlsx/CSV), then "
                    + "an office account for each county.");
        } else {
            out.println("  2. 在“区划”页面导入乡镇、村、网格（xlsx/CSV），或逐个添加。");
            out.println("     On the Regions page import the townships, villages and grids (xlsx/CSV), or add them.");
        }
        if (city) {
            // county settings belong to each county's office, which the city office does not stand in for
            out.println("  3. 各县文明办用自己的账号登录，在“县设置”页面设定公示期、基础分、星级兑换门槛、报表和县名；再导入农户。");
            out.println("     Each county office signs in with its own account and, on County settings, sets the "
                    + "objection period, base score, star threshold, reports and name; then imports the households.");
        } else {
            out.println("  3. 在“县设置”页面设定公示期、基础分、星级兑换门槛、报表和县名；再导入农户。");
            out.println("     On County settings set the objection period, base score, star threshold, reports and "
                    + "name; then import the households.");
        }
        out.println("  setup 只能运行一次。Setup runs once: a second run refuses and changes nothing.");
    }
}

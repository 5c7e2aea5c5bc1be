package cn.moralbank.kiosk.product;

import org.jmolecules.architecture.onion.simplified.DomainRing;

import java.util.List;
import java.util.Map;

/**
 * The product pictures drawn for the kiosk (SVG under /static/kiosk/goods/): clear shapes an elderly villager
 * recognises from across the counter, with no photo to upload in a village without a camera at hand.
 */
@DomainRing
public final class Pictures {
    public static final List<String> ALL = List.of("oil", "rice", "flour", "noodles", "detergent", "soap", "towel",
            "soy", "salt", "eggs", "tissue", "toothpaste", "goods");

    private Pictures() {
    }

    /** Words of a product's name and the picture they mean; the first that matches wins (酱油 before 油). */
    private static final List<Map.Entry<String, String>> BY_NAME = List.of(
            Map.entry("酱油", "soy"), Map.entry("醋", "soy"), Map.entry("洗衣", "detergent"),
            Map.entry("洗洁", "detergent"), Map.entry("洗发", "detergent"), Map.entry("牙膏", "toothpaste"),
            Map.entry("牙刷", "toothpaste"), Map.entry("肥皂", "soap"), Map.entry("香皂", "soap"),
            Map.entry("皂", "soap"), Map.entry("毛巾", "towel"), Map.entry("纸", "tissue"), Map.entry("盐", "salt"),
            Map.entry("蛋", "eggs"), Map.entry("面粉", "flour"), Map.entry("挂面", "noodles"),
            Map.entry("面条", "noodles"), Map.entry("米", "rice"), Map.entry("油", "oil"));

    /**
     * The picture for a new product when the operator chose none: by the words of its name, else the neutral
     * shopping bag, never another product's picture (红糖 is not an oil bottle).
     */
    public static String forName(String name) {
        String n = name == null ? "" : name;
        return BY_NAME.stream().filter(e -> n.contains(e.getKey())).map(Map.Entry::getValue).findFirst()
                .orElse("goods");
    }

    /** Whether a form's picture is one of ours; a form without the field (null) is not (List.contains(null) throws). */
    public static boolean known(String picture) {
        return picture != null && ALL.contains(picture);
    }

    public static String url(String picture) {
        return "/static/kiosk/goods/" + (known(picture) ? picture : "goods") + ".svg";
    }
}

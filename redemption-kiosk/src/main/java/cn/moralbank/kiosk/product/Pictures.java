package cn.moralbank.kiosk.product;

import java.util.List;

/**
 * The product pictures drawn for the kiosk (SVG under /static/kiosk/goods/): clear shapes an elderly villager
 * recognises from across the counter, with no photo to upload in a village without a camera at hand.
 */
public final class Pictures {
    public static final List<String> ALL = List.of("oil", "rice", "flour", "noodles", "detergent", "soap", "towel",
            "soy", "salt", "eggs", "tissue", "toothpaste", "goods");

    private Pictures() {
    }

    public static String url(String picture) {
        return "/static/kiosk/goods/" + (ALL.contains(picture) ? picture : "goods") + ".svg";
    }
}

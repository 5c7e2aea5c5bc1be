package cn.moralbank.kiosk.api;

import cn.moralbank.points.common.BadInput;

/**
 * Something the love supermarket refuses: short stock, a wrong PIN, a changed price... The code names a message
 * of the {@code kiosk} bundle, shown to the villager or operator in their language; nothing was changed.
 */
public class KioskRefusal extends BadInput {
    public KioskRefusal(String code, Object... arguments) {
        super(code, arguments);
    }
}

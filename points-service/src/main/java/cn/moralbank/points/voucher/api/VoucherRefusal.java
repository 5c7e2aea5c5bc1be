package cn.moralbank.points.voucher.api;

import cn.moralbank.points.common.BadInput;

/** A voucher command the business refuses; the code names a message of the {@code kiosk} bundle. */
public class VoucherRefusal extends BadInput {
    public VoucherRefusal(String code, Object... arguments) {
        super(code, arguments);
    }
}

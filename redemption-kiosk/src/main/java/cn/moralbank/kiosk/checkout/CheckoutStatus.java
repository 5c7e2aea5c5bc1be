package cn.moralbank.kiosk.checkout;

public enum CheckoutStatus {
    /** being driven, or left half-way by a node that died: the recovery job finishes it */
    STARTED,
    COMPLETED,
    /** stock or points were short, or a voucher was refused: nothing was taken from either side */
    REFUSED,
    REFUNDED
}

package cn.moralbank.kiosk.api;

/** Who stocks the love supermarkets. */
public enum DonorKind {
    /** 爱心企业 */
    ENTERPRISE,
    /** 帮扶单位: a government unit paired with the village */
    AID_UNIT,
    /** 村集体 */
    VILLAGE,
    /** 慈善组织 */
    CHARITY,
    /** 财政补贴 */
    FISCAL,
    /** 爱心人士 */
    INDIVIDUAL
}

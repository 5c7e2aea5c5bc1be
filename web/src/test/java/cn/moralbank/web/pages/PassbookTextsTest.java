package cn.moralbank.web.pages;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Passbook lines the system wrote in Chinese read in English for an English reader; others stay as written. */
class PassbookTextsTest {
    private final PassbookTexts english = new PassbookTexts(true);
    private final PassbookTexts chinese = new PassbookTexts(false);

    @Test
    void systemTextsAreTranslated() {
        assertEquals("Redeemed at 河东村爱心超市: 食用油×1, 洗衣粉×2", english.of("河东村爱心超市 兑换：食用油×1、洗衣粉×2"));
        assertEquals("Refund: 油桶漏了", english.of("退货：油桶漏了"));
        assertEquals("Refund of 毛巾×1: 有破洞", english.of("退货：毛巾×1：有破洞"));
        assertEquals("Refund of voucher points: 不要了", english.of("退货退回积分券的积分：不要了"));
        assertEquals("Voucher change, 河东村爱心超市", english.of("积分券找零 河东村爱心超市"));
        assertEquals("Love voucher V-000123", english.of("爱心积分券 V-000123"));
    }

    @Test
    void whatPeopleWroteAndChineseReadersAreLeftAlone() {
        assertEquals("助人为乐 [SOC-01 v1] · 6月评议会", english.of("助人为乐 [SOC-01 v1] · 6月评议会"));
        assertEquals("退货：油桶漏了", chinese.of("退货：油桶漏了"));
    }
}

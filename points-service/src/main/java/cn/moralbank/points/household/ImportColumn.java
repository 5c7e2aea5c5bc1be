package cn.moralbank.points.household;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns of a household import file, in the order an export writes them. Each is recognised by its Chinese
 * header (what the export writes and what administrators type) or by its English one (what integrators type).
 */
@Serdeable
public enum ImportColumn {
    CARD_NUMBER("户卡号", "card_number", false, "卡号", "户卡编号"),
    HEAD_NAME("户主", "head_name", true, "户主姓名", "姓名"),
    MEMBERS("家庭成员", "members", false, "成员"),
    ADDRESS("住址", "address", false, "地址", "家庭住址", "家庭地址"),
    PHONE("电话", "phone", false, "联系电话", "电话号码", "手机", "手机号", "手机号码"),
    GRID_CODE("网格编码", "grid_code", true, "网格代码", "网格编号"),
    /** 期初积分: the paper passbook's balance, carried over as the account's first entry (optional, not exported). */
    OPENING_BALANCE("期初积分", "opening_balance", false, "期初余额", "结转积分"),
    OPENING_DATE("期初日期", "opening_date", false, "结转日期"),
    PASSBOOK_NUMBER("存折编号", "passbook_number", false, "存折号", "纸质存折编号", "纸质存折号");

    private final String chineseHeader;
    private final String englishHeader;
    private final boolean required;
    /** Other headers administrators write for the same column (地址 for 住址, 联系电话 for 电话). */
    private final List<String> otherHeaders;

    ImportColumn(String chineseHeader, String englishHeader, boolean required, String... otherHeaders) {
        this.chineseHeader = chineseHeader;
        this.englishHeader = englishHeader;
        this.required = required;
        this.otherHeaders = List.of(otherHeaders);
    }

    public String chineseHeader() {
        return chineseHeader;
    }

    public String englishHeader() {
        return englishHeader;
    }

    /** A column the file must have; the others may be left out altogether. */
    public boolean required() {
        return required;
    }

    /** The message code naming this column in the user's language, e.g. {@code household.import.column.PHONE}. */
    public String labelCode() {
        return "household.import.column." + name();
    }

    static Optional<ImportColumn> byHeader(String header) {
        String wanted = header.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(c -> c.chineseHeader.equals(wanted) || c.englishHeader.equals(wanted)
                        || c.otherHeaders.contains(wanted))
                .findFirst();
    }
}

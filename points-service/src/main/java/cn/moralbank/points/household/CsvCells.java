package cn.moralbank.points.household;

/**
 * What an exported CSV needs so that Excel, which guesses each cell's type, neither spoils nor runs it, and what the
 * import undoes of that.
 */
final class CsvCells {
    private CsvCells() {
    }

    /**
     * Card numbers and phones: a leading tab keeps them text. As numbers Excel shows a 16-digit card as 1.30826E+15
     * and saves it rounded, and drops the leading 0 of a landline. Both are validated, so they cannot carry formulas.
     */
    static String digits(String value) {
        return value == null || value.isEmpty() ? "" : "\t" + value;
    }

    /** Free text: a cell that begins like a formula gets an apostrophe, so Excel shows it instead of running it. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return looksLikeFormula(value) ? "'" + value : value;
    }

    /** The cell's value as typed: surrounding whitespace, and the apostrophe {@link #text} may have added, removed. */
    static String read(String cell) {
        String value = cell == null ? "" : cell.strip();
        return value.length() > 1 && value.charAt(0) == '\'' && looksLikeFormula(value.substring(1))
                ? value.substring(1) : value;
    }

    /**
     * The ASCII signs that start a formula, a leading tab or return (which Excel strips before looking), and their
     * full-width forms (＝＋－＠), which a Chinese input method types and some spreadsheet programs read as the ASCII
     * ones.
     */
    private static boolean looksLikeFormula(String value) {
        return "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20".indexOf(value.charAt(0)) >= 0;
    }
}

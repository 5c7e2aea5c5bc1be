package cn.moralbank.points.household;

import java.util.List;

/**
 * The household import's reading of an uploaded CSV (UTF-8 or GBK) or xlsx, offered to other imports (the region
 * tree): the same file checks, the same row numbers a spreadsheet shows, the same problems for an unreadable file.
 */
public final class UploadedRows {
    private UploadedRows() {
    }

    /** One non-blank row: its number as the spreadsheet shows it, and its cells as text. */
    public record Line(int number, List<String> cells) {
        public String cell(int index) {
            return index < cells.size() ? CsvCells.read(cells.get(index)) : "";
        }
    }

    /** The rows (header first), or the problems that kept the file from being read. */
    public record Read(List<Line> lines, List<ImportProblem> problems) {
    }

    /**
     * Reads at most {@code maxRows} data rows.
     *
     * @throws cn.moralbank.points.common.BadInput when the file is neither a CSV nor an xlsx
     */
    public static Read read(String fileName, byte[] content, int maxRows) {
        HouseholdFile.Rows rows = HouseholdFile.read(fileName, content, maxRows);
        return new Read(rows.lines().stream().map(l -> new Line(l.number(), l.cells())).toList(), rows.problems());
    }
}

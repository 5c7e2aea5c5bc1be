package cn.moralbank.points.household;

import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.BoundedZip;
import cn.moralbank.points.common.PlainText;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * An uploaded household file (CSV or xlsx) read into rows of text, before any meaning is given to them. The first
 * non-blank row is the header. Blank rows are skipped but keep their place in the numbering, so a line number is the
 * row number the administrator sees in the spreadsheet.
 */
final class HouseholdFile {
    private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    // GB18030 decodes all of GBK, which Excel on Chinese Windows writes, and also the rare characters of some names
    private static final Charset CHINESE_WINDOWS = Charset.forName("GB18030");

    /** No field of a household is longer; a longer cell is a wrong file or an attack, refused as a whole. */
    static final int MAX_CELL = 2000;
    /** More columns than any file of the product has (a household row has about ten). */
    static final int MAX_COLUMNS = 60;
    /** Lines with unstorable text listed at most, so a hostile file does not make a long answer. */
    static final int MAX_LISTED = 50;
    /** A CSV line longer than this holds no household (30 full cells); checked before the parser builds the row. */
    static final int MAX_LINE = 64 * 1024;

    private HouseholdFile() {
    }

    /**
     * One row of the file; {@code cells} may be shorter than the header when trailing cells are empty. {@code numbers}:
     * the cells an xlsx holds as numbers, which Excel keeps to 15 digits without leading zeros (a CSV has none).
     */
    record Line(int number, List<String> cells, BitSet numbers) {
        Line(int number, List<String> cells) {
            this(number, cells, new BitSet());
        }

        String cell(int index) {
            return index < cells.size() ? CsvCells.read(cells.get(index)) : "";
        }

        boolean typedAsNumber(int index) {
            return numbers.get(index);
        }

        boolean blank() {
            return cells.stream().allMatch(c -> c == null || c.isBlank());
        }
    }

    /** The header and data rows, or the problem that kept the file from being read. */
    record Rows(List<Line> lines, List<ImportProblem> problems) {
    }

    /**
     * Reads at most {@code maxRows} data rows. The name and the content must agree: an .xlsx must be a zip, a .csv
     * must be text; anything else (an old .xls, a picture renamed .csv...) is refused as a whole.
     */
    static Rows read(String fileName, byte[] content, int maxRows) {
        String name = fileName == null ? "" : fileName.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xlsx") && startsWith(content, ZIP)) {
            // inflated within limits first: a zip bomb is refused before the reader holds it in memory
            byte[] checked;
            try {
                checked = BoundedZip.checked(content, BoundedZip.Limits.SPREADSHEET);
            } catch (BadInput unreadable) {
                if (!"upload.zip.unreadable".equals(unreadable.code())) {
                    throw unreadable;
                }
                return unreadable(0); // not a zip after all: a problem of the file, listed like the others
            }
            return xlsx(checked, new Collector(maxRows));
        }
        if (name.endsWith(".csv") && looksLikeText(content)) {
            return csv(content, new Collector(maxRows));
        }
        throw new BadInput("household.import.file.type-unknown", String.valueOf(fileName));
    }

    private static Rows csv(byte[] content, Collector rows) {
        String text = decode(content);
        if (text == null) {
            return unreadable(0);
        }
        ImportProblem oversized = oversizedRecord(text);
        if (oversized != null) {
            // a record of millions of columns, or one endless quoted cell, would be built whole by the parser first
            return new Rows(List.of(), List.of(oversized));
        }
        // blank lines stay records, so record numbers match the rows Excel shows
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).build();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            for (CSVRecord record : parser) {
                if (!rows.add((int) record.getRecordNumber(), record.toList())) {
                    break;
                }
            }
        } catch (UncheckedIOException | IOException e) {
            return unreadable(rows.lastLine + 1);
        }
        return rows.result();
    }

    private static Rows xlsx(byte[] content, Collector rows) {
        // with the cells' formats: a date typed into Excel is a number only its format shows as a date
        Rows read = xlsx(content, rows, new ReadingOptions(true, false));
        if (rows.lastLine == 0 && read.problems().size() == 1
                && read.problems().get(0).code().equals("household.import.file.unreadable")) {
            // nothing read: a workbook without the optional styles part (simple exporters write none) fails the reader
            // that asks for formats, and has no date formats to read anyway
            return xlsx(content, rows, new ReadingOptions(false, false));
        }
        return read;
    }

    private static Rows xlsx(byte[] content, Collector rows, ReadingOptions options) {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(content), options);
             Stream<Row> sheet = workbook.getFirstSheet().openStream()) {
            Iterator<Row> it = sheet.iterator();
            while (it.hasNext()) {
                Row row = it.next();
                if (!rows.add(row.getRowNum(), cells(row), numbers(row))) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // a zip that is not a workbook, or a workbook the reader cannot follow: either way, unreadable
            return unreadable(rows.lastLine + 1);
        }
        return rows.result();
    }

    private static BitSet numbers(Row row) {
        BitSet numbers = new BitSet();
        for (int i = 0; i < row.getCellCount(); i++) {
            Cell cell = row.getCell(i);
            if (cell != null && cell.getType() == CellType.NUMBER && !isDate(cell)) {
                numbers.set(i);
            }
        }
        return numbers;
    }

    private static List<String> cells(Row row) {
        List<String> cells = new ArrayList<>(row.getCellCount());
        for (int i = 0; i < row.getCellCount(); i++) {
            cells.add(text(row.getCell(i)));
        }
        return cells;
    }

    /**
     * Card numbers and phones typed into Excel are often numbers; read them back as the digits typed. A date typed
     * into Excel is a number too, shown as a date by its cell's format: read back as the date (2026-11-30).
     */
    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        return switch (cell.getType()) {
            case NUMBER -> isDate(cell) ? cell.asDate().toLocalDate().toString() : cell.asNumber().toPlainString();
            case EMPTY, ERROR -> "";
            default -> cell.getText();
        };
    }

    /**
     * Whether a number cell is shown as a date: one of Excel's built-in date formats (14-22, 45-47, and those of
     * Chinese Excel, 27-36 and 50-58), or a format of its own that writes a year or a day ({@code yyyy/m/d},
     * {@code yyyy"年"m"月"d"日"}), quoted text and [colours] set aside.
     */
    private static boolean isDate(Cell cell) {
        Integer id = cell.getDataFormatId();
        if (id != null && (id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58)) {
            return true;
        }
        String format = cell.getDataFormatString();
        if (format == null) {
            return false;
        }
        String bare = format.replaceAll("\"[^\"]*\"|\\[[^\\]]*\\]", "").toLowerCase(Locale.ROOT);
        return bare.contains("y") || bare.contains("d");
    }

    /** UTF-8 (with or without BOM) first; Excel on Chinese Windows saves "CSV" as GBK, so that is tried next. */
    static String decode(byte[] content) {
        int start = startsWith(content, UTF8_BOM) ? UTF8_BOM.length : 0;
        ByteBuffer bytes = ByteBuffer.wrap(content, start, content.length - start);
        try {
            return strictDecoder(StandardCharsets.UTF_8).decode(bytes).toString();
        } catch (CharacterCodingException notUtf8) {
            try {
                return strictDecoder(CHINESE_WINDOWS).decode(ByteBuffer.wrap(content)).toString();
            } catch (CharacterCodingException neither) {
                return null;
            }
        }
    }

    private static CharsetDecoder strictDecoder(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static boolean looksLikeText(byte[] content) {
        if (startsWith(content, ZIP) || startsWith(content, OLE2)) {
            return false;
        }
        for (int i = 0; i < Math.min(content.length, 4096); i++) {
            if (content[i] == 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first CSV record longer than {@link #MAX_LINE} characters or of more than {@link #MAX_COLUMNS} columns, as
     * a problem; null when there is none. Records, not lines: a line break inside a quoted cell continues the record
     * (RFC 4180), so a file of short lines can still be one record of millions of columns. One pass, no copy.
     */
    static ImportProblem oversizedRecord(String text) {
        int record = 1;
        int start = 0;
        int columns = 1;
        boolean quoted = false;
        boolean fieldStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        i++; // an escaped quote inside the cell
                    } else {
                        quoted = false;
                    }
                }
            } else if (c == '"' && fieldStart) {
                quoted = true; // a quote opens a cell only at the cell's start, as the parser reads it
                fieldStart = false;
            } else if (c == ',') {
                if (++columns > MAX_COLUMNS) {
                    return ImportProblem.ofLine(record, "upload.too-many-columns", MAX_COLUMNS);
                }
                fieldStart = true;
            } else if (c == '\n') {
                record++;
                start = i + 1;
                columns = 1;
                fieldStart = true;
                continue;
            } else if (c != '\r') {
                fieldStart = false;
            }
            if (i - start > MAX_LINE) {
                return ImportProblem.ofLine(record, "upload.row-too-long", MAX_LINE / 1024);
            }
        }
        return null;
    }

    private static Rows unreadable(int line) {
        return new Rows(List.of(), List.of(ImportProblem.ofLine(line, "household.import.file.unreadable")));
    }

    /** Keeps the header and up to the limit of non-blank data rows; stops the reading as soon as there are more. */
    private static final class Collector {
        private final int maxRows;
        private final List<Line> lines = new ArrayList<>();
        private int lastLine;
        private boolean tooMany;
        private int cellTooLong = -1;
        private int tooManyColumns = -1;
        private int outOfOrder = -1;
        private final List<Integer> unstorable = new ArrayList<>();

        Collector(int maxRows) {
            this.maxRows = maxRows;
        }

        boolean add(int number, List<String> cells) {
            return add(number, cells, new BitSet());
        }

        boolean add(int number, List<String> cells, BitSet numbers) {
            if (number <= lastLine) {
                // a workbook written by hand can number two rows alike (Excel never does): each row is known by its
                // number from the preview to the import, so such a file is refused whole
                outOfOrder = number;
                return false;
            }
            lastLine = number;
            if (cells.size() > MAX_COLUMNS) {
                tooManyColumns = number;
                return false;
            }
            if (cells.stream().anyMatch(c -> c != null && !PlainText.storable(c))) {
                // typed by the uploader and echoed on the preview: refused here, for the preview and the import alike
                if (unstorable.size() < MAX_LISTED) {
                    unstorable.add(number);
                }
                return true;
            }
            if (cells.stream().anyMatch(c -> c != null && c.length() > MAX_CELL)) {
                cellTooLong = number;
                return false;
            }
            Line line = new Line(number, cells, numbers);
            if (line.blank()) {
                return true;
            }
            if (lines.size() > maxRows) {
                tooMany = true;
                return false;
            }
            lines.add(line);
            return true;
        }

        Rows result() {
            if (!unstorable.isEmpty()) {
                return new Rows(List.of(), unstorable.stream()
                        .map(line -> ImportProblem.ofLine(line, "upload.cell-unstorable")).toList());
            }
            if (outOfOrder >= 0) {
                return new Rows(List.of(), List.of(ImportProblem.ofLine(outOfOrder, "upload.row-repeated", outOfOrder)));
            }
            if (tooManyColumns >= 0) {
                return new Rows(List.of(), List.of(ImportProblem.ofLine(tooManyColumns, "upload.too-many-columns",
                        MAX_COLUMNS)));
            }
            if (cellTooLong >= 0) {
                return new Rows(List.of(), List.of(ImportProblem.ofLine(cellTooLong, "upload.cell-too-long", MAX_CELL)));
            }
            if (tooMany) {
                return new Rows(List.of(), List.of(ImportProblem.ofFile("household.import.too-many-rows", maxRows)));
            }
            if (lines.size() < 2) {
                return new Rows(List.of(), List.of(ImportProblem.ofFile("household.import.file.empty")));
            }
            return new Rows(lines, List.of());
        }
    }
}

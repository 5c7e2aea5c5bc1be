package cn.moralbank.points.common;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What {@link BoundedZip} lets a spreadsheet reader see: cells and rows within a spreadsheet's own bounds. */
class BoundedZipTest {

    @Test
    void aCellBeyondTheLastColumnOrRowIsRefusedBeforeAnyReaderSeesIt() throws IOException {
        for (String reference : new String[]{"FXSHRXW2", "ZZZZZZ2", "XFE2", "A1048577", "A2147483648",
                "a99999999999"}) {
            BadInput refused = assertThrows(BadInput.class,
                    () -> BoundedZip.checked(sheet("<c r=\"" + reference + "\"><v>1</v></c>"),
                            BoundedZip.Limits.SPREADSHEET), reference);
            assertEquals("upload.xlsx.cell-out-of-range", refused.code(), reference);
        }
        BadInput row = assertThrows(BadInput.class, () -> BoundedZip.checked(zip("xl/worksheets/sheet1.xml",
                "<worksheet><sheetData><row r=\"1048577\"></row></sheetData></worksheet>"),
                BoundedZip.Limits.SPREADSHEET));
        assertEquals("upload.xlsx.cell-out-of-range", row.code());
    }

    @Test
    void theLastCellASpreadsheetCanHaveAndOtherAttributesPass() {
        for (String cell : new String[]{"<c r=\"XFD1048576\"><v>1</v></c>", "<c r=\"A2\" t=\"s\"><v>0</v></c>",
                "<c s=\"1\"   r=\"B2\"/>", "<c r=\"C2\" t=\"inlineStr\"><is><t>r=\"ZZZZZZZZ\" as text</t></is></c>"}) {
            assertDoesNotThrow(() -> BoundedZip.checked(sheet(cell), BoundedZip.Limits.SPREADSHEET), cell);
        }
    }

    @Test
    void anAttributeNamedRInAnotherPartIsNotAReference() {
        assertDoesNotThrow(() -> BoundedZip.checked(zip("xl/pivotTables/pivotTable1.xml",
                "<pivotTableDefinition><rowItems><i r=\"1\" x=\"abcdefgh\"/></rowItems></pivotTableDefinition>"),
                BoundedZip.Limits.SPREADSHEET));
    }

    private static byte[] sheet(String cellsOfRow2) throws IOException {
        return zip("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
                + "<is><t>x</t></is></c></row><row r=\"2\">" + cellsOfRow2 + "</row></sheetData></worksheet>");
    }

    private static byte[] zip(String name, String xml) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry(name));
            out.write(xml.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}

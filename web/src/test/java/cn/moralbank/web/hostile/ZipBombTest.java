package cn.moralbank.web.hostile;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An xlsx of a few hundred kilobytes whose one sheet holds a single inline string of 300 MB (issue 14: 1.17 MB that
 * inflated to 1.2 GB ran the node out of memory after 63 s). It is refused with a 4xx within seconds, having been
 * inflated only up to the limit, and nothing is imported.
 */
@MicronautTest(transactional = false)
class ZipBombTest extends HostileTest {

    static byte[] bomb(long inflatedBytes) throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.setLevel(9);
            out.putNextEntry(new ZipEntry("[Content_Types].xml"));
            out.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                    + "content-types\"><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd."
                    + "openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>")
                    .getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            out.write("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"
                    .getBytes(StandardCharsets.UTF_8));
            byte[] block = new byte[1 << 20];
            Arrays.fill(block, (byte) 'a');
            for (long written = 0; written < inflatedBytes; written += block.length) {
                out.write(block);
            }
            out.write("</t></is></c></row></sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        }
        return zip.toByteArray();
    }

    /** A 6 KB sheet with one cell at column FXSHRXW ran a 768 MB node out of memory in the reader, every time. */
    @Test
    void aCellBeyondTheLastColumnIsRefusedBeforeTheReaderMakesRoomForIt() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            out.write(("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>户主</t></is></c></row>"
                    + "<row r=\"2\"><c r=\"FXSHRXW2\"><v>1</v></c></row></sheetData></worksheet>")
                    .getBytes(StandardCharsets.UTF_8));
        }
        MultipartBody body = MultipartBody.builder().addPart("file", "households.xlsx",
                MediaType.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), zip.toByteArray())
                .build();
        refused(422, as(ADMIN, HttpRequest.POST("/api/households/import/preview", body)
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)), "upload.xlsx.cell-out-of-range", "超出了 Excel 的范围");
    }

    @Test
    void anXlsxThatInflatesHugelyIsRefusedWithin4xxInSeconds() throws IOException {
        byte[] content = bomb(300L << 20);
        assertTrue(content.length < 2 << 20, "a small file: " + content.length);
        MultipartBody body = MultipartBody.builder().addPart("file", "households.xlsx",
                MediaType.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), content).build();
        long start = System.nanoTime();
        // refused by the first limit it meets while inflating: the longest run of text (one cell of 300 MB)
        Refusal refusal = refused(422, as(ADMIN, HttpRequest.POST("/api/households/import/preview", body)
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)), "upload.xml.too-large", "内容太长");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 10_000, "answered in " + millis + " ms");
        StrictEdgeTest.assertNoClassNames(refusal.body());
    }
}

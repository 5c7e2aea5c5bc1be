package cn.moralbank.web.hostile;

import cn.moralbank.points.testing.Eventually;
import cn.moralbank.web.testing.DemoDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Zip bombs against a node with a small heap (issue 14: "a test uploads a zip bomb with a small heap"). The
 * application runs in a JVM of its own ({@link SmallHeapNode}) with {@value #HEAP} and
 * {@code -XX:+ExitOnOutOfMemoryError}, so a bomb that needed the memory it asks for would end the node. Each bomb is
 * answered 4xx within seconds, the node still answers afterwards, and it never ran out of memory: the limits are
 * checked while inflating, not after the reader has built what the file describes.
 */
class SmallHeapZipBombTest {
    static final String HEAP = "-Xmx96m";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static Process node;
    private static Path log;
    private static String base;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static String token;

    @BeforeAll
    static void startASmallNode() throws Exception {
        Path dir = Files.createTempDirectory("small-heap");
        Path portFile = dir.resolve("port");
        log = dir.resolve("node.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1"));
        Map<String, Object> props = new HashMap<>();
        props.put("moralbank.jwt-secret", "test-secret-test-secret-test-secret-0123456789");
        props.put("moralbank.demo.load", "true");
        props.put("moralbank.password-cost", "4");
        props.put("micronaut.server.port", "-1");
        // the demo county copied, not loaded again inside the small heap
        props.putAll(DemoDatabase.copy(props));
        props.put("smallheap.port-file", portFile.toString());
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SmallHeapNode.class.getName()));
        node = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Eventually.until("the small node answering", Duration.ofMinutes(4), () -> {
            assertTrue(node.isAlive(), () -> "the small node died while starting: " + tail());
            return Files.exists(portFile);
        });
        base = "http://127.0.0.1:" + Files.readString(portFile).strip();
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"hedong.admin\",\"password\":\"demo1234\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(login.body());
        assertTrue(m.find(), login.body());
        token = m.group(1);
    }

    @AfterAll
    static void stopIt() throws Exception {
        if (node != null) {
            node.getOutputStream().close();
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    private static String tail() {
        try {
            String all = Files.readString(log);
            return all.substring(Math.max(0, all.length() - 3000));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** A bomb sent to the household import's preview: 4xx within seconds, and the node alive and well after it. */
    private static String refusedInSeconds(String what, byte[] xlsx) throws Exception {
        assertTrue(xlsx.length < 2 << 20, what + ": a small file, " + xlsx.length);
        String boundary = "b" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"households.xlsx\""
                + "\r\nContent-Type: " + XLSX + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(xlsx);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        long start = System.nanoTime();
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base
                        + "/api/households/import/preview"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("small heap (%s): %s answered %d in %d ms%n", HEAP, what, answer.statusCode(), millis);
        assertTrue(answer.statusCode() >= 400 && answer.statusCode() < 500,
                what + ": " + answer.statusCode() + " " + answer.body() + "\n" + tail());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        StrictEdgeTest.assertNoClassNames(answer.body());
        assertTrue(millis < 15_000, what + ": answered in " + millis + " ms");
        assertTrue(node.isAlive(), what + ": the node ran out of memory\n" + tail());
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), what + ": the node answers after it");
        assertFalse(Files.readString(log).contains("OutOfMemoryError"), what + ": " + tail());
        return answer.body();
    }

    @Test
    void oneInlineStringOfThreeHundredMegabytes() throws Exception {
        refusedInSeconds("one inline string of 300 MB", ZipBombTest.bomb(300L << 20));
    }

    @Test
    void aSheetOfOrdinaryShapeInflatingToThreeHundredMegabytes() throws Exception {
        // runs of 60 KB between tags: under the run and tag limits, so the size limit of a part refuses it
        StringBuilder cell = new StringBuilder("<c><v>");
        cell.append("1".repeat(60_000)).append("</v></c>");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.setLevel(9);
            out.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] block = cell.toString().getBytes(StandardCharsets.US_ASCII);
            for (long written = 0; written < 300L << 20; written += block.length) {
                out.write(block);
            }
        }
        String body = refusedInSeconds("a sheet of 300 MB in cells of 60 KB", zip.toByteArray());
        assertTrue(body.contains("upload.zip.too-large"), body);
    }

    @Test
    void oneSharedStringJustUnderTheEntryLimit() throws Exception {
        byte[] text = new byte[15 << 20];
        Arrays.fill(text, (byte) 'a');
        refusedInSeconds("one shared string of 15 MB", workbook(
                "<sst><si><t>" + new String(text, StandardCharsets.US_ASCII) + "</t></si></sst>",
                "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"));
    }

    @Test
    void oneAttributeOfFifteenMegabytes() throws Exception {
        byte[] text = new byte[15 << 20];
        Arrays.fill(text, (byte) 'a');
        refusedInSeconds("an attribute of 15 MB", workbook("<sst></sst>",
                "<row r=\"1\" x=\"" + new String(text, StandardCharsets.US_ASCII) + "\"><c r=\"A1\"><v>1</v></c></row>"));
    }

    @Test
    void nineHundredThousandSharedStringsAndTheLastOneAsked() throws Exception {
        StringBuilder sst = new StringBuilder(16 << 20).append("<sst>");
        for (int i = 0; i < 900_000; i++) {
            sst.append("<si><t>").append(i % 10).append("</t></si>");
        }
        refusedInSeconds("900,000 shared strings", workbook(sst.append("</sst>").toString(),
                "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>899999</v></c></row>"));
    }

    @Test
    void tenThousandEntries() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (int i = 0; i < 10_000; i++) {
                out.putNextEntry(new ZipEntry("xl/e" + i + ".xml"));
            }
        }
        refusedInSeconds("ten thousand entries", zip.toByteArray());
    }

    /** A workbook the reader follows: content types, workbook, its relations, shared strings and one sheet. */
    static byte[] workbook(String sharedStrings, String rows) throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.setLevel(9);
            entry(out, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
                    + "package/2006/content-types\"><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
                    + "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/"
                    + "sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml."
                    + "sharedStrings+xml\"/></Types>");
            entry(out, "_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
                    + "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
                    + "officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            entry(out, "xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/"
                    + "spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                    + "relationships\"><sheets><sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            entry(out, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas."
                    + "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
                    + "openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                    + "relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
            entry(out, "xl/sharedStrings.xml", sharedStrings);
            entry(out, "xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas."
                    + "openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + rows + "</sheetData></worksheet>");
        }
        return zip.toByteArray();
    }

    private static void entry(ZipOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
    }
}

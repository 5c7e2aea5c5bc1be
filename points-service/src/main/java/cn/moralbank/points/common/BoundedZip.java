package cn.moralbank.points.common;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * An uploaded zip (an xlsx is one) read within limits before any library sees it: the entries are inflated one by
 * one while counting, and reading stops at the first entry, byte or total over its limit, so a 1 MB file that inflates
 * to a gigabyte is refused after a few megabytes, in well under a second and without the memory it asks for. What
 * was read is packed again into a fresh zip, so the library reads exactly the entries that were measured (a zip's
 * central directory may claim other sizes than its entries hold).
 */
public final class BoundedZip {
    /**
     * The limits of one upload; a household file of the county's size is far below each. Besides the sizes, each XML
     * part is bounded in its longest run of text or of one tag ({@code maxXmlRun} bytes without a {@code <} or
     * {@code >}: a cell is at most 2,000 characters) and in its number of tags ({@code maxXmlTags}): within 16 MB a
     * single 15 MB shared string, or 900,000 tiny ones, still ran a node with a 96 MB heap out of memory in the
     * reader, which builds each string and keeps every shared string up to the one a cell asks for.
     */
    public record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxXmlRun, int maxXmlTags) {
        public static final Limits SPREADSHEET = new Limits(200, 16L << 20, 48L << 20, 64 << 10, 1_000_000);
    }

    private BoundedZip() {
    }

    /** The zip packed again after the check; {@link BadInput} {@code upload.zip.too-large} when over a limit. */
    public static byte[] checked(byte[] zip, Limits limits) {
        ByteArrayOutputStream repacked = new ByteArrayOutputStream(zip.length + 1024);
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        Path file = null;
        try {
            // ZipFile reads the central directory, as Excel and the xlsx libraries do: a streaming ZipInputStream
            // refuses the data descriptors that fastexcel (our own export) writes. Sizes claimed there are not
            // trusted: every entry is inflated here while counting, and only what was counted is packed again.
            file = Files.createTempFile("upload", ".zip");
            Files.write(file, zip);
            try (ZipFile in = new ZipFile(file.toFile());
                 ZipOutputStream out = new ZipOutputStream(repacked)) {
                for (var it = in.entries(); it.hasMoreElements(); ) {
                    ZipEntry entry = it.nextElement();
                    if (++entries > limits.maxEntries()) {
                        throw tooLarge(limits);
                    }
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    long size = 0;
                    XmlShape xml = isXml(entry.getName()) ? new XmlShape(limits, isSheet(entry.getName())) : null;
                    try (InputStream data = in.getInputStream(entry)) {
                        for (int n = read(data, buffer); n > 0; n = read(data, buffer)) {
                            size += n;
                            total += n;
                            if (size > limits.maxEntryBytes() || total > limits.maxTotalBytes()) {
                                throw tooLarge(limits);
                            }
                            if (xml != null) {
                                xml.scan(buffer, n);
                            }
                            out.write(buffer, 0, n);
                        }
                    }
                    out.closeEntry();
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new BadInput("upload.zip.unreadable");
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind is cleaned with the temp directory
                }
            }
        }
        return repacked.toByteArray();
    }

    private static boolean isXml(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".xml") || lower.endsWith(".rels");
    }

    private static boolean isSheet(String name) {
        return name.toLowerCase(Locale.ROOT).contains("worksheets/");
    }

    /**
     * Counts, while the part is inflated, the tags and the longest run without one; refuses past either limit. In a
     * worksheet, reads each cell's and row's reference ({@code r="XFD1048576"}) too, and refuses one beyond the last
     * column or row a spreadsheet can have: the reader makes room for every column before the one a cell names, so a
     * 6 KB file with one cell at column FXSHRXW asked for billions of them and ran the node out of memory.
     */
    private static final class XmlShape {
        /** Excel's last column (XFD) and row. */
        static final long MAX_COLUMN = 16_384;
        static final long MAX_ROW = 1_048_576;
        private static final byte[] REFERENCE = {'r', '=', '"'};

        private final Limits limits;
        private final boolean sheet;
        private int run;
        private int tags;
        private boolean inTag;
        /** Bytes of {@code r="} matched so far after a space inside a tag; -1 when not after a space. */
        private int matched = -1;
        private boolean inReference;
        private long column;
        private long row;

        XmlShape(Limits limits, boolean sheet) {
            this.limits = limits;
            this.sheet = sheet;
        }

        void scan(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (b == '<') {
                    run = 0;
                    inTag = true;
                    endReference();
                    if (++tags > limits.maxXmlTags()) {
                        throw new BadInput("upload.xml.too-large", limits.maxXmlRun() >> 10, limits.maxXmlTags());
                    }
                } else if (b == '>') {
                    run = 0;
                    inTag = false;
                    endReference();
                } else if (++run > limits.maxXmlRun()) {
                    throw new BadInput("upload.xml.too-large", limits.maxXmlRun() >> 10, limits.maxXmlTags());
                }
                if (inTag && sheet) {
                    reference(b);
                }
            }
        }

        private void reference(byte b) {
            if (inReference) {
                if (b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z') {
                    column = column * 26 + ((b | 0x20) - 'a' + 1);
                } else if (b >= '0' && b <= '9') {
                    row = row * 10 + (b - '0');
                } else {
                    endReference();
                }
                if (column > MAX_COLUMN || row > MAX_ROW) {
                    throw new BadInput("upload.xlsx.cell-out-of-range");
                }
                return;
            }
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                matched = 0;
            } else if (matched >= 0 && b == REFERENCE[matched]) {
                if (++matched == REFERENCE.length) {
                    inReference = true;
                    column = 0;
                    row = 0;
                    matched = -1;
                }
            } else {
                matched = -1;
            }
        }

        private void endReference() {
            inReference = false;
            matched = -1;
        }
    }

    private static int read(InputStream in, byte[] buffer) throws IOException {
        return in.read(buffer);
    }

    private static BadInput tooLarge(Limits limits) {
        return new BadInput("upload.zip.too-large", limits.maxTotalBytes() >> 20, limits.maxEntries());
    }
}

package cn.moralbank.points.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStream;
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
    /** The limits of one upload; a household file of the county's size is far below each. */
    public record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes) {
        public static final Limits SPREADSHEET = new Limits(200, 16L << 20, 48L << 20);
    }

    private BoundedZip() {
    }

    /** The zip packed again after the check; {@link BadInput} {@code upload.zip.too-large} when over a limit. */
    public static byte[] checked(byte[] zip, Limits limits) {
        // read by the central directory (java.util.zip.ZipFile): a streaming reader refuses stored entries with a data
        // descriptor, which spreadsheet writers produce; the sizes are counted while inflating, not taken on trust
        Path file = null;
        try {
            file = Files.createTempFile("upload", ".zip");
            Files.write(file, zip);
            return repack(file, zip.length, limits);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInput("upload.zip.unreadable");
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind is removed with the temporary folder
                }
            }
        }
    }

    private static byte[] repack(Path file, int size, Limits limits) throws IOException {
        ByteArrayOutputStream repacked = new ByteArrayOutputStream(size + 1024);
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipFile zip = new ZipFile(file.toFile());
             ZipOutputStream out = new ZipOutputStream(repacked)) {
            for (var all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry entry = all.nextElement();
                if (++entries > limits.maxEntries()) {
                    throw tooLarge(limits);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                long read = 0;
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int n = read(in, buffer); n > 0; n = read(in, buffer)) {
                        read += n;
                        total += n;
                        if (read > limits.maxEntryBytes() || total > limits.maxTotalBytes()) {
                            throw tooLarge(limits);
                        }
                        out.write(buffer, 0, n);
                    }
                }
                out.closeEntry();
            }
        }
        return repacked.toByteArray();
    }

    private static int read(InputStream in, byte[] buffer) throws IOException {
        return in.read(buffer);
    }

    private static BadInput tooLarge(Limits limits) {
        return new BadInput("upload.zip.too-large", limits.maxTotalBytes() >> 20, limits.maxEntries());
    }
}

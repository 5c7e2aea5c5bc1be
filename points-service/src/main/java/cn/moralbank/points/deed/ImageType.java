package cn.moralbank.points.deed;

import java.util.Optional;

/**
 * The image types a deed's photo may have, recognised by their first bytes (magic numbers) rather than by the name
 * or type the uploader claims: a renamed document or script is refused.
 */
enum ImageType {
    JPEG("image/jpeg"), PNG("image/png"), WEBP("image/webp");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    final String contentType;

    ImageType(String contentType) {
        this.contentType = contentType;
    }

    static Optional<ImageType> of(byte[] data) {
        if (data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (startsWith(data, PNG_SIGNATURE, 0)) {
            return Optional.of(PNG);
        }
        if (startsWith(data, "RIFF".getBytes(), 0) && startsWith(data, "WEBP".getBytes(), 8)) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] data, byte[] prefix, int offset) {
        if (data.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

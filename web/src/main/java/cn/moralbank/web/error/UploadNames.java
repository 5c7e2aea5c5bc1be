package cn.moralbank.web.error;

import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.PlainText;
import io.micronaut.http.multipart.FileUpload;

/**
 * The one way an uploaded file's name is read (an architecture rule forbids {@code getFilename()} anywhere else).
 * The name is typed by whoever sent the file: it is echoed on import previews and kept in audit lines, so it is
 * text like any other field — one line, nothing invisible or reversing (U+202E turns {@code gpj.exe} around), no
 * control characters — and it is only the last part of a path. Otherwise the upload is refused, 400
 * {@code upload.name}, before its content is read.
 */
public final class UploadNames {
    /** Longer than any file name a file system keeps (255 bytes). */
    static final int MAX_LENGTH = 255;

    private UploadNames() {
    }

    public static String of(FileUpload file) {
        String sent = file.getFilename();
        String name = sent == null ? "" : sent.substring(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1);
        if (name.length() > MAX_LENGTH || !PlainText.name(name)) {
            throw new BadInput("upload.name", MAX_LENGTH);
        }
        return name;
    }
}

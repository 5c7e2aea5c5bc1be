package cn.moralbank.web.error;

import cn.moralbank.points.common.BadInput;

import java.util.Base64;

/**
 * The one way an import's confirmation reads back the file its preview showed: the preview puts the file into the form
 * as base64, the confirmation sends it back, and the browser (or whoever posts the form) may send anything. Text that
 * is not base64 is refused ({@code upload.content.unreadable}; 422 on the page), before anything is read from it (an
 * architecture rule forbids decoding base64 elsewhere in the web module). Before, each import page decoded the field
 * itself and answered anything else with a 500.
 */
public final class UploadedContent {
    private UploadedContent() {
    }

    public static byte[] of(String field) {
        try {
            return Base64.getMimeDecoder().decode(field == null ? "" : field);
        } catch (IllegalArgumentException e) {
            throw new BadInput("upload.content.unreadable");
        }
    }
}

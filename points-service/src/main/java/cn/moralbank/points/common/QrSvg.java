package cn.moralbank.points.common;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.util.Map;

/**
 * The one QR renderer of every printed artefact: ZXing encodes, the result is inline SVG, one path, so it prints
 * sharp at any size and needs no image endpoint. The text is escaped for the SVG's label.
 */
public final class QrSvg {
    private QrSvg() {
    }

    /** A household card's number: error correction M, a card a little worn still scans. */
    public static String card(String text) {
        return svg(text, ErrorCorrectionLevel.M, 2);
    }

    /** A paper voucher's code: error correction Q, a voucher is folded and carried in a pocket before it is scanned. */
    public static String voucher(String text) {
        return svg(text, ErrorCorrectionLevel.Q, 1);
    }

    private static String svg(String text, ErrorCorrectionLevel level, int margin) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, level, EncodeHintType.MARGIN, margin));
            StringBuilder path = new StringBuilder();
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    if (m.get(x, y)) {
                        path.append('M').append(x).append(',').append(y).append("h1v1h-1z");
                    }
                }
            }
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + m.getWidth() + " " + m.getHeight()
                    + "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"" + escape(text) + "\">"
                    + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path
                    + "\"/></svg>";
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode as QR code", e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

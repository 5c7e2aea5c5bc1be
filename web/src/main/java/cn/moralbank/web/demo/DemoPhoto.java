package cn.moralbank.web.demo;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The demo's photo of planted trees, drawn rather than shipped: the repository keeps no one's real photo, and a
 * drawn PNG goes through the same checks (size, type from the bytes) as a phone's.
 */
final class DemoPhoto {
    private DemoPhoto() {
    }

    static byte[] trees() {
        BufferedImage image = new BufferedImage(480, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(135, 190, 235), 0, 230, new Color(225, 240, 250)));
        g.fillRect(0, 0, 480, 240);
        g.setColor(new Color(160, 130, 90));
        g.fillRect(0, 230, 480, 130);
        g.setColor(new Color(120, 170, 80));
        g.fillRect(0, 230, 480, 18);
        for (int i = 0; i < 6; i++) {
            int x = 40 + i * 78;
            int top = 90 + (i % 3) * 18;
            g.setColor(new Color(110, 80, 50));
            g.fillRect(x - 4, 200, 8, 44);
            g.setColor(new Color(40 + i * 8, 120 + (i % 2) * 20, 50));
            g.fillPolygon(new int[]{x - 34, x, x + 34}, new int[]{215, top, 215}, 3);
            g.fillPolygon(new int[]{x - 26, x, x + 26}, new int[]{175, top - 30, 175}, 3);
        }
        g.setColor(new Color(250, 210, 60));
        g.fillOval(390, 30, 50, 50);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

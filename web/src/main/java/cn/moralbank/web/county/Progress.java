package cn.moralbank.web.county;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/** A one-line progress bar of the history: share of the months done, events written, rate, time left. */
final class Progress {
    private final PrintStream out;
    private final AtomicLong written;
    private final DoubleSupplier share;
    private final long started = System.nanoTime();

    Progress(PrintStream out, AtomicLong written, DoubleSupplier share) {
        this.out = out;
        this.written = written;
        this.share = share;
    }

    void print() {
        int width = 40;
        double done = Math.min(1, share.getAsDouble());
        int filled = (int) (done * width);
        double seconds = (System.nanoTime() - started) / 1e9;
        long events = written.get();
        double rate = seconds > 0 ? events / seconds : 0;
        String left = done > 0.01 ? String.format("%.0f s left", seconds / done - seconds) : "…";
        out.printf("\r[%s%s] %5.1f%%  %,d events  %,.0f events/s  %s   ", "#".repeat(filled),
                " ".repeat(width - filled), done * 100, events, rate, left);
        out.flush();
    }
}

package cn.moralbank.web.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load: {@code clients} threads each call their own {@link Call} as fast as it answers, first for a
 * warm-up that is not counted, then for the measured time. Latencies go to an HdrHistogram (microseconds).
 */
final class Load {

    /** One client's next request; true when the answer was the expected one. */
    @FunctionalInterface
    interface Call {
        boolean next() throws Exception;
    }

    /** Makes the call of client number {@code i} (each client keeps its own connection and ids). */
    @FunctionalInterface
    interface Clients {
        Call client(int i) throws Exception;
    }

    record Result(String name, int clients, long ok, long failed, double seconds, Histogram latencyMicros) {
        double perSecond() {
            return ok / seconds;
        }

        double millis(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        String line() {
            return String.format("%-34s %3d clients %9.1f/s  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  failed %d",
                    name, clients, perSecond(), millis(50), millis(95), millis(99), failed);
        }
    }

    private Load() {
    }

    static Result run(String name, int clients, Duration warmUp, Duration measured, Clients make) throws Exception {
        return run(name, clients, warmUp, measured, null, make);
    }

    /**
     * With a {@code pace}, each client sends one request per pace (a kiosk serving one villager after another)
     * instead of as fast as it is answered, and a request's latency counts from when it was due, so that a slow
     * answer that delays the next request is not hidden (coordinated omission).
     */
    static Result run(String name, int clients, Duration warmUp, Duration measured, Duration pace, Clients make)
            throws Exception {
        return run(name, clients, warmUp, measured, pace, make, () -> {
        });
    }

    /** As above; {@code measuring} runs when the warm-up ends and the measured time begins. */
    static Result run(String name, int clients, Duration warmUp, Duration measured, Duration pace, Clients make,
                      Runnable measuring) throws Exception {
        Recorder recorder = new Recorder(3);
        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            calls.add(make.client(i));
        }
        List<Thread> threads = new ArrayList<>();
        CountDownLatch everyClientCounted = new CountDownLatch(clients);
        for (Call call : calls) {
            long offset = pace == null ? 0 : pace.toNanos() * threads.size() / clients;
            Thread thread = new Thread(() -> {
                long due = System.nanoTime() + offset;
                boolean counted = false;
                while (running.get()) {
                    if (pace != null) {
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            try {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                    long started = pace == null ? System.nanoTime() : due;
                    due += pace == null ? 0 : pace.toNanos();
                    boolean success;
                    try {
                        success = call.next();
                    } catch (Exception e) {
                        success = false;
                    }
                    if (counting.get()) {
                        recorder.recordValue(Math.max(1, (System.nanoTime() - started) / 1000));
                        (success ? ok : failed).incrementAndGet();
                        if (!counted) {
                            counted = true;
                            everyClientCounted.countDown();
                        }
                    }
                }
            }, name + "-client");
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(warmUp.toMillis());
        recorder.reset();
        measuring.run();
        counting.set(true);
        long from = System.nanoTime();
        Thread.sleep(measured.toMillis());
        // on a slow machine a call may outlast the window: it ends when every client has had one call counted
        everyClientCounted.await(60, TimeUnit.SECONDS);
        counting.set(false);
        double seconds = (System.nanoTime() - from) / 1e9;
        Histogram histogram = recorder.getIntervalHistogram();
        running.set(false);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        Result result = new Result(name, clients, ok.get(), failed.get(), seconds, histogram);
        System.out.println("  " + result.line());
        return result;
    }
}

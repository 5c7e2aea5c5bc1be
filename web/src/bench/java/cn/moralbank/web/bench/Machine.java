package cn.moralbank.web.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        String cpu = first("/proc/cpuinfo", "model name");
        String memory = first("/proc/meminfo", "MemTotal");
        return String.format("%d cores (%s), %s memory, %s", Runtime.getRuntime().availableProcessors(),
                cpu.isEmpty() ? "unknown CPU" : cpu,
                memory.isEmpty() ? "unknown" : (Long.parseLong(memory.replaceAll("[^0-9]", "")) / 1024 / 1024)
                        + " GB", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    private static String first(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }
}

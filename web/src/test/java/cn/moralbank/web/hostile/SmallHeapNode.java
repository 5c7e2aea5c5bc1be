package cn.moralbank.web.hostile;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The application alone in a JVM of its own, started by {@link SmallHeapZipBombTest} with a small heap
 * ({@code -Xmx96m -XX:+ExitOnOutOfMemoryError}): its configuration comes as system properties, its port is written
 * to the file named by {@code smallheap.port-file}, and it stops when its parent closes its standard input.
 */
public final class SmallHeapNode {
    private SmallHeapNode() {
    }

    public static void main(String[] args) throws Exception {
        ApplicationContext context = ApplicationContext.builder().environments("test").start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        if (!server.isRunning()) {
            server.start();
        }
        Path portFile = Path.of(System.getProperty("smallheap.port-file"));
        Files.writeString(portFile.resolveSibling(portFile.getFileName() + ".tmp"), Integer.toString(server.getPort()));
        Files.move(portFile.resolveSibling(portFile.getFileName() + ".tmp"), portFile);
        while (System.in.read() >= 0) {
            // the parent holds our standard input open while it needs us
        }
        context.close();
        System.exit(0);
    }
}

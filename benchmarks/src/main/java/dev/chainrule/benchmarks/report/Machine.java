package dev.chainrule.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine and JVM a run came from, in one line for the report. */
final class Machine {
    private Machine() {}

    static String describe() {
        return cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores available, "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB max heap; "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + "; "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vm.vendor") + ")";
    }

    private static String cpu() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return lines.stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }
}

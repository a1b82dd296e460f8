package org.vaesim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the numbers were measured on: cores, OS, JVM, CPU model ({@code /proc/cpuinfo}) and last-level cache
 * ({@code /sys/devices/system/cpu/cpu0/cache}), where the platform has them.
 *
 * @param cpuModel  "unknown" where /proc/cpuinfo is absent
 * @param llcBytes  size of the highest cache level cpu0 sees, or 0 if unknown
 */
public record MachineInfo(int cores, String os, String jvm, String cpuModel, long llcBytes, long maxHeapBytes) {

    public static MachineInfo detect() {
        return new MachineInfo(Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                readCpuModel(), lastLevelCache(), Runtime.getRuntime().maxMemory());
    }

    private static String readCpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                // x86: "model name"; some ARM kernels: "Model" or "Hardware".
                if (line.startsWith("model name") || line.startsWith("Model") || line.startsWith("Hardware")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        return line.substring(colon + 1).trim();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall through
        }
        return "unknown";
    }

    private static long lastLevelCache() {
        Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache");
        int bestLevel = 0;
        long bestSize = 0;
        try (var entries = Files.list(dir)) {
            for (Path index : entries.filter(p -> p.getFileName().toString().startsWith("index")).toList()) {
                int level = Integer.parseInt(Files.readString(index.resolve("level")).trim());
                long size = parseSize(Files.readString(index.resolve("size")).trim());
                if (level > bestLevel || (level == bestLevel && size > bestSize)) {
                    bestLevel = level;
                    bestSize = size;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return bestSize;
    }

    /** "32768K" -> 33554432; "2M" -> 2097152. */
    static long parseSize(String s) {
        char unit = Character.toUpperCase(s.charAt(s.length() - 1));
        long scale = switch (unit) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        String digits = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1);
        return Long.parseLong(digits) * scale;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", cores);
        m.put("os", os);
        m.put("jvm", jvm);
        m.put("cpu_model", cpuModel);
        m.put("llc_bytes", llcBytes);
        m.put("max_heap_bytes", maxHeapBytes);
        m.put("jvm_args", List.copyOf(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        return m;
    }
}

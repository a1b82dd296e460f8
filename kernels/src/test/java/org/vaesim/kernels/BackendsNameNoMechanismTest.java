package org.vaesim.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The backends offer primitives and name no mechanism (docs/extending.md): their sources mention neither the params
 * of a family whose agents act through a mechanism stage (kinetic exchange, negotiation) nor any class of a package
 * that holds a mechanism's backend halves (one whose interface builds {@code Halves}). A source scan, as the
 * compiler cannot tell a primitive from a mechanism.
 */
class BackendsNameNoMechanismTest {
    private static final Path MAIN = Path.of("src", "main", "java", "org", "vaesim", "kernels");
    private static final List<Path> BACKENDS = List.of(MAIN.resolve("cpu/JavaBackend.java"),
            MAIN.resolve("device/DeviceBackend.java"));

    /** The packages (as {@code org.vaesim.kernels.x}) with a source that builds a mechanism's {@code Halves}. */
    static List<String> mechanismPackages() throws IOException {
        List<String> packages = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String pkg = "org.vaesim.kernels." + MAIN.relativize(f.getParent()).toString().replace('/', '.');
                if (Files.readString(f, StandardCharsets.UTF_8).contains("static Halves<")
                        && !packages.contains(pkg)) {
                    packages.add(pkg);
                }
            }
        }
        return packages;
    }

    @Test
    void theBackendsNameNeitherExchangeNorNegotiationNorAnyMechanismPackage() throws IOException {
        List<String> packages = mechanismPackages();
        assertTrue(packages.containsAll(List.of("org.vaesim.kernels.exchange", "org.vaesim.kernels.auction",
                "org.vaesim.kernels.capability")), "the scan finds the mechanisms' packages: " + packages);
        List<String> found = new ArrayList<>();
        for (Path backend : BACKENDS) {
            String source = Files.readString(backend, StandardCharsets.UTF_8);
            for (String name : List.of("KineticParams", "NegotiationParams", "Kernel.EXCHANGE", "Kernel.NEGOTIATE",
                    "Kernel.COLLECT_TAX", "Kernel.REFUND")) {
                if (source.contains(name)) {
                    found.add(backend.getFileName() + " names " + name);
                }
            }
            for (String pkg : packages) {
                if (source.contains(pkg + ".")) {
                    found.add(backend.getFileName() + " uses " + pkg);
                }
            }
        }
        assertEquals(List.of(), found);
    }
}

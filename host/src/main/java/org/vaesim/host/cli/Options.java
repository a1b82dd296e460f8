package org.vaesim.host.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;

import org.vaesim.host.io.ParquetExport;
import org.vaesim.host.run.RunSession;
import org.vaesim.kernels.Backends;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;

/** Checks and reports shared by the commands. */
final class Options {
    private Options() {
    }

    /** The backend a --backend value resolves to on this machine, or a bad-input error saying why not. */
    static String backend(String requested) throws ConfigException {
        try {
            return Backends.resolve(requested);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--backend", "--backend", requested, e.getMessage());
        }
    }

    /**
     * A --backend value that names a backend, without resolving it here: for runs that resolve it on the machine
     * that runs them (a cluster's executors). Known names, and cuda:N.
     */
    static String backendName(String requested) throws ConfigException {
        if (Backends.NAMES.contains(requested) || Backends.cudaOrdinal(requested) >= 0) {
            return requested;
        }
        throw new ConfigException("--backend", "--backend", requested, "unknown backend; one of " + Backends.NAMES
                + ", or cuda:N for the CUDA device with ordinal N (0 to " + Backends.MAX_CUDA_ORDINAL + ")");
    }

    /** --epochs: 1 to {@link Scenario#MAX_EPOCHS}, as in a scenario file. */
    static void checkEpochs(Integer epochs) throws ConfigException {
        if (epochs != null && (epochs < 1 || epochs > Scenario.MAX_EPOCHS)) {
            throw new ConfigException("--epochs", "--epochs", epochs.toString(), "must be 1 to " + Scenario.MAX_EPOCHS
                    + ", as in a scenario file (checkpoint names hold the epoch in nine digits)");
        }
    }

    /** A --threads value out of range is bad input; one above the core count is allowed, with a note. */
    static void checkThreads(Integer threads, PrintStream err) throws ConfigException {
        if (threads != null && (threads < 1 || threads > 1024)) {
            throw new ConfigException("--threads", "--threads", threads.toString(), "must be between 1 and 1024");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads != null && threads > cores) {
            err.println("vaesim: note: --threads " + threads + " is more than the " + cores + " cores this JVM may"
                    + " use; the extra threads share them (the result is the same, the run is rarely faster)");
        }
    }

    /** An output path as printed and used: absolute, so that it is clear wherever the user is. */
    static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /**
     * {@code e} with a hint when it is about an input file that does not exist, given as a relative path: the file
     * of that name (or the nearest name) in the configs/ folder of the current directory or of this installation,
     * e.g. "did you mean configs/quickstart.json?".
     */
    static ConfigException withConfigHint(ConfigException e, Path given) {
        if (given.isAbsolute() || Files.exists(given)) {
            return e;
        }
        String hint = configHint(given);
        return hint == null ? e : new ConfigException(e.source(), e.jsonPath(), e.badValue(),
                e.allowed() + "; did you mean " + hint + "?");
    }

    private static String configHint(Path given) {
        Path cwd = absolute(Path.of(""));
        String relative = given.toString().replace('\\', '/').replaceFirst("^(\\./)?configs/", "");
        List<Path> files = new ArrayList<>();
        for (Path configs : new LinkedHashSet<>(List.of(cwd.resolve("configs"), installation().resolve("configs")))) {
            if (Files.isDirectory(configs)) {
                for (String name : List.of(relative, relative + ".json")) {
                    if (Files.isRegularFile(configs.resolve(name))) {
                        return shown(configs.resolve(name), cwd);
                    }
                }
                try (Stream<Path> walk = Files.walk(configs, 3)) {
                    walk.filter(f -> f.toString().endsWith(".json")).sorted().forEach(files::add);
                } catch (IOException unreadable) {
                    // no hint from a folder that cannot be listed
                }
            }
        }
        List<String> names = files.stream().map(f -> f.getFileName().toString()).distinct().toList();
        List<String> nearest = Typos.nearest(given.getFileName().toString(), names);
        return nearest.isEmpty() ? null : files.stream().filter(f -> f.getFileName().toString()
                .equals(nearest.getFirst())).findFirst().map(f -> shown(f, cwd)).orElse(null);
    }

    /** {@code file} as the user would type it from {@code cwd}: relative below it, else absolute. */
    private static String shown(Path file, Path cwd) {
        Path f = absolute(file);
        return f.startsWith(cwd) ? cwd.relativize(f).toString() : f.toString();
    }

    /**
     * The folder vaesim is installed in: the one above the jar (bench/target/vaesim.jar) or class folder
     * (host/target/classes) this class was loaded from, which holds configs/; the current directory if none does.
     */
    private static Path installation() {
        CodeSource source = Options.class.getProtectionDomain().getCodeSource();
        try {
            Path p = source == null ? null : Path.of(source.getLocation().toURI());
            for (int up = 0; up < 4 && p != null; up++, p = p.getParent()) {
                if (Files.isDirectory(p.resolve("configs"))) {
                    return p;
                }
            }
        } catch (URISyntaxException | IllegalArgumentException notAFile) {
            // loaded from somewhere that is not a file: only the current directory's configs/ is searched
        }
        return absolute(Path.of(""));
    }

    /**
     * Every error of a bad input, one line each in document order, then the parts left unchecked because they
     * depend on a part in error (docs/config-reference.md#errors).
     */
    static void printErrors(ConfigException e, PrintStream err) {
        for (ConfigException each : e.errors()) {
            err.println("vaesim: " + each.getMessage());
        }
        if (!e.notChecked().isEmpty()) {
            err.println("vaesim: not checked until the errors above are fixed, as they depend on them: "
                    + String.join(", ", e.notChecked()));
        }
        if (e.errors().size() > 1) {
            err.println("vaesim: " + e.errors().size() + " errors");
        }
    }

    static int report(RunSession.Outcome o, PrintStream err) {
        if (o.complete()) {
            err.println("vaesim: complete; state_checksum " + o.checksum());
            boolean pq = o.parquet() != null && o.parquet().status() == ParquetExport.Status.WRITTEN;
            err.println("vaesim: outputs in " + o.dir() + " (summary.json, metrics.csv, "
                    + (pq ? "metrics.parquet, " : "") + "epoch-times.hlog, report.html, checkpoints/)");
            // A failed Parquet export was reported above and in summary.json; the run itself is complete, so 0.
            return 0;
        }
        if (o.interruption() != null) {
            RunSession.Interruption i = o.interruption();
            err.println("vaesim: interrupted by " + i.stop().signal() + " after epoch " + i.epoch() + " of "
                    + i.epochs());
            err.println("vaesim: checkpoint " + i.checkpoint());
            err.println("vaesim: to continue: vaesim resume " + o.dir());
            return i.stop().exitCode();
        }
        err.println("vaesim: run " + o.status().label() + ": " + o.error());
        err.println("vaesim: its last checkpoint and a partial summary are in " + o.dir());
        return VaesimCli.EXIT_FAILED;
    }
}

package org.vaesim.host.cli;

import java.io.PrintStream;

import org.vaesim.host.io.ParquetExport;
import org.vaesim.host.run.RunSession;
import org.vaesim.kernels.Backends;
import org.vaesim.models.scenario.ConfigException;

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

    static void checkThreads(Integer threads) throws ConfigException {
        if (threads != null && (threads < 1 || threads > 1024)) {
            throw new ConfigException("--threads", "--threads", threads.toString(), "must be between 1 and 1024");
        }
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
        err.println("vaesim: run " + o.status().label() + ": " + o.error());
        err.println("vaesim: its last checkpoint and a partial summary are in " + o.dir());
        return VaesimCli.EXIT_FAILED;
    }
}

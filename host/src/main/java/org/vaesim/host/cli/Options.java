package org.vaesim.host.cli;

import java.io.PrintStream;

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

    /** --epochs: 1 to {@link Scenario#MAX_EPOCHS}, as in a scenario file. */
    static void checkEpochs(Integer epochs) throws ConfigException {
        if (epochs != null && (epochs < 1 || epochs > Scenario.MAX_EPOCHS)) {
            throw new ConfigException("--epochs", "--epochs", epochs.toString(), "must be 1 to " + Scenario.MAX_EPOCHS
                    + ", as in a scenario file (checkpoint names hold the epoch in nine digits)");
        }
    }

    static void checkThreads(Integer threads) throws ConfigException {
        if (threads != null && (threads < 1 || threads > 1024)) {
            throw new ConfigException("--threads", "--threads", threads.toString(), "must be between 1 and 1024");
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

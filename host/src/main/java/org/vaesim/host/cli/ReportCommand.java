package org.vaesim.host.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vaesim.host.report.HtmlReport;
import org.vaesim.host.report.SweepReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", description = "Write the self-contained HTML report (report.html) of a run or of a sweep "
        + "directory.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory, or a sweep directory")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of RUN_DIR/report.html")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (Files.isRegularFile(dir.resolve("summary.json"))) {
            System.err.println("vaesim: report in " + Options.absolute(HtmlReport.write(dir, out)));
            return 0;
        }
        if (Files.isRegularFile(dir.resolve("summary.csv"))) {
            System.err.println("vaesim: sweep report in " + Options.absolute(SweepReport.write(dir, out)));
            return 0;
        }
        System.err.println("vaesim: " + dir + ": neither a run directory (summary.json) nor a sweep (summary.csv)");
        return VaesimCli.EXIT_BAD_INPUT;
    }
}

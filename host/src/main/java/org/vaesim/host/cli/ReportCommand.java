package org.vaesim.host.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vaesim.host.report.HtmlReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", description = "Write a run's self-contained HTML report (report.html in the run directory).")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of RUN_DIR/report.html")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(dir.resolve("summary.json"))) {
            System.err.println("vaesim: " + dir + ": no summary.json (is it a run directory?)");
            return VaesimCli.EXIT_BAD_INPUT;
        }
        System.err.println("vaesim: report in " + HtmlReport.write(dir, out));
        return 0;
    }
}

package org.vaesim.host.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.vaesim.host.facts.FactsJson;
import org.vaesim.host.facts.ReturnSeries;
import org.vaesim.host.facts.RunFacts;
import org.vaesim.host.facts.StylizedFacts;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.models.scenario.ConfigException;

import com.fasterxml.jackson.databind.node.ArrayNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "facts", mixinStandardHelpOptions = true, description = "The stylized facts of a run's market "
        + "returns (Cont 2001) from its metrics.csv, each beside its reference range with whether it holds "
        + "(docs/facts.md).")
final class FactsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A directory written by `vaesim run`")
    Path dir;

    @Option(names = "--market", paramLabel = "M", description = "Only this market (default: every market)")
    String market;

    @Option(names = "--from", paramLabel = "EPOCH", description = "Leave out the epochs before this one (default: "
            + "the first 10%% of the epochs recorded, the burn-in)")
    Integer from;

    @Option(names = "--json", description = "Print the facts as JSON, as in summary.json's facts block")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        try {
            Path metrics = new RunDirectory(dir).metrics();
            if (!Files.isRegularFile(metrics)) {
                throw new ConfigException(dir.toString(), "metrics.csv", "(missing)",
                        "a run directory written by `vaesim run` has one");
            }
            ReturnSeries.MetricsColumns cols;
            try {
                cols = ReturnSeries.MetricsColumns.read(metrics);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(metrics.toString(), "$", "(unreadable)", e.getMessage());
            }
            if (market != null && !cols.markets().contains(market)) {
                throw new ConfigException("--market", "--market", "'" + market + "'",
                        "must be one of the run's markets " + cols.markets());
            }
            int last = cols.lastEpoch();
            if (from != null && (from < 0 || from >= last)) {
                throw new ConfigException("--from", "--from", from.toString(),
                        "must be at least 0 and before the last epoch recorded, " + last);
            }
            int first = from != null ? from : RunFacts.defaultFrom(last);
            List<String> markets = market != null ? List.of(market) : cols.markets();
            ArrayNode all = RunDirectory.JSON.createArrayNode();
            int computed = 0;
            for (String m : markets) {
                try {
                    StylizedFacts f = StylizedFacts.of(cols.returns(m, first));
                    computed++;
                    if (json) {
                        all.add(FactsJson.of(f));
                    } else {
                        out.print(RunFacts.text(f));
                    }
                } catch (IllegalArgumentException e) {
                    if (json) {
                        all.addObject().put("market", m).put("error", e.getMessage());
                    } else {
                        out.println("market " + m + ": " + e.getMessage());
                    }
                }
            }
            if (json) {
                out.println(RunDirectory.JSON.writeValueAsString(all));
            }
            if (computed == 0) {
                System.err.println("vaesim: no market of " + dir + " has enough returns from epoch " + first
                        + " for its facts");
                return VaesimCli.EXIT_BAD_INPUT;
            }
            return 0;
        } catch (ConfigException e) {
            System.err.println("vaesim: " + e.getMessage());
            return VaesimCli.EXIT_BAD_INPUT;
        }
    }
}

package org.vaesim.host.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vaesim.host.run.RunAudit;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.safety.AuditKey;
import org.vaesim.host.safety.AuditLog;
import org.vaesim.host.safety.AuditVerifier;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "audit", description = "Check or read a run's hash-chained audit log (audit.jsonl).",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Agent.class})
final class AuditCommand {

    @Command(name = "verify", description = "Check the hash chain and its anchors (summary.json, checkpoints); exit 0"
            + " if intact and anchored, 1 naming the first bad record or what does not match, 2 if there is no log.")
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A directory written by `vaesim run`")
        Path dir;

        @Mixin
        AuditKeyOption auditKey;

        @Override
        public Integer call() throws IOException {
            Path file = dir.resolve(AuditLog.FILE);
            if (!Files.isRegularFile(file)) {
                System.err.println("vaesim: " + dir + ": no " + AuditLog.FILE + " (is it a run directory?)");
                return VaesimCli.EXIT_BAD_INPUT;
            }
            AuditKey key;
            try {
                key = auditKey.key(dir);
            } catch (ConfigException e) {
                System.err.println("vaesim: " + e.getMessage());
                return VaesimCli.EXIT_BAD_INPUT;
            }
            RunAudit.Report report = RunAudit.check(dir, key);
            AuditVerifier.Result r = report.chain();
            if (r.incompleteTail()) {
                System.out.println(file + ": the last line is incomplete (the run was killed while writing it); "
                        + "it is ignored");
            }
            report.notes().forEach(n -> System.out.println(file + ": note: " + n));
            if (!report.ok()) {
                String at = report.badLine() > 0 ? " at line " + report.badLine() + " (record " + (report.badLine() - 1)
                        + ")" : "";
                System.out.println(file + ": BROKEN" + at + ": " + report.problem() + (r.valid() ? ""
                        : "; the " + r.records() + " records before it verify"));
                return VaesimCli.EXIT_FAILED;
            }
            RunAudit.Anchor used = report.used();
            System.out.println(file + ": intact, " + r.records() + " records, head " + r.head() + "; anchored by "
                    + used.source() + " at " + used.anchor().records() + " records"
                    + (report.unanchored() == 0 ? "" : "; the " + RunAudit.records(report.unanchored()) + " after it "
                    + "are chained but not anchored (the run stopped after writing them)")
                    + (!r.keyed() ? "; not keyed" : r.macsChecked() ? "; every MAC verifies under the key"
                    : "; keyed, but its MACs were not checked (no key given)"));
            return 0;
        }
    }

    @Command(name = "agent", description = "One agent's identity and every audit record about it or its market.")
    static final class Agent implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A directory written by `vaesim run`")
        Path dir;

        @Parameters(index = "1", paramLabel = "ID", description = "Agent index (0-based), as in audit records")
        int id;

        @Override
        public Integer call() throws IOException {
            RunDirectory run = new RunDirectory(dir);
            Path file = run.audit();
            Scenario scenario;
            try {
                scenario = ScenarioLoader.load(run.scenario());
            } catch (ConfigException e) {
                Options.printErrors(e, System.err);
                return VaesimCli.EXIT_BAD_INPUT;
            }
            Layout layout = new Layout(scenario);
            if (id < 0 || id >= layout.agents() || !Files.isRegularFile(file)) {
                System.err.println("vaesim: " + dir + ": agent " + id + " is not in this run (agents 0.."
                        + (layout.agents() - 1) + ") or the run has no audit log");
                return VaesimCli.EXIT_BAD_INPUT;
            }
            Segment s = layout.segments().stream().filter(x -> id >= x.start() && id < x.end()).findFirst()
                    .orElseThrow();
            String market = scenario.markets().get(s.market()).name();
            System.out.printf("agent %d: cohort %s (%s), market %s, agents %d..%d of that cohort%n", id,
                    s.cohort().name(), s.cohort().family().jsonName(), market, s.start(), s.end() - 1);
            int shown = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode r = RunDirectory.JSON.readTree(line);
                boolean aboutAgent = r.has("agents_from") && id >= r.get("agents_from").asInt()
                        && id < r.get("agents_to").asInt();
                boolean aboutMarket = market.equals(r.path("market").asText(null));
                if (aboutAgent || aboutMarket || "market_wide_halt".equals(r.path("type").asText())) {
                    System.out.println(line);
                    shown++;
                }
            }
            System.out.println(shown + " records");
            return 0;
        }
    }
}

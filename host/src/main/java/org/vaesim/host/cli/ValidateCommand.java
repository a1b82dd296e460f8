package org.vaesim.host.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.SetupWarnings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", description = "Check a scenario file without running it: every error (exit 2), or a "
        + "description and any likely-dead set-up as a warning (exit 0).")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "Scenario file (JSON)")
    Path config;

    @Override
    public Integer call() {
        try {
            Scenario s = Scenarios.load(config);
            System.out.printf("%s: valid: scenario %s, %,d agents in %d cohorts, %d markets, %d epochs, %d events%n",
                    config, s.name(), s.agentCount(), s.cohorts().size(), s.markets().size(), s.epochs(),
                    s.events().size());
            for (SetupWarnings.Warning w : SetupWarnings.of(s)) {
                System.err.println("vaesim: warning: " + config + ": " + w.path() + ": " + w.message());
            }
            return 0;
        } catch (ConfigException e) {
            Options.printErrors(e, System.err);
            return VaesimCli.EXIT_BAD_INPUT;
        }
    }
}

package org.vaesim.host.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", description = "Check a scenario file without running it (exit 0 valid, 2 invalid).")
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
            return 0;
        } catch (ConfigException e) {
            System.err.println("vaesim: " + e.getMessage());
            return VaesimCli.EXIT_BAD_INPUT;
        }
    }
}

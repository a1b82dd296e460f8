package org.vaesim.host.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.io.StateDigest;
import org.vaesim.host.metrics.Mobility;
import org.vaesim.host.metrics.WealthHistogram;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.memory.Population;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vaesim parity}: the backend-parity check of the test suite, for a machine that has the runnable jar but
 * not the build (a GPU machine): each scenario runs on java and on a device backend in lockstep, and every few
 * epochs both metrics passes run on both and the complete state checksums are compared.
 */
@Command(name = "parity", description = "Run scenarios on java and on a device backend (opencl or cuda) in"
        + " lockstep and compare their complete state every few epochs (exit 0 identical, 1 a difference, 2 bad"
        + " input).")
final class ParityCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "CONFIG", description = "Scenario files (JSON)")
    List<Path> configs;

    @Option(names = "--backend", paramLabel = "B", defaultValue = "auto",
            description = "The device backend to compare with java: opencl, cuda or auto (default: ${DEFAULT-VALUE})")
    String backend;

    @Option(names = "--epochs", paramLabel = "N", description = "Override each scenario's epoch count")
    Integer epochs;

    @Option(names = "--every", paramLabel = "K", defaultValue = "10",
            description = "Compare after every K epochs and after the last (default: ${DEFAULT-VALUE})")
    int every;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads of the java run (default: all cores)")
    Integer threads;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON")
    Path json;

    @Override
    public Integer call() throws IOException {
        String device;
        List<Scenario> scenarios = new ArrayList<>();
        try {
            device = Options.backend(backend);
            if (device.equals(Backends.JAVA)) {
                throw new ConfigException("--backend", "--backend", backend, "resolves to java here; parity compares"
                        + " java with a device backend (opencl or cuda), and none can run here: see vaesim backends");
            }
            Options.checkThreads(threads, System.err);
            if (every < 1) {
                throw new ConfigException("--every", "--every", Integer.toString(every), "must be at least 1");
            }
            if (epochs != null && epochs < 1) {
                throw new ConfigException("--epochs", "--epochs", epochs.toString(), "must be at least 1");
            }
            for (Path config : configs) {
                Scenario s = Scenarios.load(config);
                scenarios.add(epochs != null ? s.withEpochs(epochs) : s);
            }
        } catch (ConfigException e) {
            Options.printErrors(e, System.err);
            return VaesimCli.EXIT_BAD_INPUT;
        }
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        List<Map<String, Object>> results = new ArrayList<>();
        String deviceName = null;
        boolean allSame = true;
        for (int k = 0; k < scenarios.size(); k++) {
            Map<String, Object> r = compare(configs.get(k), scenarios.get(k), device, t);
            deviceName = (String) r.remove("device_name");
            allSame &= (Boolean) r.get("identical");
            results.add(r);
            System.out.println(line(r, device));
        }
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "vaesim parity");
            doc.put("backend", device);
            doc.put("device", deviceName);
            doc.put("java_threads", t);
            doc.put("every", every);
            doc.put("identical", allSame);
            doc.put("scenarios", results);
            RunDirectory.JSON.writeValue(json.toFile(), doc);
        }
        return allSame ? 0 : VaesimCli.EXIT_FAILED;
    }

    private Map<String, Object> compare(Path config, Scenario s, String device, int t) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("config", config.toString());
        r.put("scenario", s.name());
        r.put("agents", s.agentCount());
        long javaNanos = 0;
        long deviceNanos = 0;
        int checks = 0;
        String difference = null;
        String checksum = null;
        try (Engine java = Engine.start(s, Backends.JAVA, t); Engine dev = Engine.start(s, device, 0)) {
            r.put("device_name", dev.backend().device());
            while (!java.finished() && difference == null) {
                long a = System.nanoTime();
                java.step();
                long b = System.nanoTime();
                dev.step();
                long c = System.nanoTime();
                javaNanos += b - a;
                deviceNanos += c - b;
                if (java.epoch() % every == 0 || java.finished()) {
                    checks++;
                    difference = differenceOf(java, dev);
                    checksum = StateDigest.of(java);
                    if (difference == null && !checksum.equals(StateDigest.of(dev))) {
                        difference = "the state checksums differ after epoch " + java.epoch() + ": "
                                + firstDifference(java.population(), dev.population(), device);
                    }
                }
            }
            r.put("epochs", java.epoch());
        }
        r.put("checks", checks);
        r.put("identical", difference == null);
        r.put("state_checksum", difference == null ? checksum : null);
        r.put("first_difference", difference);
        r.put("java_seconds", javaNanos / 1e9);
        r.put("device_seconds", deviceNanos / 1e9);
        return r;
    }

    /** Both metrics passes on both engines; the first thing that differs, or null. */
    private static String differenceOf(Engine java, Engine dev) {
        WealthHistogram a = WealthHistogram.sample(java);
        WealthHistogram b = WealthHistogram.sample(dev);
        if (!Arrays.equals(a.slots(), b.slots()) || a.cash() != b.cash()) {
            return "the wealth histograms differ after epoch " + java.epoch();
        }
        Mobility ma = Mobility.sample(java, a);
        Mobility mb = Mobility.sample(dev, b);
        if ((ma == null) != (mb == null) || ma != null && !Arrays.equals(ma.transitions(), mb.transitions())) {
            return "the rank-mobility matrices differ after epoch " + java.epoch();
        }
        return null;
    }

    private static String firstDifference(Population p, Population q, String device) {
        String[] names = {"cash", "inventory", "quota", "status", "tokens", "reputation", "bidTick", "bidQty",
            "askTick", "askQty"};
        Object[][] columns = {{p.cash, q.cash}, {p.inventory, q.inventory}, {p.quota, q.quota},
            {p.status, q.status}, {p.tokens, q.tokens}, {p.reputation, q.reputation}, {p.bidTick, q.bidTick},
            {p.bidQty, q.bidQty}, {p.askTick, q.askTick}, {p.askQty, q.askQty}};
        for (int c = 0; c < names.length; c++) {
            for (int i = 0; i < p.size; i++) {
                long x = columns[c][0] instanceof long[] l ? l[i] : ((int[]) columns[c][0])[i];
                long y = columns[c][1] instanceof long[] l ? l[i] : ((int[]) columns[c][1])[i];
                if (x != y) {
                    return names[c] + "[" + i + "]: java " + x + ", " + device + " " + y;
                }
            }
        }
        return Arrays.equals(p.decile, q.decile) ? "the populations agree; the market state differs" : "deciles";
    }

    private static String line(Map<String, Object> r, String device) {
        if ((Boolean) r.get("identical")) {
            return String.format(Locale.ROOT, "%s: %,d agents, %d epochs: java and %s identical at %d checks"
                    + " (state %s); java %.2f s, %s %.2f s", r.get("config"), (Long) r.get("agents"),
                    (Integer) r.get("epochs"), device, (Integer) r.get("checks"),
                    ((String) r.get("state_checksum")).substring(0, 16), (Double) r.get("java_seconds"), device,
                    (Double) r.get("device_seconds"));
        }
        return String.format(Locale.ROOT, "%s: DIFFERENT: %s", r.get("config"), r.get("first_difference"));
    }
}

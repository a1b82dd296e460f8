package org.vaesim.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.vaesim.host.Fixtures;
import org.vaesim.host.ParquetTables;
import org.vaesim.host.Require;
import org.vaesim.kernels.cuda.CudaDevice;

/** The commands as a user runs them: exit codes and messages, never a stack trace for bad input. */
class CliTest {

    record Result(int exit, String out, String err) {
    }

    static synchronized Result vaesim(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = VaesimCli.commandLine().execute(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /**
     * Every scenario in configs/ and its subfolders (configs/quadrants/, say), as paths relative to configs/; sweep
     * files, in configs/sweeps/, are checked by {@link #shippedSweepsAreValid}.
     */
    static Stream<String> shippedConfigs() throws IOException {
        try (Stream<Path> files = Files.walk(Fixtures.CONFIGS)) {
            List<String> names = files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .map(f -> Fixtures.CONFIGS.relativize(f).toString().replace('\\', '/'))
                    .filter(n -> !n.startsWith("sweeps/")).sorted().toList();
            assertTrue(names.size() >= 10, "configs/ holds the shipped scenarios: " + names);
            assertTrue(names.containsAll(List.of("quadrants/intentional-impermeable.json",
                    "quadrants/intentional-permeable.json", "quadrants/emergent-impermeable.json",
                    "quadrants/emergent-permeable.json")), "the paper's four quadrants are shipped: " + names);
            return names.stream();
        }
    }

    /** Every sweep file in configs/sweeps/. */
    static Stream<String> shippedSweeps() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.CONFIGS.resolve("sweeps"))) {
            return files.map(f -> "sweeps/" + f.getFileName()).filter(n -> n.endsWith(".json")).sorted().toList()
                    .stream();
        }
    }

    /** A sweep file loads, and every point of its grid is a valid scenario (SweepSpec validates them all). */
    @ParameterizedTest
    @MethodSource("shippedSweeps")
    void shippedSweepsAreValid(String name) throws Exception {
        var spec = org.vaesim.host.experiment.SweepSpec.load(Fixtures.config(name));
        assertFalse(spec.points().isEmpty(), name);
    }

    /**
     * Bad edits of a permeable quadrant's gateway (the value at a JSON pointer replaced): exit 2, naming the file,
     * the JSON path, the bad value and what is allowed.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/gateway/cap_per_epoch|-1|$.gateway.cap_per_epoch = -1|must be an amount of credits from 0 to",
        "/gateway/cap_per_principal|1e15|$.gateway.cap_per_principal = 1000000000000000"
                + "|(the economy's agent currency: the agents' cash and offshore_agent_currency)",
        "/gateway/markets/0/market|\"gpu\"|$.gateway.markets[0].market = \"gpu\"|must name a market, one of"
                + " \"compute\", \"data\"",
        "/gateway/allowed_resources/0|\"agent_time\"|$.gateway.allowed_resources[0] = \"agent_time\""
                + "|no market of this scenario trades it; must be a resource some market trades, one of \"compute\", \"data\"",
        "/gateway/brokers/0/cohort|\"hft\"|$.gateway.brokers[0].cohort = \"hft\"|allowed: a fundamentalist cohort"
                + " trading a linked market: \"value\", \"offshore\"",
    })
    void badGatewayConfigIsRejectedWithFilePathAndWhatIsAllowed(String pointer, String value, String where,
                                                                String allowed, @TempDir Path tmp) throws Exception {
        var tree = Fixtures.tree("quadrants/intentional-permeable.json");
        var at = com.fasterxml.jackson.core.JsonPointer.compile(pointer);
        var parent = tree.at(at.head());
        var replacement = new com.fasterxml.jackson.databind.ObjectMapper().readTree(value);
        if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            a.set(Integer.parseInt(at.last().getMatchingProperty()), replacement);
        } else {
            ((com.fasterxml.jackson.databind.node.ObjectNode) parent).set(at.last().getMatchingProperty(), replacement);
        }
        Path bad = Fixtures.write(tmp, "bad-gateway.json", tree);
        Result r = vaesim("validate", bad.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(bad + ": " + where + ": "), r.err());
        assertTrue(r.err().contains(allowed), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    /**
     * Bad edits of the shipped mission config: a budget that does not cover a round at the reserve, tasks no
     * agent is eligible for, a tax on a market without fees. Exit 2, naming the file, the JSON path and what is
     * allowed.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"budget\": 40000,|\"budget\": 12000,|$.missions[0].budget|does not cover one round's 2500 tasks at the"
                + " reserve price 5 (12500 credits)",
        "\"cost_min\": 0.50, \"cost_max\": 2.50|\"cost_min\": 5.50, \"cost_max\": 6.50"
                + "|$.missions[0].bidders[0].cost_min|no agent of cohort \"swarm\" could ever ask a price the mission"
                + " accepts",
        "\"capability_min\": 0.90, \"capability_max\": 0.99|\"capability_min\": 0.90, \"capability_max\": 0.95},"
                + " {\"cohort\": \"agency\", \"cost_min\": 1, \"cost_max\": 2, \"capability_min\": 0.1,"
                + " \"capability_max\": 0.2|$.missions[0].bidders[4].capability_max|below the mission's min_capability",
        "\"policy\": {},|\"policy\": {\"tax\": {\"fee_share\": 0.5}}, \"sponsor\": {\"type\": \"external\"},"
                + "|$.missions[0].sponsor|each field may appear only once per object",
    })
    void badMissionConfigIsRejectedWithFilePathAndWhatIsAllowed(String original, String replacement, String path,
                                                                String allowed, @TempDir Path tmp) throws Exception {
        String json = Files.readString(Fixtures.config("mission-economy.json"));
        assertTrue(json.contains(original), "fixture text present: " + original);
        String edited = json.replaceFirst(java.util.regex.Pattern.quote(original),
                java.util.regex.Matcher.quoteReplacement(replacement));
        if (path.endsWith("capability_max")) { // with a floor the agency's agents do not reach
            edited = edited.replace("\"advance\": 0.2,", "\"advance\": 0.2, \"min_capability\": 0.3,");
        }
        Path bad = tmp.resolve("bad-mission.json");
        Files.writeString(bad, edited);
        Result r = vaesim("validate", bad.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(bad + ": " + path + " = "), r.err());
        assertTrue(r.err().contains(allowed), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void missingFileIsABadInput() {
        Result r = vaesim("validate", "no/such/file.json");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no/such/file.json"), r.err());
    }

    @Test
    void populationLargerThanTheHeapIsRejectedBeforeAllocating(@TempDir Path tmp) throws Exception {
        var tree = Fixtures.tree("quickstart.json");
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.withArray("population").get(0)).put("count", 1_900_000_000);
        Path big = Fixtures.write(tmp, "big.json", tree);
        Result r = vaesim("validate", big.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("$.population") && r.err().contains("heap"), r.err());
    }

    @ParameterizedTest
    @CsvSource({"--backend,tpu", "--threads,0", "--epochs,0"})
    void badOptionValuesAreBadInput(String option, String value, @TempDir Path tmp) {
        Result r = vaesim("run", Fixtures.config("quickstart.json").toString(), option, value,
                "--out", tmp.resolve("o").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(option), r.err());
    }

    /** Without a CUDA device, --backend cuda is bad input that says why (the driver search's reason). */
    @Test
    void cudaWithoutACudaDeviceIsBadInputSayingWhy(@TempDir Path tmp) {
        CudaDevice.Search cuda = CudaDevice.find();
        assumeFalse(cuda.found(), "this machine has a CUDA device");
        Result r = vaesim("run", Fixtures.config("quickstart.json").toString(), "--backend", "cuda",
                "--out", tmp.resolve("o").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--backend") && r.err().contains("the cuda backend cannot run here: "
                + cuda.reason()), r.err());
    }

    /** parity: lockstep java against the opencl backend, identical (skipped without an OpenCL device). */
    @Test
    void parityComparesJavaWithADeviceBackend(@TempDir Path tmp) throws Exception {
        Require.backend("opencl");
        Path json = tmp.resolve("parity.json");
        Result r = vaesim("parity", "--backend", "opencl", "--epochs", "12", "--every", "5", "--json",
                json.toString(), Fixtures.config("quickstart.json").toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("12 epochs: java and opencl identical at 3 checks"), r.out());
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertTrue(doc.get("identical").asBoolean());
        assertEquals(64, doc.get("scenarios").get(0).get("state_checksum").asText().length());
    }

    /** parity needs a device backend: java, or a device that cannot run here, is bad input that says why. */
    @Test
    void parityWithoutADeviceBackendSaysWhy() {
        Result java = vaesim("parity", "--backend", "java", Fixtures.config("quickstart.json").toString());
        assertEquals(2, java.exit());
        assertTrue(java.err().contains("parity compares java with a device backend"), java.err());
        if (!CudaDevice.find().found()) {
            Result cuda = vaesim("parity", "--backend", "cuda", Fixtures.config("quickstart.json").toString());
            assertEquals(2, cuda.exit());
            assertTrue(cuda.err().contains(CudaDevice.find().reason()), cuda.err());
        }
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(2, vaesim("run", "x.json", "--frobnicate").exit());
    }

    /** No arguments: the list of commands, on stderr, exit 2; no picocli warning (an unescaped % once gave one). */
    @Test
    void noArgumentsListsTheCommandsWithoutAWarning() {
        Result r = vaesim();
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("Usage: vaesim [-hV] [COMMAND]"), r.err());
        assertTrue(r.err().contains("(mean and 95% CI)"), r.err());
        assertFalse(r.err().contains("WARN"), r.err());
    }

    /** A typo: what was wrong and what was meant, the short usage and where help is, not the whole help text. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rnu|vaesim: unknown command 'rnu'; did you mean 'run'?|Commands: run, resume, validate,",
        "run x.json --epoch 5|vaesim run: unknown option '--epoch'; did you mean '--epochs'?|Usage: vaesim run [-hV]",
        "audit verfy|vaesim audit: unknown command 'verfy'; did you mean 'verify'?|Commands: verify, agent",
        "validate a.json b.json|vaesim validate: unexpected argument 'b.json'|Usage: vaesim validate [-hV] CONFIG",
        "run|vaesim run: Missing required parameter: 'CONFIG'|Usage: vaesim run [-hV]",
    })
    void aTypoGetsWhatWasMeantAndAShortUsage(String args, String first, String usage) {
        Result r = vaesim(args.split(" "));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith(first + System.lineSeparator() + usage), r.err());
        assertTrue(r.err().contains("for more information."), r.err());
        assertFalse(r.err().contains("Show this help message"), r.err());
    }

    /** `vaesim help [COMMAND...]` prints what --help prints; an unknown command is a usage error. */
    @Test
    void helpShowsTheHelpOfACommand() {
        Result r = vaesim("help", "audit", "verify");
        assertEquals(0, r.exit(), r.err());
        assertEquals(vaesim("audit", "verify", "--help").out(), r.out());
        Result typo = vaesim("help", "audti");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().startsWith("vaesim: unknown command 'audti'; did you mean 'audit'?"), typo.err());
    }

    /** A relative scenario path that does not exist: the error suggests the file in the repository's configs/. */
    @ParameterizedTest
    @CsvSource({"quickstart.json,quickstart.json", "configs/quickstar.json,quickstart.json",
        "emergent-permeable.json,quadrants/emergent-permeable.json", "flash-crash,flash-crash.json"})
    void aConfigThatIsNotFoundGetsAHintAtConfigs(String given, String meant) {
        Result r = vaesim("validate", given);
        assertEquals(2, r.exit(), r.err());
        Path expected = Fixtures.config(meant).toAbsolutePath().normalize();
        assertTrue(r.err().contains(given + ": $ = (no such file): must be a regular, readable file of JSON in UTF-8"
                + " of at most 64 MiB (67108864 bytes); did you mean " + expected + "?"), r.err());
        Result none = vaesim("validate", "my-economy.json");
        assertFalse(none.err().contains("did you mean"), "nothing is close: " + none.err());
    }

    /** --threads above the core count runs, with a note; the output directory is printed absolute. */
    @Test
    void moreThreadsThanCoresGetANoteAndOutputPathsAreAbsolute(@TempDir Path tmp) {
        int cores = Runtime.getRuntime().availableProcessors();
        Path relative = Path.of("").toAbsolutePath().relativize(tmp.resolve("run"));
        Result r = vaesim("run", Fixtures.config("quickstart.json").toString(), "--epochs", "2", "--quiet",
                "--no-parquet", "--threads", Integer.toString(cores + 1), "--out", relative.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("vaesim: note: --threads " + (cores + 1) + " is more than the " + cores
                + " cores"), r.err());
        Path abs = tmp.resolve("run").toAbsolutePath().normalize();
        assertTrue(r.err().contains("threads -> " + abs + System.lineSeparator()), r.err());
        assertTrue(r.err().contains("vaesim: outputs in " + abs + " ("), r.err());
    }

    @Test
    void resumeOfSomethingThatIsNotARunIsBadInput(@TempDir Path tmp) {
        Result r = vaesim("resume", tmp.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("run.json"), r.err());
    }

    @Test
    void runWritesOutputsAndPrintsPlainProgressWhenNotOnATerminal(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        Result r = vaesim("run", Fixtures.config("quickstart.json").toString(), "--epochs", "12", "--seed", "9",
                "--threads", "2", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("epoch 12/12 (100%)"), r.err());
        assertTrue(r.err().contains("state_checksum"), r.err());
        for (String f : new String[] {"summary.json", "metrics.csv", "metrics.parquet", "epoch-times.hlog",
            "scenario.json", "run.json"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        assertTrue(r.err().contains("metrics.parquet"), r.err());
    }

    @Test
    void aFailedParquetExportStillExitsZeroAndWarnsOnStderr(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        // An earlier run, replaced with --force, which removes only a run's files: the directory stays in the way.
        Result first = vaesim("run", Fixtures.config("quickstart.json").toString(), "--epochs", "1", "--quiet",
                "--no-parquet", "--out", out.toString());
        assertEquals(0, first.exit(), first.err());
        Files.createDirectories(out.resolve("metrics.parquet").resolve("in-the-way"));
        Result r = vaesim("run", Fixtures.config("quickstart.json").toString(), "--epochs", "6", "--quiet",
                "--out", out.toString(), "--force");
        assertEquals(0, r.exit(), "the run is complete and metrics.csv whole: " + r.err());
        assertTrue(r.err().contains("vaesim: warning: metrics.parquet was not written"), r.err());
        assertTrue(r.err().contains("vaesim: complete; state_checksum"), r.err());
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"status\" : \"failed\""), summary);
    }

    @Test
    void noParquetOnRunAndResumeWritesNoneAndALaterResumeWritesEveryEpochOnce(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        Result run = vaesim("run", Fixtures.config("quickstart.json").toString(), "--epochs", "6", "--quiet",
                "--no-parquet", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertFalse(Files.exists(out.resolve("metrics.parquet")));
        assertFalse(run.err().contains("metrics.parquet"), run.err());

        assertEquals(0, vaesim("resume", out.toString(), "--epochs", "12", "--quiet").exit());
        assertTrue(Files.exists(out.resolve("metrics.parquet")), "resume writes it unless told not to");
        Result off = vaesim("resume", out.toString(), "--epochs", "18", "--quiet", "--no-parquet");
        assertEquals(0, off.exit(), off.err());
        assertFalse(Files.exists(out.resolve("metrics.parquet")), "an earlier one is gone: it would be stale");

        assertEquals(0, vaesim("resume", out.toString(), "--epochs", "24", "--quiet").exit());
        ParquetTables.Table t = ParquetTables.read(out.resolve("metrics.parquet"));
        List<Object> epochs = t.rows().stream().map(row -> row.get(t.column("epoch"))).toList();
        assertEquals(List.of(6, 10, 12, 18, 20, 24), epochs, "each session's end and every 10th epoch, once");
        ParquetTables.assertSameRows(out.resolve("metrics.csv"), t);
    }

    @Test
    void backendsListsEveryBackendAndWhetherItIsUsable() {
        Result r = vaesim("backends");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("java") && r.out().contains("opencl") && r.out().contains("cuda"), r.out());
        assertTrue(r.out().contains("auto picks cuda, then opencl on a GPU, then java: here, "), r.out());
        CudaDevice.Search cuda = CudaDevice.find();
        if (!cuda.found()) {
            assertTrue(r.out().lines().anyMatch(l -> l.matches("cuda +no +" + java.util.regex.Pattern.quote(
                    cuda.reason()))), "cuda is listed as unusable, with why: " + r.out());
        }
    }

    @Test
    void auditVerifySaysIntactThenNamesTheTamperedRecord(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        assertEquals(0, vaesim("run", Fixtures.config("flash-crash.json").toString(), "--epochs", "30", "--out",
                out.toString(), "--quiet").exit());
        Result ok = vaesim("audit", "verify", out.toString());
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("intact"), ok.out());
        java.util.List<String> lines = Files.readAllLines(out.resolve("audit.jsonl"));
        lines.set(10, lines.get(10).replace("\"epoch\":9", "\"epoch\":8"));
        Files.write(out.resolve("audit.jsonl"), lines);
        Result broken = vaesim("audit", "verify", out.toString());
        assertEquals(1, broken.exit());
        assertTrue(broken.out().contains("BROKEN at line 11"), broken.out());
        assertEquals(2, vaesim("audit", "verify", tmp.toString()).exit(), "no audit log there");
        Result agent = vaesim("audit", "agent", out.toString(), "25000");
        assertEquals(0, agent.exit(), agent.err());
        assertTrue(agent.out().startsWith("agent 25000: cohort seller (execution), market asset"), agent.out());
    }
}

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

    /** Every scenario in configs/ (sweep files, in configs/sweeps/, have their own tests). */
    static Stream<String> shippedConfigs() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.CONFIGS)) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .sorted().toList();
            assertTrue(names.size() >= 10, "configs/ holds the shipped scenarios: " + names);
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedConfigs")
    void shippedConfigsAreValid(String name) {
        Result r = vaesim("validate", Fixtures.config(name).toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("valid"), r.out());
    }

    /** Each bad edit of quickstart.json is rejected with exit 2, naming the file, the path and the value. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"ticks\": 2000, \"initial_price\": 10.00|\"ticks\": 2000, \"initial_price\": 10.005|$.markets[0].initial_price|10.005",
        "\"count\": 10000, \"cash\": 1000,|\"count\": -5, \"cash\": 1000,|$.population[0].count|-5",
        "\"strategy\": \"zi-u\"|\"strategy\": \"zi-x\"|$.population[2].strategy|zi-x",
        "\"fee_bps\": 2 }|\"fee_bps\": 2, \"colour\": 1 }|$.markets[3].colour|1",
        "\"reaction\": 0.05, \"max_qty\": 5|\"reaction\": NaN, \"max_qty\": 5|$.population[6].params.reaction|NaN",
        "\"epochs\": 300|\"epochs\": \"many\"|$.epochs|many",
    })
    void badConfigIsRejectedWithFilePathAndValue(String original, String replacement, String path, String value,
                                                 @TempDir Path tmp) throws Exception {
        String json = Files.readString(Fixtures.config("quickstart.json"));
        assertTrue(json.contains(original), "fixture text present: " + original);
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, json.replace(original, replacement));
        for (Result r : new Result[] {vaesim("validate", bad.toString()),
                vaesim("run", bad.toString(), "--out", tmp.resolve("o").toString())}) {
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains(bad.toString()), r.err());
            assertTrue(r.err().contains(path), r.err());
            assertTrue(r.err().contains(value), r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
        }
        assertFalse(Files.exists(tmp.resolve("o")), "nothing is written for a rejected config");
    }

    /** Bad edits of the shipped auction config: exit 2, naming the file, the JSON path and what is allowed. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\": \"uniform_price\"}|{\"type\": \"equal_endowment\", \"budget\": 0.4}"
                + "|$.resource_auctions[0].mechanism.budget|does not cover the reserve price of one unit",
        "\"scope\": {\"spend_limit\": 4}}|\"scope\": {\"spend_limit\": 0.25}}"
                + "|$.resource_auctions[0].bidders[3].cohort|less than the reserve price 0.5 of one unit",
        "{\"type\": \"uniform_price\"}|{\"type\": \"principal_cap\", \"max_share\": 1.5}"
                + "|$.resource_auctions[0].mechanism.max_share|must be a finite number in (0, 1)",
        "\"small_principal_agents\": 1000,|\"small_principal_agents\": 10,"
                + "|$.resource_auctions[0].bidders|no small principal",
    })
    void badAuctionConfigIsRejectedWithFilePathAndWhatIsAllowed(String original, String replacement, String path,
                                                                String allowed, @TempDir Path tmp) throws Exception {
        String json = Files.readString(Fixtures.config("fair-compute-auction.json"));
        assertTrue(json.contains(original), "fixture text present: " + original);
        String edited = json.replaceFirst(java.util.regex.Pattern.quote(original),
                java.util.regex.Matcher.quoteReplacement(replacement));
        if (path.endsWith(".bidders")) { // a reserve with a threshold no startup meets
            edited = edited.replace("{\"type\": \"uniform_price\"}", "{\"type\": \"reserved_share\", \"share\": 0.2}");
        }
        Path bad = tmp.resolve("bad-auction.json");
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

    /** parity: lockstep java against the device backend; identical on PoCL here, bad input without a device. */
    @Test
    void parityComparesJavaWithADeviceBackendAndSaysWhenItCannot(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("parity.json");
        if (org.vaesim.kernels.opencl.OpenClDevice.find(false).found()) {
            Result r = vaesim("parity", "--backend", "opencl", "--epochs", "12", "--every", "5", "--json",
                    json.toString(), Fixtures.config("quickstart.json").toString());
            assertEquals(0, r.exit(), r.err() + r.out());
            assertTrue(r.out().contains("12 epochs: java and opencl identical at 3 checks"), r.out());
            var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
            assertTrue(doc.get("identical").asBoolean());
            assertEquals(64, doc.get("scenarios").get(0).get("state_checksum").asText().length());
        }
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
        Files.createDirectories(out.resolve("metrics.parquet").resolve("in-the-way"));
        Result r = vaesim("run", Fixtures.config("quickstart.json").toString(), "--epochs", "6", "--quiet",
                "--out", out.toString());
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

package org.vaesim.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.cli.VaesimCli;

import picocli.CommandLine;

class BenchCommandTest {
    @Test
    void runsTinyBenchAndWritesEveryNumberAsJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        CommandLine cl = VaesimCli.commandLine().addSubcommand("bench", new BenchCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("bench", "--agents", "20000", "--epochs", "3", "--warmup", "1", "--threads", "2",
                "--naive-agents", "2000", "--stream-mb", "16", "--json", json.toString());
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("roofline"), out.toString());
        assertTrue(out.toString().contains("speedup vs naive"), out.toString());

        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals("vaesim bench --agents 20000 --epochs 3 --warmup 1 --threads 2 --naive-agents 2000"
                + " --stream-mb 16 --json " + json, j.get("command").asText());
        for (String key : new String[] {"cores", "os", "jvm", "cpu_model"}) {
            assertTrue(j.get("machine").has(key), "machine." + key);
        }
        assertEquals(20000, j.get("engine").get("agents").asInt());
        assertEquals(3, j.get("engine").get("epochs").asInt());
        assertTrue(j.get("engine").get("agent_epochs_per_s").asDouble() > 0);
        assertTrue(j.get("engine").get("epoch_ms").has("p50"));
        assertTrue(j.get("engine").get("epoch_ms").has("p99"));
        assertTrue(j.get("stream_triad").get("bytes_per_s").asDouble() > 0);
        assertEquals(24, j.get("stream_triad").get("bytes_per_element").asInt());
        assertEquals(84, j.get("bytes_per_agent_epoch").get("total").asInt());
        assertTrue(j.get("roofline").get("agent_epochs_per_s").asDouble() > 0);
        assertTrue(j.get("roofline").get("achieved_fraction").asDouble() > 0);
        assertEquals(2000, j.get("naive").get("agents").asInt());
        assertTrue(j.get("naive").get("extrapolated").asBoolean());
        assertTrue(j.get("speedup_vs_naive").asDouble() > 0);
        assertFalse(j.get("engine_1_thread").isNull());
    }

    @Test
    void refusesTooFewAgentsAsBadInput() {
        CommandLine cl = VaesimCli.commandLine().addSubcommand("bench", new BenchCommand());
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(2, cl.execute("bench", "--agents", "10"));
    }
}

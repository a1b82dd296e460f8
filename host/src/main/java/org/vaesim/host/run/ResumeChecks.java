package org.vaesim.host.run;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.vaesim.host.io.CheckpointFile;
import org.vaesim.host.io.CheckpointStore;
import org.vaesim.host.safety.AuditKey;
import org.vaesim.host.safety.AuditLog;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.ScenarioLoader;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@code vaesim resume} checks before it writes anything (docs/outputs.md#checkpoints): it starts from a whole
 * checkpoint, the newest, or else the newest whole one after damaged ones, which it reports; and that checkpoint,
 * run.json's seed, scenario.json, the audit key and the audit log all belong to one run. Any mismatch is bad input
 * (exit 2) that says what differs.
 */
final class ResumeChecks {
    private ResumeChecks() {
    }

    /**
     * The checkpoint to resume {@code run} from, whose settings are {@code settings} and whose scenario.json is
     * {@code scenario} now, with the audit {@code key} (null for none).
     */
    static CheckpointFile.Verified check(RunDirectory run, RunDirectory.RunSettings settings, byte[] scenario,
                                         AuditKey key, PrintStream log) throws IOException, ConfigException {
        CheckpointFile.Verified from = newestWhole(run, log);
        String name = "checkpoints/" + from.file().getFileName();
        if (from.keyed() && key == null) {
            throw new ConfigException("--audit-key-file", "--audit-key-file", "(none)", "the run's audit log is keyed: "
                    + "give its key with --audit-key-file or $" + AuditKey.ENV);
        }
        if (!from.keyed() && key != null) {
            throw new ConfigException("--audit-key-file", "--audit-key-file", "(a key)", "the run's audit log is not "
                    + "keyed, and a log cannot become keyed midway: resume without a key");
        }
        if (key != null && !from.macVerifies(key)) {
            throw new ConfigException(from.file().toString(), "MAC", "(does not verify)", "the key is not the run's, "
                    + "or the checkpoint was rewritten by someone without it");
        }
        if (settings.seed() != from.seed()) {
            throw new ConfigException(run.settings().toString(), "$.seed", Long.toString(settings.seed()), name
                    + " was written by a run with seed " + from.seed() + ": the checkpoint belongs to another run, or "
                    + "run.json was edited; a run's seed cannot change (start a new run for another seed)");
        }
        if (!Arrays.equals(scenario, from.scenario())) {
            Difference d = difference(from.scenario(), scenario);
            if (d != null) {
                throw new ConfigException(run.scenario().toString(), d.path(), d.now(), "was " + d.was() + " when "
                        + name + " was written; a run's scenario cannot change once it has started (start a new run "
                        + "to try another value)");
            }
            log.println("vaesim: scenario.json was reformatted since " + name + " was written; its content is the "
                    + "same");
        }
        String problem = AuditLog.mismatch(run.audit(), from.audit());
        if (problem != null) {
            throw new ConfigException(run.audit().toString(), "records", "(do not match " + name + ")", problem
                    + "; the log must hold the records the checkpoint anchors (restore it, or start the run again)");
        }
        return from;
    }

    /** The newest checkpoint whose digests match; damaged newer ones are reported on {@code log}. */
    private static CheckpointFile.Verified newestWhole(RunDirectory run, PrintStream log)
            throws IOException, ConfigException {
        List<Path> all = new CheckpointStore(run.dir()).list();
        if (all.isEmpty()) {
            throw new ConfigException(run.dir().toString(), "checkpoints/", "(none)",
                    "the run has no checkpoint to resume from; start it again with `vaesim run`");
        }
        List<String> damaged = new ArrayList<>();
        for (Path file : all.reversed()) {
            try {
                CheckpointFile.Verified v = CheckpointFile.verify(file);
                if (!damaged.isEmpty()) {
                    log.println("vaesim: warning: " + String.join("; ", damaged) + "; resuming from the newest whole"
                            + " checkpoint, " + file.getFileName() + " (the damaged one stays until it is replaced)");
                }
                return v;
            } catch (CheckpointFile.Damaged d) {
                if (d.earlierFormat()) {
                    throw new ConfigException(file.toString(), "format", "(earlier)", d.getMessage().substring(
                            file.toString().length() + 2) + ": start the run again with `vaesim run --force`");
                }
                damaged.add("damaged checkpoint " + d.getMessage());
            }
        }
        throw new ConfigException(all.getLast().toString(), "checkpoint", "(damaged)", "no checkpoint of the run is "
                + "whole (" + String.join("; ", damaged) + "), so it cannot be resumed: start it again with "
                + "`vaesim run --force`");
    }

    /** Where two JSON documents first differ, and the value there in each ("(none)" where one has none). */
    record Difference(String path, String now, String was) {
    }

    /**
     * The first difference between scenario.json as the checkpoint holds it and as it is now; null if none. Both are
     * read as the scenario reader reads them (exact decimals): read as doubles, 17179869184.000001 and
     * 17179869184.000000 would be one value although the run feels the micro-credit.
     */
    static Difference difference(byte[] was, byte[] now) {
        JsonNode a;
        JsonNode b;
        try {
            a = ScenarioLoader.parseTree(new String(was, UTF_8), "checkpoint");
        } catch (ConfigException e) {
            return new Difference("$", "(unchanged?)", "(the checkpoint's copy cannot be read)");
        }
        try {
            b = ScenarioLoader.parseTree(new String(now, UTF_8), "scenario.json");
        } catch (ConfigException e) {
            return new Difference("$", "(not valid JSON)", "valid JSON");
        }
        return difference("$", a, b);
    }

    private static Difference difference(String path, JsonNode was, JsonNode now) {
        if (sameNumber(was, now) || was.equals(now)) {
            return null;
        }
        if (was.isObject() && now.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = was.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String at = path + "." + f.getKey();
                Difference d = now.has(f.getKey()) ? difference(at, f.getValue(), now.get(f.getKey()))
                        : new Difference(at, "(none)", f.getValue().toString());
                if (d != null) {
                    return d;
                }
            }
            for (Iterator<String> it = now.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!was.has(field)) {
                    return new Difference(path + "." + field, now.get(field).toString(), "(none)");
                }
            }
            return null; // field by field the same: numbers written differently, fields in another order
        }
        if (was.isArray() && now.isArray()) {
            for (int i = 0; i < Math.min(was.size(), now.size()); i++) {
                Difference d = difference(path + "[" + i + "]", was.get(i), now.get(i));
                if (d != null) {
                    return d;
                }
            }
            return was.size() == now.size() ? null
                    : new Difference(path, now.size() + " elements", was.size() + " elements");
        }
        return new Difference(path, now.toString(), was.toString());
    }

    /** Two numbers of one value however written (10, 10.0, 1E+1); NaN and infinities only equal themselves. */
    private static boolean sameNumber(JsonNode was, JsonNode now) {
        if (!was.isNumber() || !now.isNumber() || !finite(was) || !finite(now)) {
            return false;
        }
        return was.decimalValue().compareTo(now.decimalValue()) == 0;
    }

    private static boolean finite(JsonNode number) {
        return !(number.isDouble() || number.isFloat()) || Double.isFinite(number.doubleValue());
    }
}

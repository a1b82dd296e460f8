package org.vaesim.host.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.vaesim.host.io.CheckpointFile;
import org.vaesim.host.io.CheckpointStore;
import org.vaesim.host.safety.AuditAnchor;
import org.vaesim.host.safety.AuditKey;
import org.vaesim.host.safety.AuditVerifier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code vaesim audit verify}: a run's audit log checked record by record ({@link AuditVerifier}: the chain, and with
 * the key every record's MAC), then against the anchors the run wrote elsewhere (docs/safety.md#anchors):
 * summary.json's and each checkpoint's record count and head hash. The chain alone cannot show records cut from
 * its end; the anchors can.
 */
public final class RunAudit {
    private RunAudit() {
    }

    /**
     * An anchor and where it was found; {@code finalEnd} when the log must end there (the summary of a run that
     * ended: complete or failed).
     */
    public record Anchor(String source, AuditAnchor anchor, boolean finalEnd, boolean keyed) {
    }

    /**
     * The verdict: {@code ok}, or the {@code problem} and the log's line at fault (0 when no one line is);
     * {@code used}, the newest anchor (null for none) and the {@code unanchored} records after it; {@code notes},
     * what could not be used or checked, and why.
     */
    public record Report(AuditVerifier.Result chain, boolean ok, String problem, long badLine, Anchor used,
                         long unanchored, List<String> notes) {
    }

    /** Checks the run in {@code runDir}, with the audit key when one is given (null otherwise). */
    public static Report check(Path runDir, AuditKey key) throws IOException {
        RunDirectory run = new RunDirectory(runDir);
        List<String> notes = new ArrayList<>();
        List<Anchor> anchors = new ArrayList<>();
        String problem = summaryAnchor(run, key, anchors, notes);
        if (problem == null) {
            problem = checkpointAnchors(run, key, anchors, notes);
        }
        Set<Long> at = new HashSet<>();
        anchors.forEach(a -> at.add(a.anchor().records()));
        AuditVerifier.Result chain = AuditVerifier.verify(run.audit(), key, at);
        if (!chain.valid()) {
            return new Report(chain, false, chain.reason(), chain.badLine(), null, 0, notes);
        }
        if (problem != null) {
            return new Report(chain, false, problem, 0, null, 0, notes);
        }
        Anchor used = null;
        for (Anchor a : anchors) {
            if (a.keyed() != chain.keyed()) {
                return new Report(chain, false, a.source() + " says the log is " + (a.keyed() ? "" : "not ") + "keyed,"
                        + " but its records carry " + (chain.keyed() ? "MACs" : "none") + ": the log was rewritten",
                        chain.records() > 0 ? 1 : 0, a, 0, notes);
            }
            long n = a.anchor().records();
            if (n > chain.records()) {
                return new Report(chain, false, "the log has " + chain.records() + " records, but " + a.source()
                        + " anchors " + n + ": records were cut from its end (or the file was emptied or replaced)",
                        chain.records() + 1, a, 0, notes);
            }
            String head = n == 0 ? AuditAnchor.EMPTY.head() : chain.heads().get(n);
            if (!a.anchor().head().equals(head)) {
                return new Report(chain, false, "record " + (n - 1) + " is not the one " + a.source() + " anchors (its "
                        + "hash is " + head + ", the anchor's " + a.anchor().head() + "): the log was rewritten from "
                        + "that record or before", n, a, 0, notes);
            }
            if (used == null || n > used.anchor().records()) {
                used = a;
            }
        }
        if (used == null) {
            return new Report(chain, false, "no anchor: neither summary.json nor a checkpoint says where the log ends,"
                    + " so records cut from its end could not be seen", 0, null, 0, notes);
        }
        long after = chain.records() - used.anchor().records();
        if (used.finalEnd() && after > 0) {
            return new Report(chain, false, records(after) + " after the end " + used.source() + " anchors: appended "
                    + "after the run ended", used.anchor().records() + 1, used, after, notes);
        }
        return new Report(chain, true, null, 0, used, after, notes);
    }

    /** "1 record", "2 records". */
    public static String records(long n) {
        return n + (n == 1 ? " record" : " records");
    }

    /** summary.json's anchor, if it has one; a problem when its MAC does not verify under the key. */
    private static String summaryAnchor(RunDirectory run, AuditKey key, List<Anchor> anchors, List<String> notes) {
        if (!Files.isRegularFile(run.summary())) {
            notes.add("there is no summary.json; only the checkpoints' anchors are used");
            return null;
        }
        JsonNode s;
        try {
            s = RunDirectory.JSON.readTree(run.summary().toFile());
        } catch (IOException e) {
            notes.add("summary.json cannot be read (" + e.getMessage() + "); only the checkpoints' anchors are used");
            return null;
        }
        JsonNode a = s.path("audit");
        if (!a.path("records").canConvertToLong() || !a.path("head").isTextual()) {
            notes.add("summary.json holds no audit anchor (it was written by an earlier vaesim, or edited)");
            return null;
        }
        String status = s.path("status").asText();
        AuditAnchor anchor = new AuditAnchor(a.path("records").asLong(), a.path("head").asText());
        if (key != null && !key.verifies(anchor.macText(RunSession.summaryContext(status)),
                a.path("anchor_mac").asText(null))) {
            return "summary.json's audit anchor does not verify under this key (summary.json was edited, or the key"
                    + " is not the run's)";
        }
        boolean finalEnd = status.equals(RunStatus.COMPLETE.label()) || status.equals(RunStatus.FAILED.label());
        anchors.add(new Anchor("summary.json (status " + status + ")", anchor, finalEnd,
                a.path("keyed").asBoolean()));
        return null;
    }

    /** Each whole checkpoint's anchor; damaged ones are noted; a problem when a MAC does not verify. */
    private static String checkpointAnchors(RunDirectory run, AuditKey key, List<Anchor> anchors, List<String> notes)
            throws IOException {
        for (Path file : new CheckpointStore(run.dir()).list()) {
            String name = "checkpoints/" + file.getFileName();
            CheckpointFile.Verified v;
            try {
                v = CheckpointFile.verify(file);
            } catch (CheckpointFile.Damaged d) {
                notes.add(name + " is not used: " + d.getMessage().substring(file.toString().length() + 2));
                continue;
            }
            if (key != null && !v.macVerifies(key)) {
                return name + "'s MAC does not verify under this key (it was rewritten, or the key is not the run's)";
            }
            anchors.add(new Anchor(name, v.audit(), false, v.keyed()));
        }
        return null;
    }
}

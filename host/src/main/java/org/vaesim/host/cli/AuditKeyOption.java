package org.vaesim.host.cli;

import java.nio.file.Path;

import org.vaesim.host.safety.AuditKey;
import org.vaesim.models.scenario.ConfigException;

import picocli.CommandLine.Option;

/** {@code --audit-key-file}, shared by run, resume and audit verify (docs/safety.md#keyed-audit-logs). */
final class AuditKeyOption {
    @Option(names = "--audit-key-file", paramLabel = "FILE", description = "The audit log's key, in a file outside "
            + "the run directory: keys a new run's log, and is needed to resume or fully verify a keyed one "
            + "(default: $VAESIM_AUDIT_KEY_FILE, else none)")
    Path file;

    /**
     * The key for the run in {@code runDir}: from --audit-key-file, else from the file $VAESIM_AUDIT_KEY_FILE
     * names, else none (null).
     */
    AuditKey key(Path runDir) throws ConfigException {
        if (file != null) {
            return AuditKey.read(file, runDir, "--audit-key-file");
        }
        String env = System.getenv(AuditKey.ENV);
        return env == null || env.isBlank() ? null : AuditKey.read(Path.of(env), runDir, "$" + AuditKey.ENV);
    }
}

package org.vaesim.host.safety;

import java.util.Map;

/** Where the engine reports safety events and epoch digests (the run's audit log, or nothing). */
@FunctionalInterface
public interface AuditSink {
    AuditSink NONE = (epoch, type, fields) -> {
    };

    /**
     * One record: {@code epoch} is the epoch it belongs to, {@code type} what happened, {@code fields} the
     * details in the order they should appear.
     */
    void record(int epoch, String type, Map<String, Object> fields);
}

package org.vaesim.host.safety;

/**
 * Where an audit log ended at one moment: how many records it had and the hash of the last one (64 zeros for
 * none). summary.json and every checkpoint hold the anchor of their moment, so a log cut short, emptied or
 * rewritten from some record on no longer matches them (docs/safety.md#anchors).
 */
public record AuditAnchor(long records, String head) {
    /** A log with no record yet. */
    public static final AuditAnchor EMPTY = new AuditAnchor(0, AuditLog.GENESIS);

    /**
     * The text a keyed anchor's MAC covers: the anchor and {@code context}, which says where it is kept (for
     * summary.json, its status), so that an anchor's MAC cannot be moved to another place or status.
     */
    public String macText(String context) {
        return "vaesim audit anchor\n" + context + "\n" + records + "\n" + head;
    }
}

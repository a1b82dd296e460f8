package org.vaesim.host.run;

import java.util.Locale;

/** summary.json's {@code status}: only a run that reached its last epoch is {@code complete}. */
public enum RunStatus {
    RUNNING, COMPLETE, FAILED, INTERRUPTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

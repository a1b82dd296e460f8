package org.vaesim.host.run;

/**
 * What may ask a session to stop at its next epoch boundary, held for the session's length: this process's signals
 * ({@link StopSignals#capture}), or a caller that knows better, such as a cluster task that was cancelled (whose
 * process's signals belong to the cluster, not to the run).
 */
public interface StopRequest extends AutoCloseable {
    /** The stop asked for so far, or null. */
    StopSignals.Stop requested();

    /** Ends the request's hold (a signal capture gives its handler back to the process's default behaviour). */
    @Override
    void close();
}

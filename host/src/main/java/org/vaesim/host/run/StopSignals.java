package org.vaesim.host.run;

import sun.misc.Signal;

/**
 * SIGINT (Ctrl-C), SIGTERM and SIGHUP as a request to stop at the next epoch boundary: while a run or a sweep
 * holds a {@link Capture}, the first of these signals only sets a flag; the epoch loop lets the epoch in progress
 * finish, writes a checkpoint of it and a summary that says "interrupted", and the command exits with 128 + the
 * signal's number (130, 143, 129), like a process the signal ended. A second signal stops the JVM at once, as
 * without a capture; the run's shutdown hook then records the interruption against its last checkpoint.
 *
 * <p>Why a signal handler and not a shutdown hook that waits for the loop: a hook runs while the JVM is already
 * shutting down, beside every other hook (a library's may close what the engine still uses), it must give up
 * after some timeout that no epoch-plus-checkpoint time can be known to fit (a 10^8-agent checkpoint takes tens of
 * seconds), and once it runs a second Ctrl-C can no longer stop the process. With the handler the loop checkpoints
 * in a JVM that is not shutting down, with no timeout, and a second signal is the user's way out.
 * {@code sun.misc.Signal} is in the {@code jdk.unsupported} module, which the JDK keeps for exactly such uses (JEP
 * 260); where it refuses a signal (one ignored since the process started, as under {@code nohup}, or a JVM run
 * with {@code -Xrs}), that signal keeps its default behaviour.
 */
public final class StopSignals {
    private static final String[] NAMES = {"INT", "TERM", "HUP"};

    /** Whether the handler is installed: once per JVM, and never taken back (see {@link #onSignal}). */
    private static boolean installed;
    private static int holders;
    private static volatile Signal received;

    private StopSignals() {
    }

    /** A signal that asked a run to stop: its name ({@code SIGINT}) and the exit code it implies. */
    public record Stop(String signal, int exitCode) {
    }

    /** Held by a run or sweep while a signal should stop it at an epoch boundary rather than end the JVM. */
    public static final class Capture implements StopRequest {
        private boolean open = true;

        private Capture() {
        }

        /** The signal received since the first capture was taken, or null. */
        @Override
        public Stop requested() {
            Signal s = received;
            return s == null ? null : new Stop("SIG" + s.getName(), 128 + s.getNumber());
        }

        @Override
        public void close() {
            synchronized (StopSignals.class) {
                if (open) {
                    open = false;
                    holders--;
                }
            }
        }
    }

    /**
     * Starts capturing (nested captures share one handler: a sweep's runs and the sweep itself). A signal that
     * came before the outermost capture is forgotten.
     */
    public static synchronized Capture capture() {
        if (!installed) {
            installed = true;
            for (String name : NAMES) {
                try {
                    Signal.handle(new Signal(name), StopSignals::onSignal);
                } catch (IllegalArgumentException | UnsupportedOperationException notHere) {
                    // unknown on this OS, ignored since the process started, or reserved by the JVM: this signal
                    // keeps its behaviour
                }
            }
        }
        if (holders++ == 0) {
            received = null;
        }
        return new Capture();
    }

    /**
     * Without a capture held, or at a second signal, this does what the JVM's own handler does: exit with 128 + the
     * signal's number, running the shutdown hooks. The handler is therefore left in place when the last capture is
     * closed rather than swapped back: swapping handlers back through {@code sun.misc.Signal} lost the JVM's handler
     * in some sequences of captures (a wrapper around none, which then failed the next run with "handler").
     */
    private static void onSignal(Signal s) {
        boolean capturing;
        synchronized (StopSignals.class) {
            capturing = holders > 0;
        }
        if (!capturing || received != null) {
            Runtime.getRuntime().exit(128 + s.getNumber());
            return;
        }
        received = s;
        System.err.println(System.lineSeparator() + "vaesim: SIG" + s.getName() + ": stopping after this epoch,"
                + " with a checkpoint (a second signal stops at once, without one)");
    }
}

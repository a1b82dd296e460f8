package org.vaesim.kernels;

import org.vaesim.kernels.cpu.JavaBackend;
import org.vaesim.kernels.device.DeviceBackend;

/** Publishes a boost column on a backend for tests, as a mechanism's half would (uploaded to a device). */
public final class Boosts {
    private Boosts() {
    }

    /** Publishes {@code column} (one int per agent, millionths) on {@code channel} of {@code backend}. */
    public static void publish(Backend backend, AgentBoost channel, int[] column) {
        if (backend instanceof JavaBackend j) {
            j.boost(channel, column);
        } else {
            DeviceBackend d = (DeviceBackend) backend;
            d.boost(channel, d.upload(column));
        }
    }
}

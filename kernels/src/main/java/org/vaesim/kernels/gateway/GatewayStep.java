package org.vaesim.kernels.gateway;

/**
 * What the host sends the backend for one gateway stage, per range of a {@link GatewayPlan}: whether it crosses
 * at all this epoch, its market's last tick, its anchor (the external price in internal ticks) and external price
 * (external-money micro-units per unit), the band the price gap must exceed, and, for pass 2, the fill fractions
 * of its legs (units of 2^-30); plus the rate and the fee, common to all.
 */
public final class GatewayStep {
    public int epoch;
    public long ratePpm;
    public int feeBps;
    /** 1 when the range crosses this epoch (gateway open, its resource allowed), else 0: not launched. */
    public final int[] active;
    public final int[] lastTick;
    public final int[] anchorTick;
    /** Ticks by which the external price must beat the internal one before goods cross: the fee's worth. */
    public final int[] band;
    public final long[] externalPrice;
    /**
     * Per range and leg ({@code k * Gateway.LEGS + leg}), the fraction of the leg's total that crosses: the caps
     * for every leg, times the principal's external money for the paying legs (import, buy), times the offshore
     * supply for the buy leg.
     */
    public final long[] fill;

    public GatewayStep(int ranges) {
        active = new int[ranges];
        lastTick = new int[ranges];
        anchorTick = new int[ranges];
        band = new int[ranges];
        externalPrice = new long[ranges];
        fill = new long[ranges * Gateway.LEGS];
    }

    public int ranges() {
        return active.length;
    }
}

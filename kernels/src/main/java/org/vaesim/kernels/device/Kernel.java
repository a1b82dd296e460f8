package org.vaesim.kernels.device;

import java.util.Locale;

/**
 * Every C entry point of the mechanisms the device backends launch (kernels/src/main/c), with its launch geometry;
 * the strategy families' decide kernels come from their records ({@link KernelEntry#all()} lists both). This is the
 * one list: the OpenCL context creates a kernel object for each, the CUDA context looks each up in its module, and the
 * tests check it against the C sources and the PTX. A new kernel is one constant here (and its launch in
 * {@link DeviceBackend}); neither device needs a line of its own.
 */
public enum Kernel implements KernelEntry {
    GATE,
    BOOK,
    CLEAR(Geometry.PER_ITEM),
    SETTLE_BLOCK_SUMS,
    SETTLE_BLOCK_PREFIX(Geometry.PER_ITEM),
    SETTLE,
    INDUCED_SCHEDULE,
    REFILL_QUOTA,
    ADJUST_CASH,
    ADJUST_GOODS,
    KILL_AGENTS,
    ARRIVE_AGENTS,
    STANDING,
    PRINCIPAL_LIMIT_BLOCK_SUMS,
    PRINCIPAL_LIMIT_PREFIX(Geometry.PER_ITEM),
    PRINCIPAL_LIMIT,
    EXCHANGE,
    COLLECT_TAX,
    REFUND_BLOCK_PREFIX(Geometry.PER_ITEM),
    REFUND,
    NEGOTIATE,
    WEALTH_HISTOGRAM,
    RANK_MOBILITY,
    AUCTION_BID,
    AUCTION_BLOCK_SUMS,
    AUCTION_BLOCK_PREFIX(Geometry.PER_ITEM),
    AUCTION_ALLOCATE,
    AUCTION_ENVY,
    MISSION_BID,
    MISSION_BLOCK_SUMS,
    MISSION_BLOCK_PREFIX(Geometry.PER_ITEM),
    MISSION_DELIVER,
    GATEWAY_REQUEST,
    GATEWAY_BLOCK_SUMS,
    GATEWAY_BLOCK_PREFIX(Geometry.PER_ITEM),
    GATEWAY_APPLY,
    CAPABILITY_GAIN,
    CAPABILITY_UPDATE,
    RELATIONSHIPS_KEEP,
    RELATIONSHIPS_MATCH,
    RELATIONSHIPS_RELEASE,
    LINK_SIGNATURE;

    /** Work-group (CUDA: block) size of the agent kernels; VS_GROUP in vaesim.h. */
    public static final int GROUP = 256;

    /** How a launch over n items is cut into groups. */
    public enum Geometry {
        /**
         * Agent kernels: groups of exactly {@link #GROUP} items, the last one padded (the kernel returns for items
         * past its range); the kernels that scan or reduce in local memory rely on the group size.
         */
        GROUPS_OF_256,
        /**
         * One item per market, principal or auction group: the kernel checks its id against the count it is
         * given, and nothing depends on how the items are grouped (OpenCL: the driver picks; CUDA: one block of n
         * threads up to 256, then blocks of 256).
         */
        PER_ITEM
    }

    private final Geometry geometry;
    private final String entry;

    Kernel() {
        this(Geometry.GROUPS_OF_256);
    }

    Kernel(Geometry geometry) {
        this.geometry = geometry;
        this.entry = name().toLowerCase(Locale.ROOT);
    }

    /** The C function's name (CONVENTIONS: the snake_case of the Java twin's name). */
    @Override
    public String entry() {
        return entry;
    }

    @Override
    public Geometry geometry() {
        return geometry;
    }

    @Override
    public int slot() {
        return ordinal();
    }
}

package org.vaesim.host.capability;

import org.vaesim.kernels.capability.CapabilityColumns;

/**
 * The state of compounding advantage a checkpoint carries beside the rest: the entrenchment metrics' state, the
 * capability columns with the micro-credits reinvested so far, and the wealth tax's collections and the
 * micro-credits they moved ({@code taxCounts}); each null where the scenario has no such block.
 */
public record Compounding(Entrenchment entrenchment, CapabilityColumns capability, long invested, long[] taxCounts) {
}

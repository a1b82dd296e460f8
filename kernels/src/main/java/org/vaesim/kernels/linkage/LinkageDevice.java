package org.vaesim.kernels.linkage;

import org.vaesim.kernels.device.Buffer;
import org.vaesim.kernels.device.DeviceBackend;
import org.vaesim.kernels.device.Kernel;

/** The linking scan's device half: one launch of {@code link_signature} per cohort, one read of all the rows. */
final class LinkageDevice implements LinkageKernels {
    private final int[] from;
    private final int[] to;
    private final DeviceBackend d;
    private final DeviceBackend.AgentColumns agents;
    private Buffer out;

    LinkageDevice(int[] from, int[] to, DeviceBackend backend) {
        this.from = from.clone();
        this.to = to.clone();
        this.d = backend;
        this.agents = backend.agentColumns();
    }

    @Override
    public void signatures(int[] reference, int width, long[] clearing, long[] rows) {
        if (out == null) {
            out = d.longs((long) Math.max(1, from.length) * Linkage.ROW);
        }
        d.zero(out, Math.max(1, rows.length));
        DeviceBackend.AgentColumns a = agents;
        for (int k = 0; k < from.length; k++) {
            if (reference[k] >= 0 && to[k] > from[k]) {
                int c = k * Linkage.CLEARING;
                d.launch(Kernel.LINK_SIGNATURE, to[k] - from[k], from[k], to[k], reference[k], width,
                        (int) clearing[c + Linkage.BID_MARGINAL], clearing[c + Linkage.BID_MARGINAL_FILL],
                        clearing[c + Linkage.BID_MARGINAL_TOTAL], (int) clearing[c + Linkage.ASK_MARGINAL],
                        clearing[c + Linkage.ASK_MARGINAL_FILL], clearing[c + Linkage.ASK_MARGINAL_TOTAL],
                        a.status(), a.bidTick(), a.bidQty(), a.askTick(), a.askQty(), out, k * Linkage.ROW);
            }
        }
        d.read(out, rows);
    }
}

package org.vaesim.kernels.relationships;

import org.vaesim.kernels.device.Buffer;
import org.vaesim.kernels.device.DeviceBackend;
import org.vaesim.kernels.device.Kernel;
import org.vaesim.kernels.exchange.Exchange;

/**
 * The relationships' device half: the kernels of relationships.cl over the population's device columns. The partner
 * columns live on the device; they are uploaded from the stage's arrays at the first epoch (a fresh run's singles, or
 * a checkpoint's pairs) and read back after every epoch for the stage's counts and checkpoint.
 */
final class RelationshipsDevice implements RelationshipsKernels {
    private final RelationshipsPlan plan;
    private final DeviceBackend d;
    private final DeviceBackend.AgentColumns agents;
    private Buffer buyerPartner;
    private Buffer sellerPartner;
    private Buffer traded;

    RelationshipsDevice(RelationshipsPlan plan, DeviceBackend backend) {
        this.plan = plan;
        this.d = backend;
        this.agents = backend.agentColumns();
    }

    @Override
    public void epoch(int last, int epoch, int[] buyerPartnerOut, int[] sellerPartnerOut, int[] tradedOut) {
        RelationshipsPlan p = plan;
        if (buyerPartner == null) {
            buyerPartner = d.upload(buyerPartnerOut);
            sellerPartner = d.upload(sellerPartnerOut);
            traded = d.upload(tradedOut);
        }
        DeviceBackend.AgentColumns a = agents;
        d.launch(Kernel.RELATIONSHIPS_KEEP, p.buyers(), 0, p.buyers(), p.buyersStart(), p.sellersStart(),
                p.tickSize(), p.valueMinTick(), p.valueMaxTick(), p.loyalty(), p.k0(), p.k1(), last, epoch, a.cash(),
                a.inventory(), a.status(), buyerPartner, sellerPartner, traded);
        d.launch(Kernel.RELATIONSHIPS_MATCH, p.buyers(), 0, p.buyers(), p.buyersStart(), p.sellersStart(),
                p.sellers(), p.sides(), Exchange.halfBits(p.sides()), p.tickSize(), p.valueMinTick(),
                p.valueMaxTick(), p.loyalty(), p.k0(), p.k1(), last, epoch, a.cash(), a.inventory(), a.status(),
                buyerPartner, sellerPartner, traded);
        d.launch(Kernel.RELATIONSHIPS_RELEASE, p.sides(), 0, p.sides(), p.buyers(), p.sellers(), buyerPartner,
                sellerPartner);
        d.read(buyerPartner, buyerPartnerOut);
        d.read(sellerPartner, sellerPartnerOut);
        d.read(traded, tradedOut);
    }
}

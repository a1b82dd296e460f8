package org.vaesim.host.mission;

import java.util.List;

import org.vaesim.host.stage.Ledger;
import org.vaesim.kernels.mission.MissionPlan;

/**
 * The host's running accounts of every mission, checkpointed with the rest of the state: the escrow (what the
 * sponsor paid in, tax receipts, payments out, what went back), the subsidy account, the tasks posted, awarded
 * and delivered, and the sums the summary's measures come from. Conservation (checked by
 * {@link Engine#verifyConservation()}): escrow = funded + tax - paid - returned, subsidy = funded - paid -
 * returned, both never negative; agents' cash + (fee sink - fees paid into missions) + auction revenue + every
 * mission's escrow and subsidy = the money the scenario put in.
 */
public final class MissionLedger extends Ledger<MissionLedger.Account> {
    /** A mission before its start epoch, while it runs, and after its deadline or its last task. */
    public static final int PENDING = 0;
    public static final int OPEN = 1;
    public static final int CLOSED = 2;

    /** One mission's accounts; money in micro-credits. */
    public static final class Account {
        public int state;
        /** Epochs completed when the mission closed, and when its last task was delivered; -1 until then. */
        public int closedEpoch = -1;
        public int completedEpoch = -1;
        /** Escrow: paid in by the sponsor, tax receipts, paid out to bidders, returned at the end, held now. */
        public long funded;
        public long taxCollected;
        public long paid;
        public long escrowReturned;
        public long escrow;
        /** Of {@link #paid}: advances of tasks that were not delivered. */
        public long advanceLost;
        /** Subsidy account: funded from outside, paid on deliveries, returned at the end, held now. */
        public long subsidyFunded;
        public long subsidyPaid;
        public long subsidyReturned;
        public long subsidy;
        public long rounds;
        public long posted;
        /** Bidders summed over rounds (each round's bidders counted again). */
        public long bids;
        public long awarded;
        public long delivered;
        /** Winners' capability and reputation at bid time, summed over awards (millionths). */
        public long capabilitySum;
        public long reputationSum;
        /** The last round's lowest rejected score (-1: none rejected, or no round yet). */
        public long lastPayScore = -1;
        /** Per principal (group of the plan): tasks awarded and delivered, micro-credits paid (escrow + subsidy). */
        public final long[] principalAwarded;
        public final long[] principalDelivered;
        public final long[] principalPaid;

        public Account(int groups) {
            principalAwarded = new long[groups];
            principalDelivered = new long[groups];
            principalPaid = new long[groups];
        }

        /** Money the mission holds now: escrow and subsidy account. */
        public long held() {
            return escrow + subsidy;
        }

        public long failed() {
            return awarded - delivered;
        }
    }

    public MissionLedger(List<MissionPlan> plans) {
        super(plans, Account::new);
    }

    /** Money all missions hold: escrow and subsidy accounts, micro-credits. */
    public long held() {
        return sum(Account::held);
    }

    /** Exchange fees paid into missions' escrow by their taxes: no longer in the fee sink. */
    public long feesDiverted() {
        return sum(a -> a.taxCollected);
    }
}

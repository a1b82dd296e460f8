package org.vaesim.models.gateway;

import java.util.List;

import org.vaesim.models.market.ResourceType;

/**
 * The permeability gateway between the sandbox and an exogenous external (human) economy (docs/permeability.md).
 * Inside the sandbox every market settles in agent currency (the population's cash column, credits); outside,
 * money is external money (EM, micro-units like credits). The gateway exchanges the two at the rate of its own
 * market, and lets the goods of allowed resource types cross at the external market's price, for the agents of
 * broker cohorts only, under per-epoch and per-principal volume caps, a fee, and an open/closed switch.
 *
 * @param open                 whether the gateway starts open (events and its circuit breaker switch it later)
 * @param feeBps               fee in basis points of every crossing's external-money value, paid by the broker's
 *                             principal to the gateway's fee account (in EM)
 * @param capPerEpoch          most agent-currency value (micro-credits) that may cross in one epoch, all principals
 *                             together and both directions summed; {@link #NO_CAP} for none
 * @param capPerPrincipal      the same per principal; {@link #NO_CAP} for none
 * @param allowedResources     resource types whose goods and brokers may cross; a linked market of another
 *                             type is dormant (its external price still moves, nothing crosses)
 * @param rate                 the exchange rate's process: EM micro-units per credit of agent currency, in
 *                             millionths (1 EM per credit = 1 000 000)
 * @param externalMoney        EM held by the external market (the external holders) at the start, micro-units
 * @param offshoreCurrency     agent currency held outside the sandbox at the start (micro-credits): the only
 *                             agent currency the external market can sell to brokers until brokers sell it some
 * @param links                the internal markets linked to an external market for the same resource
 * @param brokers              the cohorts whose agents cross, each trading a linked market
 * @param breaker              closes the gateway when a linked market falls too far, or null
 * @param openAccess           ordinary agents who cross on their own when the price gap beats their threshold,
 *                             or null (only brokers cross)
 */
public record GatewaySpec(boolean open, int feeBps, long capPerEpoch, long capPerPrincipal,
                          List<ResourceType> allowedResources, Process rate, long externalMoney,
                          long offshoreCurrency, List<Link> links, List<Broker> brokers, Breaker breaker,
                          OpenAccess openAccess) {
    /** A cap that never binds. */
    public static final long NO_CAP = Long.MAX_VALUE;
    /** Largest external price (EM micro-units per unit) and top internal price of a linked market: 2^40. */
    public static final long MAX_PRICE = 1L << 40;
    /** Largest exchange rate, in millionths: 1000 EM per credit. */
    public static final long MAX_RATE = 1_000_000_000L;
    /** Largest cash target per broker agent: 2^40 micro-credits (about 1.1 million credits). */
    public static final long MAX_CASH_TARGET = 1L << 40;
    /** Most units one broker agent may move across in one epoch, each way. */
    public static final int MAX_UNITS = 1_000_000;

    public GatewaySpec {
        allowedResources = List.copyOf(allowedResources);
        links = List.copyOf(links);
        brokers = List.copyOf(brokers);
    }

    /**
     * An exogenous price process, per epoch: {@code p' = p + p z / 10^4 + (anchor - p) reversion / 10^6 -
     * p net / (100 depth)}, each term truncated toward zero, clamped to [1, max]; z is uniform on the integers in
     * [-volatilityBps, volatilityBps] (Philox), the anchor starts at {@code initial} and moves only with shocks,
     * {@code net} is the epoch's net flow out of the sandbox (units exported minus imported, or agent currency sold
     * minus bought): {@code depth} of it moves the price by 1%.
     *
     * @param initial       the starting price (EM micro-units per unit) or rate (millionths)
     * @param volatilityBps half-width of the per-epoch noise, basis points
     * @param reversionPpm  share of the gap to the anchor closed per epoch, millionths
     * @param depth         net flow that moves the price 1% (units, or micro-credits for the rate); 0 = no impact
     */
    public record Process(long initial, int volatilityBps, long reversionPpm, long depth) {
    }

    /** An internal market linked to an external market of the same resource with its own price process. */
    public record Link(int marketIndex, ResourceType resource, Process external) {
    }

    /**
     * A broker cohort: its agents are fundamentalists who, while the gateway is open, value their market's good at
     * the external price converted at the rate, move goods across to close the gap, and keep their agent-currency
     * cash near a target by converting through the gateway. Their principal holds their external money.
     *
     * @param cohortIndex  index into the sorted {@code Scenario.cohorts()}
     * @param linkIndex    index into {@link GatewaySpec#links()} of the cohort's market
     * @param externalCash EM per agent, held by the cohort's principal outside the sandbox (micro-units)
     * @param cashTarget   agent currency each agent keeps (micro-credits): below half of it the agent buys the
     *                     gap, above twice it sells the excess; 0 = no currency conversions
     * @param maxUnits     most units an agent exports or imports per epoch
     */
    public record Broker(int cohortIndex, int linkIndex, long externalCash, long cashTarget, int maxUnits) {
    }

    /**
     * The gateway's own circuit breaker: after an epoch in which a linked market's price is at least
     * {@code drawdownPpm} millionths below its running peak, the gateway closes for {@code closeEpochs} epochs
     * (0 = for the rest of the run).
     */
    public record Breaker(long drawdownPpm, int closeEpochs) {
    }

    /**
     * Open access (docs/permeability.md#open-access): the agents of ordinary cohorts trading a linked market cross
     * on their own, with no principal's external money. After the markets settle, an agent exports when the external
     * price in its market's ticks exceeds the last price by more than the fee's worth plus its own threshold, and
     * imports when it is below by as much; its threshold is drawn once per agent and seed, uniform on
     * [thresholdMin, thresholdMax] ticks. It settles in agent currency at the rate, through the external market.
     *
     * @param cohorts      indices into the sorted {@code Scenario.cohorts()}, ascending: the cohorts whose agents
     *                     may cross (each trades a linked market and is no broker)
     * @param thresholdMin smallest threshold, ticks beyond the fee's worth
     * @param thresholdMax largest threshold, ticks
     * @param maxUnits     most units an agent exports or imports per epoch (its size limit)
     */
    public record OpenAccess(List<Integer> cohorts, int thresholdMin, int thresholdMax, int maxUnits) {
        /** Largest threshold, ticks: a market's largest grid. */
        public static final int MAX_THRESHOLD = 65_536;

        public OpenAccess {
            cohorts = List.copyOf(cohorts);
        }
    }

    /** Whether ordinary agents may cross on their own. */
    public boolean hasOpenAccess() {
        return openAccess != null;
    }

    /** Whether goods and brokers of {@code resource} may cross. */
    public boolean allows(ResourceType resource) {
        return allowedResources.contains(resource);
    }

    /** The link of market {@code marketIndex}, or -1. */
    public int linkOf(int marketIndex) {
        for (int l = 0; l < links.size(); l++) {
            if (links.get(l).marketIndex() == marketIndex) {
                return l;
            }
        }
        return -1;
    }
}

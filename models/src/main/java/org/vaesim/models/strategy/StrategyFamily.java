package org.vaesim.models.strategy;

/**
 * Strategy families. Agents of one family sit in one contiguous index range, in this enum's order,
 * so each family's decide kernel runs over a range without branch divergence.
 */
public enum StrategyFamily {
    ZI_C("zi-c"),
    ZI_U("zi-u"),
    FUNDAMENTALIST("fundamentalist"),
    CHARTIST("chartist"),
    MARKET_MAKER("market-maker"),
    HFT("hft"),
    EXECUTION("execution"),
    KINETIC("kinetic"),
    NEGOTIATION("negotiation"),
    MANIPULATOR("manipulator"),
    BIDDER("bidder"),
    TRUTHFUL("truthful"),
    NOISE("noise"),
    ORDER_DRIVEN("order-driven"),
    SWITCHING("switching");

    private final String jsonName;

    StrategyFamily(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }
}

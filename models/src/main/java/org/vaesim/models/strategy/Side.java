package org.vaesim.models.strategy;

public enum Side {
    BUY, SELL;

    /** The name in scenario files: {@code "buy"} or {@code "sell"}. */
    public String jsonName() {
        return this == BUY ? "buy" : "sell";
    }
}

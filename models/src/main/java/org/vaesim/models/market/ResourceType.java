package org.vaesim.models.market;

/** The scarce resource a market trades (Tomasev et al. 2025: compute, data access, specialist agent time). */
public enum ResourceType {
    COMPUTE("compute"),
    DATA("data"),
    AGENT_TIME("agent_time"),
    ASSET("asset");

    private final String jsonName;

    ResourceType(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }
}

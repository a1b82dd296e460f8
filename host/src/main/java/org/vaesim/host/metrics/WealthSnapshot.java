package org.vaesim.host.metrics;

/**
 * The latest wealth figures a run has: the histogram of epoch {@code epoch} and the rank mobility that ended
 * there (null when there was no earlier metrics epoch to compare with).
 */
public record WealthSnapshot(int epoch, WealthHistogram histogram, Mobility mobility) {
    public static WealthSnapshot of(MetricsRow row) {
        return new WealthSnapshot(row.epoch(), row.wealth(), row.mobility());
    }
}

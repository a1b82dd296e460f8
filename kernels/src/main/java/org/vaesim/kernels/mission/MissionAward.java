package org.vaesim.kernels.mission;

/**
 * What the host's clearing of one procurement round tells the deliver stage: bidders scoring below
 * {@code marginal} win; {@code fill} of the {@code total} bidders at the marginal score win, rationed from
 * {@code offset}; winners are paid by {@code payScore}, the lowest rejected score (-1 when nobody was rejected,
 * and winners are paid the reserve). When every bidder wins, {@code marginal} is the histogram's width, which
 * no score reaches.
 *
 * @param posted  tasks offered this round
 * @param bidders agents who bid
 * @param awarded tasks awarded: min(posted, bidders)
 */
public record MissionAward(long posted, long bidders, long awarded, long marginal, long fill, long total, long offset,
                           long payScore) {
}

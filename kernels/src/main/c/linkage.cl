/*
 * Twin of linkage/Linkage.java: the linking scan over one cohort's agents. Each active agent's bid and ask add 1 to
 * an aggression bin (ticks past the reference, bins of `width` ticks centred on 0) and to a size bin
 * (floor(log2(qty))) of its side's part of the cohort's row. Each work-group counts in local memory (at most 256 per
 * bin, so ints suffice) and adds its non-zero bins to the row once: integer atomics only, so the result does not
 * depend on scheduling. The units the orders filled at the epoch's clearing (whole above the marginal tick,
 * floor(q F / T) at it) go straight to the row's two slots after the bins (Linkage.BID_FILLED, ASK_FILLED), with
 * 64-bit atomics: sums of units may pass an int. VS_LINK_BINS comes from Java: vaesim_codes.h.
 */

VS_INLINE vs_int vs_link_aggression_bin(vs_int ticks, vs_int width) {
  vs_int q = ticks / width;
  if (ticks % width < 0) q--; /* truncation toward zero, stepped down to the floor */
  vs_int b = q + VS_LINK_BINS / 2;
  return b < 0 ? 0 : b >= VS_LINK_BINS ? VS_LINK_BINS - 1 : b;
}

VS_INLINE vs_int vs_link_size_bin(vs_int qty) {
  vs_int b = 63 - VS_CLZ_LONG((vs_ulong) qty);
  return b >= VS_LINK_BINS ? VS_LINK_BINS - 1 : b;
}

/* Linkage.filled: units an order filled, `better` ticks better than its side's marginal tick. */
VS_INLINE vs_long vs_link_filled(vs_long better, vs_int qty, vs_long fill, vs_long total) {
  return better > 0 ? (vs_long) qty : better == 0 ? (vs_long) qty * fill / total : 0;
}

VS_KERNEL void link_signature(vs_int from, vs_int to, vs_int reference, vs_int width, vs_int bid_marginal,
                              vs_long bid_fill, vs_long bid_total, vs_int ask_marginal, vs_long ask_fill,
                              vs_long ask_total,
                              VS_GLOBAL const vs_int *status, VS_GLOBAL const vs_int *bid_tick,
                              VS_GLOBAL const vs_int *bid_qty, VS_GLOBAL const vs_int *ask_tick,
                              VS_GLOBAL const vs_int *ask_qty, VS_GLOBAL vs_long *out, vs_int offset) {
  VS_LOCAL vs_int counts[4 * VS_LINK_BINS];
  const int lid = VS_LOCAL_ID();
  const vs_long gid = VS_GLOBAL_ID();
  if (lid < 4 * VS_LINK_BINS) counts[lid] = 0;
  VS_BARRIER();
  if (gid < (vs_long) (to - from)) {
    const vs_int i = from + (vs_int) gid;
    if (status[i] == 0) {
      vs_int bq = bid_qty[i];
      if (bq > 0) {
        VS_ATOMIC_ADD_LOCAL_INT(&counts[vs_link_aggression_bin(bid_tick[i] - reference, width)], 1);
        VS_ATOMIC_ADD_LOCAL_INT(&counts[VS_LINK_BINS + vs_link_size_bin(bq)], 1);
        vs_long f = vs_link_filled((vs_long) bid_tick[i] - bid_marginal, bq, bid_fill, bid_total);
        if (f != 0) VS_ATOMIC_ADD_LONG(&out[offset + 4 * VS_LINK_BINS], f);
      }
      vs_int aq = ask_qty[i];
      if (aq > 0) {
        VS_ATOMIC_ADD_LOCAL_INT(&counts[2 * VS_LINK_BINS + vs_link_aggression_bin(reference - ask_tick[i], width)], 1);
        VS_ATOMIC_ADD_LOCAL_INT(&counts[3 * VS_LINK_BINS + vs_link_size_bin(aq)], 1);
        vs_long f = vs_link_filled((vs_long) ask_marginal - ask_tick[i], aq, ask_fill, ask_total);
        if (f != 0) VS_ATOMIC_ADD_LONG(&out[offset + 4 * VS_LINK_BINS + 1], f);
      }
    }
  }
  VS_BARRIER();
  if (lid < 4 * VS_LINK_BINS && counts[lid] != 0) VS_ATOMIC_ADD_LONG(&out[offset + lid], (vs_long) counts[lid]);
}

/* Twin of decide/DecideOrderDriven.java. */

VS_INLINE double vs_select_trend(vs_int h, double t0, double t1, double t2, double t3, double t4, double t5,
                                 double t6, double t7) {
  switch (h) {
    case 0: return t0;
    case 1: return t1;
    case 2: return t2;
    case 3: return t3;
    case 4: return t4;
    case 5: return t5;
    case 6: return t6;
    default: return t7;
  }
}

VS_KERNEL void decide_order_driven(vs_int from, vs_int to, vs_int last_tick, vs_int max_tick, double fundamental,
                                   double trend0, double trend1, double trend2, double trend3, double trend4,
                                   double trend5, double trend6, double trend7, double w1, double w2, double wn,
                                   double noise_sigma, double spread, vs_int qty, vs_long activity_threshold,
                                   VS_GLOBAL const vs_int *trait, VS_GLOBAL vs_int *bid_tick,
                                   VS_GLOBAL vs_int *bid_qty, VS_GLOBAL vs_int *ask_tick, VS_GLOBAL vs_int *ask_qty,
                                   vs_uint key_lo, vs_uint key_hi, vs_int epoch) {
  VS_AGENT(i, from, to);
  bid_tick[i] = 0; bid_qty[i] = 0; ask_tick[i] = 0; ask_qty[i] = 0;
  vs_uint word = vs_agent_word(i, epoch, VS_STAGE_DECIDE, 0, key_lo, key_hi);
  if (!vs_bernoulli(word, activity_threshold)) return;
  vs_uint t = (vs_uint) trait[i];
  double g1 = w1 * (vs_int) ((t & 255u) + 1);
  double g2 = w2 * (vs_int) (((t >> 8) & 255u) + 1);
  double gn = wn * (vs_int) (((t >> 16) & 255u) + 1);
  double trend = vs_select_trend((vs_int) (t >> 24), trend0, trend1, trend2, trend3, trend4, trend5, trend6,
                                 trend7);
  double eps = vs_normal(vs_agent_word(i, epoch, VS_STAGE_DECIDE, 1, key_lo, key_hi));
  double r = (g1 * fundamental + g2 * trend + gn * noise_sigma * eps) / (g1 + g2 + gn);
  double expected = last_tick * vs_exp(r);
  double k = spread * ((double) word * (1.0 / (double) activity_threshold));
  if (expected > last_tick) {
    bid_tick[i] = vs_floor_tick(expected * (1.0 - k), max_tick);
    bid_qty[i] = qty;
  } else if (expected < last_tick) {
    ask_tick[i] = vs_ceil_tick(expected * (1.0 + k), max_tick);
    ask_qty[i] = qty;
  }
}

/* Twin of decide/DecideFundamentalist.java. */
VS_INLINE vs_int vs_fundamentalist_quantity(double reaction, vs_int ticks_away, vs_int max_qty) {
  double q = ceil(reaction * ticks_away);
  return q >= max_qty ? max_qty : ((vs_int) q > 1 ? (vs_int) q : 1);
}

VS_KERNEL void decide_fundamentalist(vs_int from, vs_int to, vs_int fundamental_tick, vs_int last_tick,
                                     vs_int max_tick, vs_int threshold, double reaction, vs_int max_qty,
                                     vs_long activity_threshold, VS_GLOBAL const vs_int *trait,
                                     VS_GLOBAL vs_int *bid_tick, VS_GLOBAL vs_int *bid_qty,
                                     VS_GLOBAL vs_int *ask_tick, VS_GLOBAL vs_int *ask_qty,
                                     vs_uint key_lo, vs_uint key_hi, vs_int epoch) {
  VS_AGENT(i, from, to);
  bid_tick[i] = 0; bid_qty[i] = 0; ask_tick[i] = 0; ask_qty[i] = 0;
  if (!vs_bernoulli(vs_agent_word(i, epoch, VS_STAGE_DECIDE, 0, key_lo, key_hi), activity_threshold)) return;
  vs_int perceived = vs_clamp_tick(fundamental_tick + trait[i], max_tick);
  vs_int mispricing = perceived - last_tick;
  if (mispricing > threshold) {
    bid_tick[i] = perceived;
    bid_qty[i] = vs_fundamentalist_quantity(reaction, mispricing, max_qty);
  } else if (mispricing < -threshold) {
    ask_tick[i] = perceived;
    ask_qty[i] = vs_fundamentalist_quantity(reaction, -mispricing, max_qty);
  }
}

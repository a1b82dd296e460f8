/* Twin of decide/DecideNoise.java. */
VS_INLINE vs_int vs_pareto_quantity(vs_uint word, vs_int size_min, double inverse_tail, vs_int max_qty) {
  double q = size_min * vs_pareto(word, inverse_tail);
  return q >= max_qty ? max_qty : (vs_int) floor(q);
}

VS_KERNEL void decide_noise(vs_int from, vs_int to, vs_int last_tick, vs_int max_tick, vs_int reach,
                            vs_int size_min, double inverse_tail, vs_int max_qty, vs_long activity_threshold,
                            VS_GLOBAL vs_int *bid_tick, VS_GLOBAL vs_int *bid_qty, VS_GLOBAL vs_int *ask_tick,
                            VS_GLOBAL vs_int *ask_qty, vs_uint key_lo, vs_uint key_hi, vs_int epoch) {
  VS_AGENT(i, from, to);
  bid_tick[i] = 0; bid_qty[i] = 0; ask_tick[i] = 0; ask_qty[i] = 0;
  if (!vs_bernoulli(vs_agent_word(i, epoch, VS_STAGE_DECIDE, 0, key_lo, key_hi), activity_threshold)) return;
  vs_int pick = vs_uniform(vs_agent_word(i, epoch, VS_STAGE_DECIDE, 1, key_lo, key_hi), 0, 2 * reach + 1);
  vs_int qty = vs_pareto_quantity(vs_agent_word(i, epoch, VS_STAGE_DECIDE, 2, key_lo, key_hi), size_min,
                                  inverse_tail, max_qty);
  if (pick <= reach) {
    bid_tick[i] = vs_clamp_tick(last_tick + pick, max_tick);
    bid_qty[i] = qty;
  } else {
    ask_tick[i] = vs_clamp_tick(last_tick - (pick - reach - 1), max_tick);
    ask_qty[i] = qty;
  }
}

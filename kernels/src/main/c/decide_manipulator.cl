/* Twin of decide/DecideManipulator.java. */
VS_KERNEL void decide_manipulator(vs_int from, vs_int to, vs_int last_tick, vs_int max_tick, vs_int qty, vs_int wash,
                                  vs_long activity_threshold,
                                  VS_GLOBAL vs_int *bid_tick, VS_GLOBAL vs_int *bid_qty,
                                  VS_GLOBAL vs_int *ask_tick, VS_GLOBAL vs_int *ask_qty,
                                  vs_uint key_lo, vs_uint key_hi, vs_int epoch) {
  VS_AGENT(i, from, to);
  bid_tick[i] = 0; bid_qty[i] = 0; ask_tick[i] = 0; ask_qty[i] = 0;
  if (!vs_bernoulli(vs_agent_word(i, epoch, VS_STAGE_DECIDE, 0, key_lo, key_hi), activity_threshold)) return;
  if ((i & 1) == 0) {
    bid_tick[i] = vs_clamp_tick(last_tick + wash, max_tick);
    bid_qty[i] = qty;
  } else {
    ask_tick[i] = vs_clamp_tick(last_tick - wash, max_tick);
    ask_qty[i] = qty;
  }
}

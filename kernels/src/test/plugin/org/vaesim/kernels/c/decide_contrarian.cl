/* Twin of example/DecideContrarian.java (a test-source family: docs/extending.md). */
VS_KERNEL void decide_contrarian(vs_int from, vs_int to, vs_int last_tick, vs_int previous_tick, vs_int max_tick,
                                 vs_int threshold, vs_int offset, vs_int qty, vs_long activity_threshold,
                                 vs_int max_position, VS_GLOBAL const vs_int *inventory,
                                 VS_GLOBAL vs_int *bid_tick, VS_GLOBAL vs_int *bid_qty,
                                 VS_GLOBAL vs_int *ask_tick, VS_GLOBAL vs_int *ask_qty,
                                 vs_uint key_lo, vs_uint key_hi, vs_int epoch) {
  VS_AGENT(i, from, to);
  bid_tick[i] = 0; bid_qty[i] = 0; ask_tick[i] = 0; ask_qty[i] = 0;
  vs_int move = last_tick - previous_tick;
  if (!vs_bernoulli(vs_agent_word(i, epoch, VS_STAGE_DECIDE, 0, key_lo, key_hi), activity_threshold)) return;
  vs_int inv = inventory[i];
  if (move > threshold && inv > -max_position) {
    ask_tick[i] = vs_clamp_tick(last_tick - offset, max_tick);
    ask_qty[i] = qty < max_position + inv ? qty : max_position + inv;
  } else if (move < -threshold && inv < max_position) {
    bid_tick[i] = vs_clamp_tick(last_tick + offset, max_tick);
    bid_qty[i] = qty < max_position - inv ? qty : max_position - inv;
  }
}

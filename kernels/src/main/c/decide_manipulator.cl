/* Twin of decide/DecideManipulator.java: sizes (draw 1) and distances (draw 2) uniform in their ranges, the side
 * fixed by index or drawn once per agent and seed (draw 3 of epoch 0). */
VS_KERNEL void decide_manipulator(vs_int from, vs_int to, vs_int last_tick, vs_int max_tick, vs_int qty_min,
                                  vs_int qty, vs_int wash_min, vs_int wash, vs_int drawn_sides,
                                  vs_long activity_threshold,
                                  VS_GLOBAL vs_int *bid_tick, VS_GLOBAL vs_int *bid_qty,
                                  VS_GLOBAL vs_int *ask_tick, VS_GLOBAL vs_int *ask_qty,
                                  vs_uint key_lo, vs_uint key_hi, vs_int epoch) {
  VS_AGENT(i, from, to);
  bid_tick[i] = 0; bid_qty[i] = 0; ask_tick[i] = 0; ask_qty[i] = 0;
  if (!vs_bernoulli(vs_agent_word(i, epoch, VS_STAGE_DECIDE, 0, key_lo, key_hi), activity_threshold)) return;
  vs_int size = vs_uniform(vs_agent_word(i, epoch, VS_STAGE_DECIDE, 1, key_lo, key_hi), qty_min, qty);
  vs_int ticks = vs_uniform(vs_agent_word(i, epoch, VS_STAGE_DECIDE, 2, key_lo, key_hi), wash_min, wash);
  int buys = drawn_sides == 0 ? (i & 1) == 0
      : vs_bernoulli(vs_agent_word(i, 0, VS_STAGE_DECIDE, 3, key_lo, key_hi), (vs_long) 1 << 31);
  if (buys) {
    bid_tick[i] = vs_clamp_tick(last_tick + ticks, max_tick);
    bid_qty[i] = size;
  } else {
    ask_tick[i] = vs_clamp_tick(last_tick - ticks, max_tick);
    ask_qty[i] = size;
  }
}

/* Twin of decide/DecideZeroIntelligence.java. */
VS_KERNEL void decide_zero_intelligence(vs_int from, vs_int to, vs_int constrained, vs_int buyer, vs_int max_tick,
                                        VS_GLOBAL const vs_int *trait, VS_GLOBAL const vs_int *quota,
                                        VS_GLOBAL vs_int *bid_tick, VS_GLOBAL vs_int *bid_qty,
                                        VS_GLOBAL vs_int *ask_tick, VS_GLOBAL vs_int *ask_qty,
                                        vs_uint key_lo, vs_uint key_hi, vs_int epoch) {
  VS_AGENT(i, from, to);
  bid_tick[i] = 0; bid_qty[i] = 0; ask_tick[i] = 0; ask_qty[i] = 0;
  if (quota[i] <= 0) return;
  vs_uint word = vs_agent_word(i, epoch, VS_STAGE_DECIDE, 0, key_lo, key_hi);
  if (buyer) {
    bid_tick[i] = vs_uniform(word, 1, constrained ? trait[i] : max_tick);
    bid_qty[i] = 1;
  } else {
    ask_tick[i] = vs_uniform(word, constrained ? trait[i] : 1, max_tick);
    ask_qty[i] = 1;
  }
}

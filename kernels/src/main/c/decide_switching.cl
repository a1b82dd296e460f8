/* Twin of decide/DecideSwitching.java. */
VS_KERNEL void decide_switching(vs_int from, vs_int to, vs_int last_tick, vs_int max_tick,
                                vs_long fundamentalist_threshold, double fundamental_mean, double chartist_mean,
                                double fundamental_spread, double chartist_spread, vs_int qty,
                                vs_long activity_threshold, VS_GLOBAL vs_int *bid_tick, VS_GLOBAL vs_int *bid_qty,
                                VS_GLOBAL vs_int *ask_tick, VS_GLOBAL vs_int *ask_qty, vs_uint key_lo,
                                vs_uint key_hi, vs_int epoch) {
  VS_AGENT(i, from, to);
  bid_tick[i] = 0; bid_qty[i] = 0; ask_tick[i] = 0; ask_qty[i] = 0;
  vs_uint word = vs_agent_word(i, epoch, VS_STAGE_DECIDE, 0, key_lo, key_hi);
  if (!vs_bernoulli(word, activity_threshold)) return;
  int fundamentalist = vs_bernoulli(word, fundamentalist_threshold);
  double eps = vs_normal(vs_agent_word(i, epoch, VS_STAGE_DECIDE, 1, key_lo, key_hi));
  double r = fundamentalist ? fundamental_mean + fundamental_spread * eps : chartist_mean + chartist_spread * eps;
  double expected = last_tick * vs_exp(r);
  if (r > 0) {
    bid_tick[i] = vs_floor_tick(expected, max_tick);
    bid_qty[i] = qty;
  } else if (r < 0) {
    ask_tick[i] = vs_ceil_tick(expected, max_tick);
    ask_qty[i] = qty;
  }
}

/* Twin of decide/DecideChartist.java. */
VS_KERNEL void decide_chartist(vs_int from, vs_int to, vs_int last_tick, vs_int lookback_tick, vs_int max_tick,
                               vs_int threshold, vs_int aggression, vs_int qty, vs_long activity_threshold,
                               VS_GLOBAL vs_int *bid_tick, VS_GLOBAL vs_int *bid_qty,
                               VS_GLOBAL vs_int *ask_tick, VS_GLOBAL vs_int *ask_qty,
                               vs_uint key_lo, vs_uint key_hi, vs_int epoch) {
  VS_AGENT(i, from, to);
  bid_tick[i] = 0; bid_qty[i] = 0; ask_tick[i] = 0; ask_qty[i] = 0;
  vs_int trend = last_tick - lookback_tick;
  if (trend <= threshold && trend >= -threshold) return;
  if (!vs_bernoulli(vs_agent_word(i, epoch, VS_STAGE_DECIDE, 0, key_lo, key_hi), activity_threshold)) return;
  if (trend > 0) {
    bid_tick[i] = vs_clamp_tick(last_tick + aggression, max_tick);
    bid_qty[i] = qty;
  } else {
    ask_tick[i] = vs_clamp_tick(last_tick - aggression, max_tick);
    ask_qty[i] = qty;
  }
}

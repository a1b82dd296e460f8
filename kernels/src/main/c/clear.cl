/*
 * Twin of clear/Clear.java: one work-item per market, all markets in parallel. Results are columns indexed
 * by market: price, volume, bid/ask marginal tick, fill and total, residual bid/ask, breach. demand is
 * scratch of markets * (width + 2). lower_band/upper_band (0 = no band) and halted come from the host's
 * circuit breakers.
 */
VS_KERNEL void clear(vs_int markets, vs_int width, VS_GLOBAL const vs_int *max_ticks,
                     VS_GLOBAL const vs_int *reference_ticks, VS_GLOBAL const vs_int *lower_band,
                     VS_GLOBAL const vs_int *upper_band, VS_GLOBAL const vs_int *halted,
                     VS_GLOBAL const vs_long *bids, VS_GLOBAL const vs_long *asks, VS_GLOBAL vs_long *demand_all,
                     VS_GLOBAL vs_int *price, VS_GLOBAL vs_long *volume,
                     VS_GLOBAL vs_int *bid_marginal_tick, VS_GLOBAL vs_long *bid_marginal_fill,
                     VS_GLOBAL vs_long *bid_marginal_total,
                     VS_GLOBAL vs_int *ask_marginal_tick, VS_GLOBAL vs_long *ask_marginal_fill,
                     VS_GLOBAL vs_long *ask_marginal_total,
                     VS_GLOBAL vs_int *residual_bid, VS_GLOBAL vs_int *residual_ask, VS_GLOBAL vs_int *breach) {
  vs_long gid = VS_GLOBAL_ID();
  if (gid >= markets) return;
  const vs_int m = (vs_int) gid;
  const vs_int base = m * width;
  const vs_int max_tick = max_ticks[m];
  const vs_int reference = reference_ticks[m];
  VS_GLOBAL vs_long *demand = demand_all + (vs_long) m * (width + 2);
  demand[max_tick + 1] = 0;
  for (vs_int t = max_tick; t >= 1; t--) demand[t] = demand[t + 1] + bids[base + t];
  vs_long supply = 0, best_volume = 0, best_imbalance = 0x7fffffffffffffffL;
  vs_int best_distance = 0x7fffffff, best_tick = 0;
  for (vs_int t = 1; t <= max_tick; t++) {
    supply += asks[base + t];
    vs_long d = demand[t];
    vs_long v = d < supply ? d : supply;
    if (v == 0) continue;
    vs_long imbalance = d > supply ? d - supply : supply - d;
    vs_int distance = t > reference ? t - reference : reference - t;
    if (v > best_volume || (v == best_volume && (imbalance < best_imbalance
        || (imbalance == best_imbalance && distance < best_distance)))) {
      best_volume = v; best_imbalance = imbalance; best_distance = distance; best_tick = t;
    }
  }
  /* Circuit breakers: a halted market does not trade; a price outside the band is not executed. */
  breach[m] = 0;
  if (halted[m] != 0) {
    best_volume = 0;
  } else if (best_volume > 0 && lower_band[m] > 0 && (best_tick < lower_band[m] || best_tick > upper_band[m])) {
    breach[m] = 1;
    best_volume = 0;
  }
  if (best_volume == 0) best_tick = 0;
  price[m] = best_tick;
  volume[m] = best_volume;
  if (best_volume == 0) {
    bid_marginal_tick[m] = 0; bid_marginal_fill[m] = 0; bid_marginal_total[m] = 0;
    ask_marginal_tick[m] = 0; ask_marginal_fill[m] = 0; ask_marginal_total[m] = 0;
    vs_int rb = 0;
    for (vs_int t = max_tick; t >= 1; t--) if (bids[base + t] > 0) { rb = t; break; }
    vs_int ra = 0;
    for (vs_int t = 1; t <= max_tick; t++) if (asks[base + t] > 0) { ra = t; break; }
    residual_bid[m] = rb; residual_ask[m] = ra;
    return;
  }
  vs_int bm = max_tick;
  while (demand[bm] < best_volume) bm--;
  vs_long bid_fill = best_volume - demand[bm + 1];
  bid_marginal_tick[m] = bm;
  bid_marginal_fill[m] = bid_fill;
  bid_marginal_total[m] = bids[base + bm];
  vs_int rb = 0;
  if (bid_fill < bids[base + bm]) rb = bm;
  else for (vs_int t = bm - 1; t >= 1; t--) if (bids[base + t] > 0) { rb = t; break; }
  residual_bid[m] = rb;
  vs_int am = 1;
  vs_long below = 0;
  while (below + asks[base + am] < best_volume) { below += asks[base + am]; am++; }
  vs_long ask_fill = best_volume - below;
  ask_marginal_tick[m] = am;
  ask_marginal_fill[m] = ask_fill;
  ask_marginal_total[m] = asks[base + am];
  vs_int ra = 0;
  if (ask_fill < asks[base + am]) ra = am;
  else for (vs_int t = am + 1; t <= max_tick; t++) if (asks[base + t] > 0) { ra = t; break; }
  residual_ask[m] = ra;
}

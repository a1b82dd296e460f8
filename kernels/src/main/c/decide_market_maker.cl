/* Twin of decide/DecideMarketMaker.java. */
VS_KERNEL void decide_market_maker(vs_int from, vs_int to, vs_int last_tick, vs_int max_tick,
                                   vs_int half_spread, vs_int quote_qty, vs_int max_inventory, vs_int skew,
                                   VS_GLOBAL const vs_int *inventory,
                                   VS_GLOBAL vs_int *bid_tick, VS_GLOBAL vs_int *bid_qty,
                                   VS_GLOBAL vs_int *ask_tick, VS_GLOBAL vs_int *ask_qty) {
  VS_AGENT(i, from, to);
  bid_tick[i] = 0; bid_qty[i] = 0; ask_tick[i] = 0; ask_qty[i] = 0;
  vs_int inv = inventory[i];
  /* C and Java integer division both truncate toward zero */
  vs_int mid = last_tick - (vs_int) ((vs_long) inv * skew / max_inventory);
  vs_int bid = vs_clamp_tick(mid - half_spread, max_tick);
  vs_int ask = vs_clamp_tick(mid + half_spread, max_tick);
  if (bid >= ask) return;
  vs_int room = max_inventory - inv;
  vs_int held = max_inventory + inv;
  if (room > 0) { bid_tick[i] = bid; bid_qty[i] = quote_qty < room ? quote_qty : room; }
  if (held > 0) { ask_tick[i] = ask; ask_qty[i] = quote_qty < held ? quote_qty : held; }
}

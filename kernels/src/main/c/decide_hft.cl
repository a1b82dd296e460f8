/* Twin of decide/DecideHft.java. */
VS_KERNEL void decide_hft(vs_int from, vs_int to, vs_int last_tick, vs_int previous_tick, vs_int max_tick,
                          vs_int quote_qty, vs_int max_inventory, vs_int aggression, vs_int dip_qty,
                          VS_GLOBAL const vs_int *inventory,
                          VS_GLOBAL vs_int *bid_tick, VS_GLOBAL vs_int *bid_qty,
                          VS_GLOBAL vs_int *ask_tick, VS_GLOBAL vs_int *ask_qty) {
  VS_AGENT(i, from, to);
  bid_tick[i] = 0; bid_qty[i] = 0; ask_tick[i] = 0; ask_qty[i] = 0;
  vs_int move = last_tick - previous_tick;
  vs_int down = vs_clamp_tick(last_tick - aggression, max_tick);
  vs_int up = vs_clamp_tick(last_tick + aggression, max_tick);
  vs_int bid = vs_clamp_tick(last_tick - 1, max_tick);
  vs_int ask = vs_clamp_tick(last_tick + 1, max_tick);
  vs_int inv = inventory[i];
  vs_int room = max_inventory - inv;
  vs_int held = max_inventory + inv;
  if (move < 0) {
    if (inv > 0) { ask_tick[i] = down; ask_qty[i] = inv; }
    else if (room > 0) { bid_tick[i] = down; bid_qty[i] = dip_qty < room ? dip_qty : room; }
  } else if (move > 0) {
    if (inv < 0) { bid_tick[i] = up; bid_qty[i] = -inv; }
    else if (held > 0) { ask_tick[i] = up; ask_qty[i] = quote_qty < held ? quote_qty : held; }
  } else if (bid < ask) {
    if (room > 0) { bid_tick[i] = bid; bid_qty[i] = quote_qty < room ? quote_qty : room; }
    if (held > 0) { ask_tick[i] = ask; ask_qty[i] = quote_qty < held ? quote_qty : held; }
  }
}

/* Twin of gate/Gate.java; rejections are added to rejects[reject_base + reason] with 64-bit atomics. */
VS_KERNEL void gate(vs_int from, vs_int to, vs_long tick_size, vs_int fee_bps, vs_int max_position, vs_int max_short,
                    VS_GLOBAL const vs_long *cash, VS_GLOBAL const vs_int *inventory, VS_GLOBAL const vs_int *status,
                    VS_GLOBAL const vs_int *bid_tick, VS_GLOBAL vs_int *bid_qty,
                    VS_GLOBAL const vs_int *ask_tick, VS_GLOBAL vs_int *ask_qty, VS_GLOBAL vs_long *rejects,
                    vs_int reject_base) {
  VS_AGENT(i, from, to);
  vs_int bq = bid_qty[i];
  vs_int aq = ask_qty[i];
  if (status[i] != 0 && (bq > 0 || aq > 0)) {
    bid_qty[i] = 0;
    ask_qty[i] = 0;
    VS_ATOMIC_ADD_LONG(&rejects[reject_base + 4], (vs_long) ((bq > 0 ? 1 : 0) + (aq > 0 ? 1 : 0)));
    return;
  }
  if (bq > 0 && aq > 0 && bid_tick[i] >= ask_tick[i]) {
    bid_qty[i] = 0;
    ask_qty[i] = 0;
    VS_ATOMIC_ADD_LONG(&rejects[reject_base + 0], 2);
    return;
  }
  if (bq > 0) {
    vs_long price = bid_tick[i] * tick_size;
    vs_long inv = inventory[i];
    if (inv + bq > max_position) {
      bid_qty[i] = 0;
      VS_ATOMIC_ADD_LONG(&rejects[reject_base + 1], 1);
    } else {
      vs_long notional = price * bq;
      vs_long c = cash[i];
      if (VS_MUL_HI_LONG(price, (vs_long) bq) != 0 || notional < 0 || notional > c
          || notional + vs_fee(notional, fee_bps) > c) {
        bid_qty[i] = 0;
        VS_ATOMIC_ADD_LONG(&rejects[reject_base + 2], 1);
      }
    }
  }
  if (aq > 0 && (vs_long) aq > (vs_long) inventory[i] + max_short) {
    ask_qty[i] = 0;
    VS_ATOMIC_ADD_LONG(&rejects[reject_base + 3], 1);
  }
}

/*
 * Twin of gate/Gate.java; rejections are added to rejects[reject_base + reason] with 64-bit atomics, and all
 * but `killed` to segment_rejects[segment] (the twin sums the same per cohort).
 */

/* Reasons, as RejectReason's ordinals. */
#define VS_SELF_CROSS 0
#define VS_POSITION 1
#define VS_BUDGET 2
#define VS_INVENTORY 3
#define VS_KILLED 4
#define VS_SCOPE 5
#define VS_RATE_LIMIT 6

VS_INLINE int vs_bid_reason(vs_int bq, vs_long price, vs_int fee_bps, vs_int max_position, vs_int max_order_qty,
                            vs_long spend_limit, vs_long cash, vs_int inventory) {
  if (bq > max_order_qty) return VS_SCOPE;
  if ((vs_long) inventory + bq > max_position) return VS_POSITION;
  vs_long notional = price * bq;
  if (VS_MUL_HI_LONG(price, (vs_long) bq) != 0 || notional < 0 || notional > cash
      || notional + vs_fee(notional, fee_bps) > cash) return VS_BUDGET;
  return notional > spend_limit ? VS_SCOPE : -1;
}

VS_KERNEL void gate(vs_int from, vs_int to, vs_long tick_size, vs_int fee_bps, vs_int max_position, vs_int max_short,
                    vs_int max_order_qty, vs_long spend_limit, vs_int refill, vs_int capacity,
                    VS_GLOBAL const vs_long *cash, VS_GLOBAL const vs_int *inventory, VS_GLOBAL const vs_int *status,
                    VS_GLOBAL vs_int *tokens,
                    VS_GLOBAL const vs_int *bid_tick, VS_GLOBAL vs_int *bid_qty,
                    VS_GLOBAL const vs_int *ask_tick, VS_GLOBAL vs_int *ask_qty, VS_GLOBAL vs_long *rejects,
                    vs_int reject_base, VS_GLOBAL vs_long *segment_rejects, vs_int segment) {
  VS_AGENT(i, from, to);
  vs_int bq = bid_qty[i];
  vs_int aq = ask_qty[i];
  vs_int t = 0;
  if (capacity > 0) {
    t = tokens[i] + refill < capacity ? tokens[i] + refill : capacity;
    tokens[i] = t;
  }
  if (status[i] != 0 && (bq > 0 || aq > 0)) {
    bid_qty[i] = 0;
    ask_qty[i] = 0;
    VS_ATOMIC_ADD_LONG(&rejects[reject_base + VS_KILLED], (vs_long) ((bq > 0 ? 1 : 0) + (aq > 0 ? 1 : 0)));
    return;
  }
  if (bq > 0 && aq > 0 && bid_tick[i] >= ask_tick[i]) {
    bid_qty[i] = 0;
    ask_qty[i] = 0;
    VS_ATOMIC_ADD_LONG(&rejects[reject_base + VS_SELF_CROSS], 2);
    VS_ATOMIC_ADD_LONG(&segment_rejects[segment], 2);
    return;
  }
  if (bq > 0) {
    int reason = vs_bid_reason(bq, bid_tick[i] * tick_size, fee_bps, max_position, max_order_qty, spend_limit,
                               cash[i], inventory[i]);
    if (reason < 0 && capacity > 0) {
      reason = t < 1000 ? VS_RATE_LIMIT : -1;
      if (reason < 0) t -= 1000;
    }
    if (reason >= 0) {
      bid_qty[i] = 0;
      VS_ATOMIC_ADD_LONG(&rejects[reject_base + reason], 1);
      VS_ATOMIC_ADD_LONG(&segment_rejects[segment], 1);
    }
  }
  if (aq > 0) {
    int reason = aq > max_order_qty ? VS_SCOPE
        : ((vs_long) aq > (vs_long) inventory[i] + max_short ? VS_INVENTORY : -1);
    if (reason < 0 && capacity > 0) {
      reason = t < 1000 ? VS_RATE_LIMIT : -1;
      if (reason < 0) t -= 1000;
    }
    if (reason >= 0) {
      ask_qty[i] = 0;
      VS_ATOMIC_ADD_LONG(&rejects[reject_base + reason], 1);
      VS_ATOMIC_ADD_LONG(&segment_rejects[segment], 1);
    }
  }
  if (capacity > 0) tokens[i] = t;
}

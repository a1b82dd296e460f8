/*
 * Twin of gate/Gate.java; each side of an order goes through vs_eligibility (vaesim.h), the check every mechanism
 * shares. Rejections are added to rejects[reject_base + reason] with 64-bit atomics, and all but `killed` to
 * segment_rejects[segment] (the twin sums the same per cohort).
 */

/* Gate.bidReason: the gate's own reason to reject a bid (position, then budget), or -1. */
VS_INLINE int vs_bid_reason(vs_int bq, vs_long price, vs_int fee_bps, vs_int max_position, vs_long cash,
                            vs_int inventory) {
  if ((vs_long) inventory + bq > max_position) return VS_POSITION;
  vs_long notional = price * bq;
  if (VS_MUL_HI_LONG(price, (vs_long) bq) != 0 || notional < 0 || notional > cash
      || notional + vs_fee(notional, fee_bps) > cash) return VS_BUDGET;
  return -1;
}

/* Gate.reputation: the reputation (millionths) after an epoch with orders, some of them rejected or none. */
VS_INLINE vs_int vs_reputation(vs_int reputation, int rejected, vs_int gain, vs_int loss) {
  vs_long change = rejected ? -(vs_long) reputation * loss : (vs_long) (1000000 - reputation) * gain;
  return reputation + (vs_int) (change / 1000000);
}

VS_KERNEL void gate(vs_int from, vs_int to, vs_long tick_size, vs_int fee_bps, vs_int max_position, vs_int max_short,
                    vs_int max_order_qty, vs_long spend_limit, vs_int refill, vs_int capacity,
                    vs_int probation_below, vs_int probation_max_position, vs_int probation_max_order_qty,
                    vs_long probation_spend_limit, vs_int reputation_gain, vs_int reputation_loss,
                    VS_GLOBAL const vs_long *cash, VS_GLOBAL const vs_int *inventory, VS_GLOBAL const vs_int *status,
                    VS_GLOBAL vs_int *tokens, VS_GLOBAL vs_int *reputation,
                    VS_GLOBAL const vs_int *bid_tick, VS_GLOBAL vs_int *bid_qty,
                    VS_GLOBAL const vs_int *ask_tick, VS_GLOBAL vs_int *ask_qty, VS_GLOBAL vs_long *rejects,
                    vs_int reject_base, VS_GLOBAL vs_long *segment_rejects, vs_int segment) {
  VS_AGENT(i, from, to);
  vs_int bq = bid_qty[i];
  vs_int aq = ask_qty[i];
  /* buckets refill every epoch, whatever becomes of the orders; each is stored once, at the end (as in the twin) */
  vs_int t = capacity > 0 ? (tokens[i] + refill < capacity ? tokens[i] + refill : capacity) : 0;
  vs_int st = status[i];
  if (st != 0) {
    if (bq > 0 || aq > 0) {
      /* the status decides alone: killed orders are counted, a pending or refused agent's dropped uncounted */
      int reason = vs_eligibility(st, 0, 0, -1, 0, 0, 0, 0);
      bid_qty[i] = 0;
      ask_qty[i] = 0;
      if (reason >= 0)
        VS_ATOMIC_ADD_LONG(&rejects[reject_base + reason], (vs_long) ((bq > 0 ? 1 : 0) + (aq > 0 ? 1 : 0)));
    }
  } else if (bq > 0 || aq > 0) { /* without orders: nothing to check, and no outcome for its reputation */
    int tracks = reputation_gain > 0 || reputation_loss > 0;
    /* one load of the column (as in the twin), none where neither updates nor probation need it */
    vs_int trust = tracks || probation_below > 0 ? reputation[i] : 1000000;
    vs_int rejected = 0;
    if (bq > 0 && aq > 0 && bid_tick[i] >= ask_tick[i]) {
      bid_qty[i] = 0;
      ask_qty[i] = 0;
      VS_ATOMIC_ADD_LONG(&rejects[reject_base + VS_SELF_CROSS], 2);
      VS_ATOMIC_ADD_LONG(&segment_rejects[segment], 2);
      rejected = 2;
    } else {
      int probation = trust < probation_below;
      vs_int position = probation && probation_max_position < max_position ? probation_max_position : max_position;
      vs_int largest = probation && probation_max_order_qty < max_order_qty ? probation_max_order_qty : max_order_qty;
      vs_long spend = probation && probation_spend_limit < spend_limit ? probation_spend_limit : spend_limit;
      if (bq > 0) {
        vs_long price = bid_tick[i] * tick_size;
        int reason = vs_eligibility(0, bq, largest, vs_bid_reason(bq, price, fee_bps, position, cash[i],
                                    inventory[i]), price * bq, spend, capacity, t);
        if (reason == VS_ELIGIBLE) {
          if (capacity > 0) t -= VS_TOKEN;
        } else {
          bid_qty[i] = 0;
          VS_ATOMIC_ADD_LONG(&rejects[reject_base + reason], 1);
          VS_ATOMIC_ADD_LONG(&segment_rejects[segment], 1);
          rejected++;
        }
      }
      if (aq > 0) {
        int holdings = (vs_long) aq > (vs_long) inventory[i] + max_short ? VS_INVENTORY : -1;
        int reason = vs_eligibility(0, aq, largest, holdings, 0, spend, capacity, t);
        if (reason == VS_ELIGIBLE) {
          if (capacity > 0) t -= VS_TOKEN;
        } else {
          ask_qty[i] = 0;
          VS_ATOMIC_ADD_LONG(&rejects[reject_base + reason], 1);
          VS_ATOMIC_ADD_LONG(&segment_rejects[segment], 1);
          rejected++;
        }
      }
    }
    /* a fully trusted agent's clean epoch changes nothing (the common case): no arithmetic, no store */
    if (tracks && (rejected > 0 || trust < 1000000)) {
      vs_int updated = vs_reputation(trust, rejected > 0, reputation_gain, reputation_loss);
      if (updated != trust) reputation[i] = updated;
    }
  }
  if (capacity > 0) tokens[i] = t;
}

/* Twin of gate/Standing.java: a cohort's active agents, their reputation sum and its killed agents, reduced per block
 * of VS_GROUP agents and added into out[3 * segment + 0, 1, 2]. */
VS_KERNEL void standing(vs_int from, vs_int to, VS_GLOBAL const vs_int *status, VS_GLOBAL const vs_int *reputation,
                        VS_GLOBAL vs_long *out, vs_int segment) {
  VS_LOCAL vs_long active[VS_GROUP];
  VS_LOCAL vs_long sum[VS_GROUP];
  VS_LOCAL vs_long killed[VS_GROUP];
  const int lid = VS_LOCAL_ID();
  const vs_long gid = VS_GLOBAL_ID();
  const vs_int i = from + (vs_int) gid;
  const int valid = gid < (vs_long) (to - from);
  const int counted = valid && status[i] == 0;
  active[lid] = counted ? 1 : 0;
  sum[lid] = counted ? (vs_long) reputation[i] : 0;
  killed[lid] = valid && status[i] == 1 ? 1 : 0;
  VS_BARRIER();
  for (int stride = VS_GROUP / 2; stride > 0; stride >>= 1) {
    if (lid < stride) {
      active[lid] += active[lid + stride];
      sum[lid] += sum[lid + stride];
      killed[lid] += killed[lid + stride];
    }
    VS_BARRIER();
  }
  if (lid == 0) {
    if (active[0] != 0) {
      VS_ATOMIC_ADD_LONG(&out[3 * (vs_long) segment], active[0]);
      VS_ATOMIC_ADD_LONG(&out[3 * (vs_long) segment + 1], sum[0]);
    }
    if (killed[0] != 0) VS_ATOMIC_ADD_LONG(&out[3 * (vs_long) segment + 2], killed[0]);
  }
}

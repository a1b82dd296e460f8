/* Twin of book/Book.java: integer atomics, so the histogram does not depend on the order of the adds. */
VS_KERNEL void book(vs_int from, vs_int to, vs_int base,
                    VS_GLOBAL const vs_int *bid_tick, VS_GLOBAL const vs_int *bid_qty,
                    VS_GLOBAL const vs_int *ask_tick, VS_GLOBAL const vs_int *ask_qty,
                    VS_GLOBAL vs_long *bids, VS_GLOBAL vs_long *asks) {
  VS_AGENT(i, from, to);
  vs_int bq = bid_qty[i];
  if (bq > 0) VS_ATOMIC_ADD_LONG(&bids[base + bid_tick[i]], (vs_long) bq);
  vs_int aq = ask_qty[i];
  if (aq > 0) VS_ATOMIC_ADD_LONG(&asks[base + ask_tick[i]], (vs_long) aq);
}

/* Twin of decide/DecideTruthful.java. */
VS_KERNEL void decide_truthful(vs_int from, vs_int to, vs_int buyer, VS_GLOBAL const vs_int *trait,
                               VS_GLOBAL const vs_int *quota, VS_GLOBAL vs_int *bid_tick, VS_GLOBAL vs_int *bid_qty,
                               VS_GLOBAL vs_int *ask_tick, VS_GLOBAL vs_int *ask_qty) {
  VS_AGENT(i, from, to);
  bid_tick[i] = 0; bid_qty[i] = 0; ask_tick[i] = 0; ask_qty[i] = 0;
  if (quota[i] <= 0) return;
  if (buyer) {
    bid_tick[i] = trait[i];
    bid_qty[i] = 1;
  } else {
    ask_tick[i] = trait[i];
    ask_qty[i] = 1;
  }
}

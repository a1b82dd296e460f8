/* Twin of decide/DecideExecution.java. */
VS_KERNEL void decide_execution(vs_int from, vs_int to, vs_int buyer, vs_int epoch, vs_int start_epoch,
                                vs_long previous_volume, double participation, vs_int max_order, vs_int limit_tick,
                                vs_int max_tick, VS_GLOBAL const vs_int *quota,
                                VS_GLOBAL vs_int *bid_tick, VS_GLOBAL vs_int *bid_qty,
                                VS_GLOBAL vs_int *ask_tick, VS_GLOBAL vs_int *ask_qty) {
  VS_AGENT(i, from, to);
  bid_tick[i] = 0; bid_qty[i] = 0; ask_tick[i] = 0; ask_qty[i] = 0;
  if (epoch < start_epoch || quota[i] <= 0) return;
  double wanted = floor(participation * (double) previous_volume);
  vs_int slice = wanted >= max_order ? max_order : ((vs_int) wanted > 1 ? (vs_int) wanted : 1);
  vs_int qty = slice < quota[i] ? slice : quota[i];
  if (buyer) { bid_tick[i] = limit_tick == 0 ? max_tick : limit_tick; bid_qty[i] = qty; }
  else { ask_tick[i] = limit_tick == 0 ? 1 : limit_tick; ask_qty[i] = qty; }
}

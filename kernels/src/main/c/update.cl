/* Twins of update/Update.java and of the Java backend's event adjustments. */
VS_KERNEL void refill_quota(vs_int from, vs_int to, vs_int units, VS_GLOBAL vs_int *quota) {
  VS_AGENT(i, from, to);
  quota[i] = units;
}

/* cash += delta, never below zero; the net change is added to net[0]. */
VS_KERNEL void adjust_cash(vs_int from, vs_int to, vs_long delta, VS_GLOBAL vs_long *cash, VS_GLOBAL vs_long *net) {
  VS_AGENT(i, from, to);
  vs_long change = delta > -cash[i] ? delta : -cash[i];
  cash[i] += change;
  if (change != 0) VS_ATOMIC_ADD_LONG(&net[0], change);
}

/* inventory += delta, never below zero (short positions are left alone); net change added to net[0]. */
VS_KERNEL void adjust_goods(vs_int from, vs_int to, vs_int delta, VS_GLOBAL vs_int *inventory,
                            VS_GLOBAL vs_long *net) {
  VS_AGENT(i, from, to);
  vs_int held = inventory[i] > 0 ? inventory[i] : 0;
  vs_int change = delta > -held ? delta : -held;
  inventory[i] += change;
  if (change != 0) VS_ATOMIC_ADD_LONG(&net[0], (vs_long) change);
}

/* Kill switch: active (0) or pending (2) agents over [from, to) become KILLED (1), counted into killed[0]. */
VS_KERNEL void kill_agents(vs_int from, vs_int to, VS_GLOBAL vs_int *status, VS_GLOBAL vs_long *killed) {
  VS_AGENT(i, from, to);
  if (status[i] == 0 || status[i] == 2) {
    status[i] = 1;
    VS_ATOMIC_ADD_LONG(&killed[0], 1);
  }
}

/* Entry: pending (2) agents over [from, to) get new_status and the reputation given; counted into arrived[0]. */
VS_KERNEL void arrive_agents(vs_int from, vs_int to, vs_int new_status, vs_int reputation_millionths,
                             VS_GLOBAL vs_int *status, VS_GLOBAL vs_int *reputation, VS_GLOBAL vs_long *arrived) {
  VS_AGENT(i, from, to);
  if (status[i] == 2) {
    status[i] = new_status;
    reputation[i] = reputation_millionths;
    VS_ATOMIC_ADD_LONG(&arrived[0], 1);
  }
}

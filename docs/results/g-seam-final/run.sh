#!/bin/sh
# old (a250186: exchange inside the backends, safety rules named by the engine) and new (77458f5: both on the
# seams) jars, interleaved, one sitting. OLD and NEW are checkouts of those commits with their jars built
# (./mvnw -B -o -DskipTests package); results land beside this script.
here=$(cd "$(dirname "$0")" && pwd)
for i in 1 2 3 4 5; do
  for v in old new; do
    if [ $v = old ]; then d=$OLD; else d=$NEW; fi
    echo "== pair $i $v $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    (cd $d && ./vaesim bench --agents 1000000 --epochs 200 --warmup 50 --naive-agents 0 --no-safety --stream-mb 384 \
      --stream-reps 1 --json $here/b-$v-$i.json) 2>&1 | grep -E 'engine \(java|vaesim bench:'
  done
done
echo done

#!/bin/sh
# old (67609d9, before the stage seam) and new (3708ceb) jars, interleaved, one sitting, quiet machine
cd docs/results/g-stages/quiet
for i in 1 2 3 4 5 6 7 8; do
  for v in old new; do
    if [ $v = old ]; then d=/work/wt/bench-old; else d=/work/main; fi
    echo "== pair $i $v $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    (cd $d && ./vaesim bench --agents 1000000 --epochs 200 --warmup 50 --naive-agents 0 --no-safety --stream-mb 384 --stream-reps 1 --json docs/results/g-stages/quiet/b-$v-$i.json) 2>&1 | grep -E 'engine \(java|vaesim bench:'
  done
done
echo done

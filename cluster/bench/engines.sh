#!/bin/sh
# The same 64-run sweep (configs/sweeps/engines-64.json: 8 points x 8 seeds, 25,001 agents, 300 epochs) on the
# local engine (2 at a time), on Spark local[2], and on a standalone cluster of a Master and two Workers of one
# core each on the loopback address, one after the other; prints one JSON object (docs/cluster.md#measured).
# Wall times are of the whole command (JVM, Spark's start, the sweep, the result files); "sweep_s" is from the
# sweep's first line to its last. Needs the cluster module built (./mvnw -B -pl cluster -am package).
# Usage, from the repository root: sh cluster/bench/engines.sh OUT_DIR > result.json
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:?usage: engines.sh OUT_DIR}
. "$root/.mvn/jdk25.sh"
vaesim_find_jdk25 >/dev/null || exit 2
mkdir -p "$out"
sweep="$root/configs/sweeps/engines-64.json"
jars="$root/cluster/target/spark/jars"
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
 --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
 --add-opens=java.base/java.util=ALL-UNNAMED"
export SPARK_LOCAL_IP=127.0.0.1

now() { date +%s.%N; }

# Runs "$@" with each stderr line stamped; prints wall seconds, sweep seconds (first to last sweep line).
timed() {
  name=$1; shift
  t0=$(now)
  "$@" 2>&1 | while IFS= read -r line; do printf '%s %s\n' "$(now)" "$line"; done > "$out/$name.log"
  t1=$(now)
  first=$(grep -m1 ' sweep engines-64:' "$out/$name.log" | cut -d' ' -f1)
  last=$(grep ' vaesim: sweep engines-64:' "$out/$name.log" | tail -n1 | cut -d' ' -f1)
  failed=$(grep -o '[0-9]* failed;' "$out/$name.log" | tail -n1)
  printf '"%s": {"wall_s": %.2f, "sweep_s": %.2f, "result": "%s"}' "$name" \
    "$(echo "$t1 - $t0" | bc)" "$(echo "$last - $first" | bc)" "$failed"
}

echo "{"
printf '"machine": "%s, %s cores", "load_before": "%s",\n' "$(uname -m)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '"command": "sh cluster/bench/engines.sh OUT_DIR",\n'
timed local "$root/vaesim" sweep "$sweep" --out "$out/local" --parallel 2 --no-parquet
echo ","
timed spark_local_2 "$root/vaesim" sweep "$sweep" --out "$out/spark-local" --engine spark --master 'local[2]' \
  --no-parquet
echo ","

# The standalone cluster: started before its timing, as a cluster would be, and stopped after.
port=$((20000 + $$ % 20000))
cp="$jars/*"
SPARK_HOME="$root/cluster/target/spark" SPARK_SCALA_VERSION=2.13 "$JAVA_HOME/bin/java" -Xmx256m $opens -cp "$cp" \
  org.apache.spark.deploy.master.Master --host 127.0.0.1 --port $port --webui-port $((port + 1)) \
  > "$out/master.log" 2>&1 &
master=$!
workers=""
for i in 0 1; do
  mkdir -p "$out/work-$i"
  SPARK_HOME="$root/cluster/target/spark" SPARK_SCALA_VERSION=2.13 "$JAVA_HOME/bin/java" -Xmx256m $opens \
    -cp "$cp" org.apache.spark.deploy.worker.Worker spark://127.0.0.1:$port --host 127.0.0.1 --cores 1 \
    --memory 2g --webui-port $((port + 2 + i)) --work-dir "$out/work-$i" > "$out/worker-$i.log" 2>&1 &
  workers="$workers $!"
done
until [ "$(grep -c 'Registering worker' "$out/master.log" 2>/dev/null)" = 2 ]; do sleep 0.2; done
VAESIM_JAVA_OPTS="-Dspark.driver.host=127.0.0.1 -Dspark.executor.memory=1g" \
  timed spark_standalone_2_workers "$root/vaesim" sweep "$sweep" --out "$out/spark-standalone" --engine spark \
  --master spark://127.0.0.1:$port --no-parquet
for p in $workers; do pkill -P "$p" 2>/dev/null || true; kill "$p"; done
kill $master
printf ',\n"load_after": "%s"\n}\n' "$(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# vaesim's cuda checks and benchmarks on a GPU machine, from a checkout whose .gpu/ was filled by
# bench/gpu/prepare.sh on a build machine (the device tool: carry [".gpu"]). Every result goes into $OUT
# (default ./out): one log per mode, and JSON or JUnit XML.
#
#   bench/gpu/run-on-gpu.sh tests          JUnit: every kernel against its Java twin (TwinParityTest, ClearTest,
#                                          InequalityTest, AuctionTest, MissionTest, GatewayTest, PtxTest ...) and
#                                          whole runs in lockstep with java after every epoch (BackendParityTest,
#                                          ResourceAuctionTest, MissionEconomyTest, SafetyMatrixTest,
#                                          KineticExchangeTest, CompoundingAdvantageTest), on cuda, with
#                                          VAESIM_REQUIRE_CUDA=1: a missing device fails instead of skipping
#   bench/gpu/run-on-gpu.sh parity         vaesim parity: quickstart, flash-crash and million, full length, java
#                                          and cuda compared every 10 epochs -> parity-cuda.json
#   bench/gpu/run-on-gpu.sh bench N...     vaesim bench --backend cuda at N agents (1e5 1e6 1e7 1e8), each
#                                          -> bench-cuda-N.json
#
# BACKEND=opencl runs the same against the OpenCL backend (a dry run on a machine with PoCL, or NVIDIA's OpenCL).
# Each mode fits the device tool's 10-minute command limit; run bench 1e8 alone.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
OUT=${OUT:-out}
BACKEND=${BACKEND:-cuda}
mode=${1:-}
shift || true
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
log="$OUT/$mode.log"
exec > >(tee "$log") 2>&1

case "$mode" in tests|parity|bench) ;; *)
  echo "usage: bench/gpu/run-on-gpu.sh tests | parity | bench N... (see the comment at the top)"; exit 2 ;;
esac
for f in .gpu/vaesim.jar .gpu/kernels-tests.jar .gpu/host-tests.jar; do
  [ -f "$f" ] || { echo "run-on-gpu: $f is missing: run bench/gpu/prepare.sh on a build machine first"; exit 2; }
done

# A JDK 25: .jdk/ (a jlink image), else .gpu/jdk.tar.gz unpacked once (tar, or python3 where tar cannot), else
# java on PATH if it is 25.
if [ -x .jdk/bin/java ]; then
  java=$root/.jdk/bin/java
elif [ -f .gpu/jdk.tar.gz ]; then
  jdk=${TMPDIR:-/tmp}/vaesim-jdk
  if [ ! -x "$jdk/jdk/bin/java" ]; then
    mkdir -p "$jdk"
    tar -C "$jdk" -xzf .gpu/jdk.tar.gz 2>/dev/null \
      || python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' .gpu/jdk.tar.gz "$jdk"
  fi
  java="$jdk/jdk/bin/java"
else
  java=java
fi
"$java" -version 2>&1 | head -1 | grep -q '"25' || { echo "run-on-gpu: $java is not a JDK 25"; exit 2; }
jvm=("$java" --enable-native-access=ALL-UNNAMED -XX:MaxRAMPercentage=75)

echo "== $(date -u +%FT%TZ) $mode on $(uname -n), $(nproc) cores, backend $BACKEND"
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv 2>&1 || true
"${jvm[@]}" -jar .gpu/vaesim.jar backends

case "$mode" in
tests)
  export VAESIM_REQUIRE_CUDA=${VAESIM_REQUIRE_CUDA:-$([ "$BACKEND" = cuda ] && echo 1 || echo 0)}
  g=$root/.gpu
  launcher=$(ls "$g"/junit-platform-console-standalone-*.jar)
  # host's tests read ../configs, as under Maven: run from host/; the debug switch on, as in every test run
  junit() {
    (cd host && "${jvm[@]}" -Xmx16g -Dvaesim.checks=true -jar "$launcher" execute \
        --class-path "$g/vaesim.jar:$g/kernels-tests.jar:$g/host-tests.jar" \
        --exclude-engine=junit-vintage --exclude-engine=junit-platform-suite \
        --details=tree --disable-banner --fail-if-no-tests "$@")
  }
  junit --scan-class-path "$g/kernels-tests.jar" --reports-dir "$OUT/junit/kernels"
  status=$?
  # every host suite with device cases (each parameterized over opencl and cuda; the other backend skips)
  junit --select-class org.vaesim.host.epoch.BackendParityTest \
        --select-class org.vaesim.host.epoch.ResourceAuctionTest \
        --select-class org.vaesim.host.epoch.MissionEconomyTest \
        --select-class org.vaesim.host.epoch.SafetyMatrixTest \
        --select-class org.vaesim.host.epoch.KineticExchangeTest \
        --select-class org.vaesim.host.epoch.CompoundingAdvantageTest \
        --select-class org.vaesim.host.epoch.DemandReductionTest \
        --select-class org.vaesim.host.example.lottery.LotteryTest \
        --select-class org.vaesim.host.relationships.RelationshipsStageTest \
        --select-class org.vaesim.host.routing.RoutingStageTest \
        --select-class org.vaesim.host.coordination.CoordinationTest \
        --select-class org.vaesim.host.safety.LinkingTest \
        --select-class org.vaesim.host.safety.SelfTradingTest \
        --select-class org.vaesim.host.safety.SafetyRulesTest \
        --select-class org.vaesim.host.exchange.ExchangeStagesTest --reports-dir "$OUT/junit/host" || status=$?
  ;;
parity)
  "${jvm[@]}" -jar .gpu/vaesim.jar parity --backend "$BACKEND" --every 10 --json "$OUT/parity-$BACKEND.json" \
      configs/quickstart.json configs/flash-crash.json configs/million.json
  status=$?
  ;;
bench)
  [ $# -gt 0 ] || set -- 1e5 1e6 1e7
  status=0
  for n in "$@"; do
    case "$n" in # agents, timed epochs, warm-up epochs: about 10^8 agent-epochs or more per engine
      1e5) agents=100000;    epochs=1000; warmup=200 ;;
      1e6) agents=1000000;   epochs=200;  warmup=40 ;;
      1e7) agents=10000000;  epochs=40;   warmup=10 ;;
      1e8) agents=100000000; epochs=10;   warmup=3 ;;
      *) echo "run-on-gpu: bench sizes are 1e5 1e6 1e7 1e8, not $n"; exit 2 ;;
    esac
    echo "== bench $BACKEND $n"
    "${jvm[@]}" -jar .gpu/vaesim.jar bench --backend "$BACKEND" --agents "$agents" --epochs "$epochs" \
        --warmup "$warmup" --naive-agents 0 --stream-mb 2048 --stream-reps 3 --json "$OUT/bench-$BACKEND-$n.json" \
      || status=$?
  done
  ;;
esac
echo "== $(date -u +%FT%TZ) $mode done, exit $status"
exit "$status"

#!/usr/bin/env bash
# Gathers into .gpu/ (ignored by git) what bench/gpu/run-on-gpu.sh needs on a GPU machine that has an NVIDIA
# driver but maybe no JDK, no Maven and no network (the device tool's machines):
#   vaesim.jar            the runnable jar, with the kernels' PTX inside when this machine has nvcc
#   kernels-tests.jar     the test classes of kernels/ and host/, for the cuda parity suites
#   host-tests.jar
#   junit-platform-console-standalone-*.jar   JUnit's launcher (from Maven Central, through the Maven wrapper)
#   jdk.tar.gz            a JDK 25 runtime made by jlink (the modules vaesim and the tests use), compressed so
#                         that everything fits the device tool's 64 MiB; run-on-gpu.sh unpacks it
# Run it on a build machine with JDK 25 (and nvcc for the PTX). Takes a minute or two.
set -euo pipefail
cd "$(dirname "$0")/../.."
. .mvn/jdk25.sh
vaesim_find_jdk25
jdk="$JAVA_HOME"

./mvnw -B -q -DskipTests package
[ -f kernels/target/classes/org/vaesim/kernels/cuda/vaesim.ptx ] \
  || echo "prepare: no nvcc here, so the jar has no PTX: the GPU machine will compile with NVRTC at start" >&2

rm -rf .gpu
mkdir -p .gpu
cp bench/target/vaesim.jar .gpu/
"$jdk/bin/jar" --create --file .gpu/kernels-tests.jar -C kernels/target/test-classes .
"$jdk/bin/jar" --create --file .gpu/host-tests.jar -C host/target/test-classes .
junit=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' pom.xml)
./mvnw -B -q org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy \
  -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit" -DoutputDirectory=.gpu

modules=$("$jdk/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps \
  .gpu/vaesim.jar .gpu/kernels-tests.jar .gpu/host-tests.jar)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# zip-0 inside the image and gzip around it (32 MB; xz would give 22 MB, but gzip is on every machine); jdk.zipfs
# because JUnit scans the test jars through it (jdeps cannot see a file-system provider)
"$jdk/bin/jlink" --add-modules "$modules,jdk.zipfs" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-0 --output "$work/jdk"
"$work/jdk/bin/java" -version 2>&1 | head -1
tar -C "$work" -czf .gpu/jdk.tar.gz jdk
echo "prepare: .gpu/ holds $(du -sh .gpu | cut -f1) (modules: $modules)"
ls -l .gpu

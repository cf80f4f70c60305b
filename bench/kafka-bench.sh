#!/bin/sh
# Kafka output (issue 18): records/s into a broker on loopback, the collector's packets/s with Kafka output and
# its CPU per packet, and the fleet size at 100 k export packets/s. The broker is started in-process from the
# Maven jars (KRaft, the tests' TestBroker) unless BROKERS is given. Prints key value lines.
# Usage: bench/kafka-bench.sh [RATE [SECONDS [BROKERS]]]   (defaults: 100000 10)
set -eu
cd "$(dirname "$0")/.."
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
echo "date $(date -u +%Y-%m-%dT%H:%MZ)"
java -Xmx2g -cp "target/classes:target/test-classes:$(cat "$CP_FILE")" dev.flowinspector.bench.KafkaBench "$@"

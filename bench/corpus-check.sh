#!/bin/sh
# Decodes every capture under a corpus directory with the CLI (every output format, two-pass and one-pass)
# and reports runs that exit non-zero or let an exception out. Not part of `mvn test` (issue 8).
# usage: bench/corpus-check.sh [CORPUS_DIR]   (default ../shared/corpus)
set -e
cd "$(dirname "$0")/.."
CORPUS="${1:-../shared/corpus}"
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/corpus-check.classpath
exec java -cp "target/test-classes:target/classes:$(cat target/corpus-check.classpath)" \
    dev.flowinspector.bench.CorpusCheck "$CORPUS"

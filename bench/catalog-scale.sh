#!/bin/sh
# Plans one issue against 10,000 papers, 100,000 readers and 52 issues of history under -Xmx128m.
# Usage: bench/catalog-scale.sh [JDBC_URL]   (default: a fresh SQLite file)
set -e
cd "$(dirname "$0")/.."
mvn -q -o test-compile
mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
exec java -Xmx128m -cp "target/classes:target/test-classes:$(cat target/bench.cp)" \
    org.paperdigest.bench.CatalogScaleBenchmark "$@"

#!/usr/bin/env bash
# Benchmark `dialogue-acts serve` on 127.0.0.1 (loopback only; bounded in time and requests).
# usage: scripts/load-test.sh MODEL.zip CORPUS.csv [--clients 8] [--seconds 30] [--utterances 100] [-- extra serve flags]
# Prints requests/s, p50/p95/p99 latency, error and 5xx counts, and the server's peak memory (VmHWM).
. "$(dirname "$0")/lib/common.sh"
build src/DialogueActs.Cli/DialogueActs.Cli.csproj
build scripts/LoadTest/LoadTest.csproj
exec dotnet "$root/scripts/LoadTest/bin/Release/net10.0/LoadTest.dll" \
  --server "$root/src/DialogueActs.Cli/bin/Release/net10.0/dialogue-acts.dll" "$@"

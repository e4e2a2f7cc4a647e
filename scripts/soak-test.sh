#!/usr/bin/env bash
# Soak `dialogue-acts serve` on 127.0.0.1 (loopback only; bounded in time): 8 clients for 10 minutes send a mix
# of valid requests (including the corpus's longest conversation whole) and invalid ones; the server's VmRSS is
# sampled every 10 s; at the end SIGTERM arrives while every client has a request in flight.
# usage: scripts/soak-test.sh MODEL.zip CORPUS.csv [--clients 8] [--seconds 600] [--sample-seconds 10] [--seed 1] [-- extra serve flags]
# Prints counts by kind and status, 5xx, errors on valid requests, latency, the memory series and growth after
# the first minute, the in-flight requests at SIGTERM and the exit code; the last line is PASS or FAIL.
. "$(dirname "$0")/lib/common.sh"
build src/DialogueActs.Cli/DialogueActs.Cli.csproj
build scripts/LoadTest/LoadTest.csproj
exec dotnet "$root/scripts/LoadTest/bin/Release/net10.0/LoadTest.dll" soak \
  --server "$root/src/DialogueActs.Cli/bin/Release/net10.0/dialogue-acts.dll" "$@"

#!/usr/bin/env bash
# Stream live sessions through `dialogue-acts serve` on 127.0.0.1 (loopback only; bounded in time): --clients concurrent
# conversations, one utterance per request, to --replicas serve processes. Without --redis one replica keeps its sessions
# in memory; with --redis a redis-server of the run's own (Debian's package) keeps them and every utterance goes to the
# next replica, round-robin.
# usage: scripts/session-scale-test.sh MODEL.zip CORPUS.csv [--replicas 1] [--redis] [--clients 16] [--seconds 30] [--utterances 100] [-- extra serve flags]
# The model must be causal (model.conversationDirection "forward"). Prints requests/s and per-utterance p50/p95/p99 latency.
. "$(dirname "$0")/lib/common.sh"
build src/DialogueActs.Cli/DialogueActs.Cli.csproj
build scripts/LoadTest/LoadTest.csproj
exec dotnet "$root/scripts/LoadTest/bin/Release/net10.0/LoadTest.dll" sessions \
  --server "$root/src/DialogueActs.Cli/bin/Release/net10.0/dialogue-acts.dll" "$@"

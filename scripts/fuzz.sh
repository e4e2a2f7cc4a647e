#!/usr/bin/env bash
# Fuzz every parser a user or a client can reach: CSV and JSONL corpora, config JSON, model.zip and the
# HTTP request bodies; rejected cases are replayed through the real CLI.
# usage: scripts/fuzz.sh [--cases 10000] [--seed 1] [--timeout 10] [--out fuzz-out] [--targets csv,jsonl,config,model.zip,http] [--cli-samples 20] [--only INDEX]
# Prints a per-parser table; exit 1 on any failure (inputs saved under --out, listed in failures.txt).
. "$(dirname "$0")/lib/common.sh"
build scripts/Fuzz/Fuzz.csproj
exec dotnet "$root/scripts/Fuzz/bin/Release/net10.0/Fuzz.dll" "$@"

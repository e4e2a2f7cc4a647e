# Shared by the scripts in scripts/: sourced (". scripts/lib/common.sh"), never run. It sets strict mode and
#   root                      the repository root
# and defines
#   die MESSAGE               "error: MESSAGE" on standard error, exit 1
#   unknown_argument ARG      "error: unknown argument 'ARG'" on standard error, exit 2
#   require_files PATH...     die "PATH: file not found" for the first PATH that is not a file
#   build PROJECT             builds PROJECT (a folder or .csproj, relative to root) in Release, quietly; its
#                             output is shown only when it fails
#   benchmarks_binary         sets $benchmarks to the benchmark program (scripts/Benchmarks), built first unless
#                             DA_BENCHMARKS names a built copy (so that builds during a long run cannot replace it)
#   cli_binary                sets $cli to the dialogue-acts program, built first unless DA_CLI names a built copy
set -euo pipefail
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

die() { echo "error: $*" >&2; exit 1; }

unknown_argument() { echo "error: unknown argument '$1'" >&2; exit 2; }

require_files() {
  local f
  for f in "$@"; do
    [ -f "$f" ] || die "$f: file not found"
  done
}

build() {
  local log
  log="$(mktemp)"
  if ! dotnet build "$root/$1" -c Release -v quiet -nologo >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    die "building $1 failed"
  fi
  rm -f "$log"
}

# prebuilt RESULT VARIABLE PROJECT OUTPUT: sets RESULT to the program that VARIABLE names, else to OUTPUT (under root)
# after building PROJECT.
prebuilt() {
  local named="${!2:-}"
  if [ -n "$named" ]; then
    [ -x "$named" ] || die "$named: not an executable ($2 must name a built copy of $3)"
    printf -v "$1" '%s' "$named"
  else
    build "$3"
    printf -v "$1" '%s' "$root/$4"
  fi
}

benchmarks_binary() { prebuilt benchmarks DA_BENCHMARKS scripts/Benchmarks scripts/Benchmarks/bin/Release/net10.0/Benchmarks; }

cli_binary() { prebuilt cli DA_CLI src/DialogueActs.Cli src/DialogueActs.Cli/bin/Release/net10.0/dialogue-acts; }

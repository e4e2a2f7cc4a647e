#!/usr/bin/env bash
# Package smoke test (docs/packaging.md): packs every package, then uses them as a consumer would, on
# this machine, with nothing from the repository's own build:
#   1. dotnet pack -c Release -o WORK/artifacts
#   2. installs the dialogue-acts tool from those packages into WORK/tool and checks --version
#   3. trains the sample model with the installed tool (configs/sample.json, fewer epochs)
#   4. restores samples/TaggingService (copied to WORK/samples) into its own, new packages folder, so
#      TorchSharp arrives pristine and the libstdc++ fix can only come from the DialogueActs package
#   5. builds it, starts it on 127.0.0.1 (a free port), POSTs /v1/tag with curl, checks every utterance
#      got a label, and stops it
# Usage: scripts/package-smoke.sh [WORK]   (default: a new temporary folder, removed at the end;
# a WORK given is kept). Exits non-zero with one line, "package-smoke: FAILED: ...", on any failure.
set -euo pipefail
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
repo="$(cd "$(dirname "$0")/.." && pwd)"
epochs=1
start=$SECONDS

if [[ $# -ge 1 ]]; then
  mkdir -p "$1"; work="$(cd "$1" && pwd)"; keep=1
else
  work="$(mktemp -d -t package-smoke.XXXXXX)"; keep=0
fi
rm -rf "$work/artifacts" "$work/tool" "$work/samples" "$work/packages" "$work/run" "$work/logs"
mkdir -p "$work/logs"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [[ $keep == 0 ]]; then rm -rf "$work"; fi
}
trap cleanup EXIT

fail() { # fail MESSAGE [LOG]: the log's tail for context, then the one line
  if [[ $# -ge 2 && -f "$2" ]]; then tail -n 25 "$2" >&2; fi
  echo "package-smoke: FAILED: $1" >&2
  exit 1
}
step() { echo "package-smoke: $* ($((SECONDS - start)) s)"; }
# run NAME COMMAND...: runs a step with its output in WORK/logs/NAME.log
run() {
  local name=$1; shift
  "$@" >"$work/logs/$name.log" 2>&1 || fail "$name: '$*' exited with $? (log: $work/logs/$name.log)" "$work/logs/$name.log"
}
# The fix is needed (and so checked) only where the system's libstdc++ lacks TorchSharp's GLIBCXX_3.4.32.
needs_fix=0
for lib in /lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6; do
  if [[ -f $lib ]]; then grep -q -a GLIBCXX_3.4.32 "$lib" || needs_fix=1; break; fi
done
is_weak() { readelf -V "$1" | grep -c 'GLIBCXX_3.4.32 *Flags: WEAK' >/dev/null; }

version="$(dotnet msbuild "$repo/src/DialogueActs/DialogueActs.csproj" -getProperty:PackageVersion 2>/dev/null | tr -d '[:space:]')"
[[ -n "$version" ]] || fail "cannot read the package version from src/DialogueActs/DialogueActs.csproj"

step "packing $version into $work/artifacts"
run pack dotnet pack "$repo/DialogueActs.sln" -c Release -o "$work/artifacts"
for id in DialogueActs DialogueActs.Training DialogueActs.Hosting DialogueActs.Onnx DialogueActs.Transformers dialogue-acts dialogue-acts.linux-x64; do
  [[ -f "$work/artifacts/$id.$version.nupkg" ]] || fail "pack made no $id.$version.nupkg"
done
nuspec="$(unzip -p "$work/artifacts/DialogueActs.$version.nupkg" DialogueActs.nuspec)"
if grep -q -i -E 'id="(ScottPlot|SkiaSharp|Microsoft\.AspNetCore)' <<<"$nuspec"; then
  fail "the core package DialogueActs depends on a plotting or ASP.NET library"
fi
(cd "$work/artifacts" && ls -l -- *.nupkg *.snupkg | awk '{ printf "package-smoke:   %12s  %s\n", $5, $9 }')
echo "package-smoke: DialogueActs.$version dependencies: $(grep -o -E '<dependency id="[^"]+" version="[^"]+"' <<<"$nuspec" | sed -E 's/<dependency id="([^"]+)" version="([^"]+)"/\1 \2/' | paste -sd ',' - | sed 's/,/, /g')"
listing="$(unzip -l "$work/artifacts/DialogueActs.$version.nupkg")"
grep -q buildTransitive/DialogueActs.targets <<<"$listing" || fail "the core package lacks buildTransitive/DialogueActs.targets"

step "installing the dialogue-acts tool"
cd "$work"
run tool-install dotnet tool install --tool-path "$work/tool" --add-source "$work/artifacts" --version "$version" dialogue-acts
tool_version="$("$work/tool/dialogue-acts" --version 2>&1)" || fail "dialogue-acts --version: $tool_version"
[[ "$tool_version" == "$version"* ]] || fail "dialogue-acts --version printed '$tool_version', expected $version"
tool_lib="$(find "$work/tool/.store" -name libLibTorchSharp.so | head -n 1)"
[[ -n "$tool_lib" ]] || fail "the installed tool has no libLibTorchSharp.so"
is_weak "$tool_lib" || fail "the tool package's libLibTorchSharp.so is not patched (GLIBCXX_3.4.32 not weak): $tool_lib"

step "training the sample model with the installed tool ($epochs epochs)"
sed -E "s/\"epochs\": *[0-9]+/\"epochs\": $epochs/" "$repo/configs/sample.json" >"$work/sample.json"
grep -q "\"epochs\": $epochs" "$work/sample.json" || fail "cannot set the epochs in a copy of configs/sample.json"
run train "$work/tool/dialogue-acts" train --config "$work/sample.json" --data-dir "$repo/data/sample" --out "$work/run"
[[ -f "$work/run/model.zip" ]] || fail "training wrote no model.zip" "$work/logs/train.log"

step "restoring samples/TaggingService into its own packages folder"
mkdir -p "$work/samples"
cp -r "$repo/samples/TaggingService" "$repo/samples/Directory.Build.props" "$repo/samples/Directory.Build.targets" \
  "$repo/samples/Directory.Packages.props" "$work/samples/"
mkdir -p "$work/build" && cp "$repo/build/Version.props" "$work/build/"
rm -rf "$work/samples/TaggingService/bin" "$work/samples/TaggingService/obj"
sample="$work/samples/TaggingService"
run restore dotnet restore "$sample/TaggingService.csproj" --packages "$work/packages"
grep -q "DialogueActs.targets" "$sample/obj/TaggingService.csproj.nuget.g.targets" \
  || fail "the sample does not import the DialogueActs package's build targets"
cache_lib="$(find "$work/packages/torchsharp" -path '*linux-x64/native/libLibTorchSharp.so' | head -n 1)"
[[ -n "$cache_lib" ]] || fail "the sample's packages folder has no TorchSharp libLibTorchSharp.so"
if [[ $needs_fix == 1 ]] && is_weak "$cache_lib"; then
  fail "TorchSharp in the sample's new packages folder is already patched: the check would prove nothing"
fi

step "building the sample"
run build dotnet build "$sample/TaggingService.csproj" -c Release --no-restore
if [[ $needs_fix == 1 ]]; then
  is_weak "$cache_lib" || fail "the DialogueActs package's targets did not patch $cache_lib" "$work/logs/build.log"
  out_lib="$(find "$sample/bin/Release" -name libLibTorchSharp.so -path '*linux-x64*' | head -n 1)"
  [[ -n "$out_lib" ]] && is_weak "$out_lib" || fail "the sample's build output has no patched libLibTorchSharp.so"
fi

step "starting the sample service"
(cd "$sample" && exec dotnet bin/Release/net10.0/TaggingService.dll --urls http://127.0.0.1:0 \
  --DialogueActs:ModelPath="$work/run/model.zip") >"$work/logs/service.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 120); do
  url="$(grep -o -m 1 'Now listening on: http://127.0.0.1:[0-9]*' "$work/logs/service.log" | sed 's/Now listening on: //' || true)"
  [[ -n "$url" ]] && break
  kill -0 "$server_pid" 2>/dev/null || fail "the sample service exited at start-up" "$work/logs/service.log"
  sleep 0.5
done
[[ -n "$url" ]] || fail "the sample service did not start listening within 60 s" "$work/logs/service.log"

step "POST $url/v1/tag"
response="$(curl -sS --max-time 60 -H 'Content-Type: application/json' "$url/v1/tag" -d '{"id":"c1","utterances":[
  {"speaker":"A","text":"Do you have kids?"},{"speaker":"B","text":"Yeah, two."},{"speaker":"A","text":"Oh, nice."}]}' \
  -w '\n%{http_code}')" || fail "curl could not reach $url/v1/tag" "$work/logs/service.log"
status="${response##*$'\n'}"; body="${response%$'\n'*}"
echo "$body"
[[ "$status" == 200 ]] || fail "POST /v1/tag answered $status: $body" "$work/logs/service.log"
# Each utterance answers "label":"...","confidence":... (the "top" alternatives have "probability" instead).
labels="$(grep -o -E '"label":"([^"\\]|\\.)+","confidence"' <<<"$body" | wc -l || true)"
[[ "$labels" -eq 3 ]] || fail "POST /v1/tag answered $labels labels for 3 utterances: $body"

kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
step "passed: packages $(ls "$work/artifacts" | grep -c '\.nupkg$'), tool $tool_version, sample service answered 3 labels"
echo "package-smoke: $((SECONDS - start)) s"

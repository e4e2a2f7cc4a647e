#!/usr/bin/env bash
# Checks `dialogue-acts import swda|mrda` against the CSV corpora it should reproduce.
#
#   scripts/check-import.sh RAW_DIR DATA_DIR
#   (DA_CLI=PATH uses that dialogue-acts binary instead of building one)
#
# RAW_DIR holds clones (or excerpts) of N. Duran's repositories: Switchboard-Corpus/ and MRDA-Corpus/ (a missing one
# is skipped). DATA_DIR holds swda/ and mrda/ with train.csv, valid.csv and, when available, test.csv.
# For each corpus it prints two checks:
#   rows       the import of RAW_DIR (with --partial, so listed conversations without a file are left out):
#              each imported row against the row of DATA_DIR with the same split, conversation id and utterance
#              index (all fields equal); "rows compared" counts the imported rows, "rows equal" the ones that match.
#   placement  the split lists of RAW_DIR plus the shipped validation lists, imported with a one-line stub file for
#              every listed conversation: the conversation ids of each split, in order, against DATA_DIR's.
# Exits 1 when a check fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
usage="usage: scripts/check-import.sh RAW_DIR DATA_DIR"
raw="${1:?$usage}"
data="${2:?$usage}"
cli="${DA_CLI:-}"
if [ -z "$cli" ]; then
  dotnet build "$root/src/DialogueActs.Cli" -c Release -v quiet -nologo >/dev/null
  cli="$root/src/DialogueActs.Cli/bin/Release/net10.0/dialogue-acts"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

/usr/bin/python3 - "$cli" "$raw" "$data" "$work" <<'PY'
import csv, os, shutil, subprocess, sys
cli, raw, data, work = sys.argv[1:]
corpora = [("swda", "Switchboard-Corpus", "swda_data", "A|stub|sd\n"),
           ("mrda", "MRDA-Corpus", "mrda_data", "me001|stub|S|s|s\n")]
splits = ["train", "valid", "test"]
failed = False

def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, [r for r in reader]

def import_(name, source, out):
    run = subprocess.run([cli, "import", name, "--source", source, "--out", out, "--partial"], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"{name}: dialogue-acts import failed: {run.stderr.strip()}")

def ids(path):
    seen = []
    for r in rows(path)[1]:
        if not seen or seen[-1] != r[0]:
            seen.append(r[0])
    return seen

for name, repository, folder, stub in corpora:
    source = os.path.join(raw, repository)
    if not os.path.isdir(source):
        print(f"{name}: {source} not found, skipped")
        continue
    out = os.path.join(work, name)
    import_(name, source, out)
    compared = equal = 0
    shown = 0
    for split in splits:
        imported = os.path.join(out, split + ".csv")
        if not os.path.exists(imported):
            continue
        expected_path = os.path.join(data, name, split + ".csv")
        header, got = rows(imported)
        expected = {}
        if os.path.exists(expected_path):
            expected_header, expected_rows = rows(expected_path)
            if expected_header != header:
                print(f"{name} {split}: header {header} differs from {expected_header}")
                failed = True
            expected = {(r[0], r[1]): r for r in expected_rows}
        for r in got:
            compared += 1
            if expected.get((r[0], r[1])) == r:
                equal += 1
            elif shown < 5:
                shown += 1
                print(f"{name} {split}: row {r[0]},{r[1]} differs from {expected_path} or is not in it")
    print(f"{name} rows: {compared} rows compared, {equal} rows equal")
    failed |= compared == 0 or compared != equal

    # Placement: every listed conversation gets a stub file, so every list id is placed by the importer's rules.
    stub_root = os.path.join(work, name + "-stub", folder)
    shutil.copytree(os.path.join(source, folder, "metadata"), os.path.join(stub_root, "metadata"))
    for repo_split in ["train", "val", "test"]:
        listed = os.path.join(stub_root, "metadata", f"{repo_split}_split.txt")
        if not os.path.exists(listed):
            continue
        os.makedirs(os.path.join(stub_root, repo_split), exist_ok=True)
        for line in open(listed, encoding="utf-8"):
            if line.strip():
                with open(os.path.join(stub_root, repo_split, line.strip() + ".txt"), "w") as f:
                    f.write(stub)
    stub_out = os.path.join(work, name + "-stub-out")
    import_(name, os.path.dirname(stub_root), stub_out)
    for split in splits:
        expected_path = os.path.join(data, name, split + ".csv")
        imported = os.path.join(stub_out, split + ".csv")
        if not os.path.exists(expected_path):
            print(f"{name} placement {split}: {expected_path} not found, not compared")
            continue
        expected = ids(expected_path)
        got = ids(imported) if os.path.exists(imported) else []
        same = got == expected
        print(f"{name} placement {split}: {len(got)} conversations placed, {len(expected)} in {expected_path}, "
              f"{'same ids in the same order' if same else 'DIFFERENT'}")
        failed |= not same
sys.exit(1 if failed else 0)
PY

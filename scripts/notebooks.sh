#!/usr/bin/env bash
# The notebooks in notebooks/: install what runs them, execute them headless,
# and keep their committed form without outputs.
#
#   scripts/notebooks.sh setup            Jupyter (Debian packages) and the GoNB kernel
#   scripts/notebooks.sh run [NB.ipynb…]  execute every notebook (or those given) into
#                                         $NOTEBOOK_OUT (default a temporary directory);
#                                         fails if a cell errs (a failed check panics)
#   scripts/notebooks.sh regen [NB…]      execute in place: the notebooks keep their outputs
#   scripts/notebooks.sh clear [NB…]      strip outputs and execution counts (the committed form)
#   scripts/notebooks.sh check            fail if a committed notebook holds outputs
#   scripts/notebooks.sh jupyter          set up, then start Jupyter on notebooks/ in a browser
#
# GoNB is built from a scratch module: `go install github.com/janpfeifer/gonb@VERSION`
# is refused by the module proxy (it asks for the version list).
set -euo pipefail
caller=$PWD
cd "$(dirname "$0")/.."

GONB_VERSION=v0.11.4
GOPLS_VERSION=v0.23.0 # v0.24 needs a newer Go than the project's
# What executes notebooks headless; jupyter-notebook (the browser interface)
# only for the jupyter subcommand.
DEBIAN_PACKAGES="jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client"

export PATH="/usr/local/go/bin:$PATH"
export PATH="$(go env GOPATH)/bin:$PATH"

# notebooks [NB…]: the notebooks named (relative to the caller's directory,
# or to notebooks/), else all of them.
notebooks() {
  if [ $# -eq 0 ]; then ls notebooks/*.ipynb; return; fi
  local nb
  for nb in "$@"; do
    case $nb in
      /*) ;;
      *) if [ -f "$caller/$nb" ]; then nb="$caller/$nb"; else nb="notebooks/$nb"; fi ;;
    esac
    [ -f "$nb" ] || { echo "FAIL: no notebook $nb" >&2; exit 2; }
    echo "$nb"
  done
}

gonb_installed() {
  command -v gonb >/dev/null 2>&1 && command -v gopls >/dev/null 2>&1 && command -v goimports >/dev/null 2>&1 &&
    go version -m "$(command -v gonb)" 2>/dev/null | grep -E "mod[[:space:]]+github.com/janpfeifer/gonb[[:space:]]+$GONB_VERSION" >/dev/null &&
    jupyter kernelspec list 2>/dev/null | grep "^ *gonb " >/dev/null
}

# apt_install PACKAGES…: install the Debian packages that are missing.
apt_install() {
  if dpkg -s "$@" >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" != 0 ]; then
    echo "FAIL: install the Debian packages $* (needs root)" >&2
    exit 1
  fi
  echo "installing $*"
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 apt-get update -qq || { echo "FAIL: apt-get update" >&2; exit 1; }
  timeout 600 apt-get install -y -qq --no-install-recommends "$@" >/dev/null ||
    { echo "FAIL: apt-get install $*" >&2; exit 1; }
}

setup() {
  local t0=$SECONDS
  # shellcheck disable=SC2086
  apt_install $DEBIAN_PACKAGES
  echo "Jupyter: $(jupyter nbconvert --version 2>/dev/null) (nbconvert), after $((SECONDS - t0)) s"
  if ! gonb_installed; then
    local scratch; scratch=$(mktemp -d /tmp/statecraft-gonb.XXXXXX)
    (
      cd "$scratch"
      go mod init scratch/gonb >/dev/null 2>&1
      go get "github.com/janpfeifer/gonb@$GONB_VERSION" "golang.org/x/tools/gopls@$GOPLS_VERSION"
      go install github.com/janpfeifer/gonb golang.org/x/tools/gopls golang.org/x/tools/cmd/goimports
    ) || { echo "FAIL: building GoNB $GONB_VERSION" >&2; rm -rf "$scratch"; exit 1; }
    rm -rf "$scratch"
    gonb --install >/dev/null 2>&1 || { echo "FAIL: gonb --install" >&2; exit 1; }
  fi
  gonb_installed || { echo "FAIL: GoNB $GONB_VERSION is not installed as a Jupyter kernel" >&2; exit 1; }
  echo "GoNB $GONB_VERSION kernel ready, setup took $((SECONDS - t0)) s"
}

# execute NB OUTDIR: run one notebook headless into OUTDIR; fail, showing the
# failing cell's output, if any cell raised an error (a failed check panics).
execute() {
  local nb=$1 out=$2 t0=$SECONDS log executed
  log="$out/$(basename "$nb" .ipynb).log"
  executed="$out/$(basename "$nb")"
  rm -f "$executed"
  # --allow-errors keeps the outputs of a failing cell, which say why; the
  # errors are looked for below.
  if ! jupyter nbconvert --to notebook --execute --allow-errors --ExecutePreprocessor.timeout=900 \
      --output-dir "$out" "$nb" >"$log" 2>&1 || [ ! -f "$executed" ]; then
    echo "FAIL  $nb ($((SECONDS - t0)) s): nbconvert failed; the end of its log ($log):"
    grep -v '^[IWE][0-9]\{4\} ' "$log" | tail -n 30
    return 1
  fi
  if ! python3 - "$executed" <<'EOF'
import json, sys
nb = json.load(open(sys.argv[1]))
for i, c in enumerate(nb["cells"]):
    errors = [o for o in c.get("outputs", []) if o.get("output_type") == "error"]
    if not errors:
        continue
    print(f"cell {i} failed:")
    print("".join(c["source"])[:400])
    print("---")
    for o in c["outputs"]:
        if o.get("output_type") == "stream":
            print("".join(o["text"])[-3000:], end="")
    print(f"{errors[0].get('ename')}: {errors[0].get('evalue')}")
    sys.exit(1)
EOF
  then
    echo "FAIL  $nb ($((SECONDS - t0)) s) — executed copy: $executed"
    return 1
  fi
  echo "ok    $nb ($((SECONDS - t0)) s)"
}

run() {
  local out=${NOTEBOOK_OUT:-} t0=$SECONDS failed=0 n=0
  if [ -z "$out" ]; then out=$(mktemp -d /tmp/statecraft-notebooks.XXXXXX); fi
  mkdir -p "$out"
  gonb_installed || { echo "FAIL: GoNB is not set up; run scripts/notebooks.sh setup first" >&2; exit 1; }
  local nb list
  list=$(notebooks "$@") || exit 2
  while read -r nb; do
    n=$((n + 1))
    execute "$nb" "$out" || failed=$((failed + 1))
  done <<<"$list"
  echo "$((n - failed)) passed, $failed failed"
  echo "notebooks: $n in $((SECONDS - t0)) s; executed copies in $out"
  [ "$failed" = 0 ]
}

regen() {
  local nb out list failed=0
  list=$(notebooks "$@") || exit 2
  out=$(mktemp -d /tmp/statecraft-notebooks.XXXXXX)
  while read -r nb; do
    if execute "$nb" "$out"; then cp "$out/$(basename "$nb")" "$nb"; else failed=1; fi
  done <<<"$list"
  [ "$failed" = 0 ]
}

clear() {
  local nb list
  list=$(notebooks "$@") || exit 2
  while read -r nb; do
    jupyter nbconvert --clear-output --inplace --log-level=WARN "$nb"
  done <<<"$list"
}

check() {
  python3 - notebooks/*.ipynb <<'EOF'
import json, sys
bad = []
for path in sys.argv[1:]:
    nb = json.load(open(path))
    for i, c in enumerate(nb["cells"]):
        if c.get("outputs") or c.get("execution_count") is not None:
            bad.append(f"{path}: cell {i} has outputs (scripts/notebooks.sh clear {path})")
            break
print("\n".join(bad) or f"{len(sys.argv) - 1} notebooks, outputs cleared")
sys.exit(1 if bad else 0)
EOF
}

case "${1:-}" in
  setup) setup ;;
  run) shift; run "$@" ;;
  regen) shift; regen "$@" ;;
  clear) shift; clear "$@" ;;
  check) check ;;
  jupyter)
    setup
    apt_install jupyter-notebook
    root=()
    if [ "$(id -u)" = 0 ]; then root=(--allow-root); fi
    exec jupyter notebook --notebook-dir=notebooks "${root[@]}"
    ;;
  *) sed -n '2,13p' "$0"; exit 2 ;;
esac

#!/usr/bin/env bash
# Submit a Statecraft sweep to Slurm: a job array of TASKS shards and a merge
# job that runs when all of them have succeeded.
#
#   scripts/slurm/submit.sh CONFIG RUN_DIR [TASKS]
#
# Environment:
#   STATECRAFT       statecraft binary (default: `command -v statecraft`,
#                    else ./statecraft); must be readable from the nodes
#   SBATCH_ARGS      extra sbatch options for the array, e.g.
#                    "--partition=short --time=04:00:00 --cpus-per-task=8"
#   MERGE_ARGS       extra sbatch options for the merge job
#   SWEEP_ARGS       extra options for statecraft sweep, e.g. "--set sweep.seed=2"
#   THROTTLE=K       run at most K tasks at a time (--array=0-N%K)
#   WAIT=1           wait for the merge (sbatch --wait) and exit with its status
#
# Prints the two job ids. RUN_DIR/logs/ holds one log per task and the merge's.
set -euo pipefail

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 2 ] && [ $# -le 3 ] || usage
config=$(realpath "$1")
run_dir=$(realpath -m "$2")
tasks=${3:-8}
case $tasks in ''|*[!0-9]*) echo "submit.sh: TASKS must be a positive whole number, got '$tasks'" >&2; exit 2;; esac
[ "$tasks" -ge 1 ] || { echo "submit.sh: TASKS must be at least 1" >&2; exit 2; }
[ -r "$config" ] || { echo "submit.sh: cannot read config $config" >&2; exit 2; }

here=$(cd "$(dirname "$0")" && pwd)
statecraft=${STATECRAFT:-$(command -v statecraft || true)}
[ -n "$statecraft" ] || statecraft=./statecraft
[ -x "$statecraft" ] || { echo "submit.sh: no statecraft binary at '$statecraft' (build one: go build -o statecraft ./cmd/statecraft, and set STATECRAFT)" >&2; exit 2; }
statecraft=$(realpath "$statecraft")
command -v sbatch >/dev/null || { echo "submit.sh: sbatch not found: is this a Slurm login node?" >&2; exit 2; }

mkdir -p "$run_dir/logs"
export STATECRAFT=$statecraft CONFIG=$config RUN_DIR=$run_dir SWEEP_ARGS=${SWEEP_ARGS:-}

# Array indices 0..TASKS-1; statecraft turns index k into shard k+1 of TASKS.
# shellcheck disable=SC2086  # SBATCH_ARGS is a list of options
range="0-$((tasks - 1))${THROTTLE:+%$THROTTLE}"
array=$(sbatch --parsable --export=ALL --array="$range" \
  --output="$run_dir/logs/sweep-%A_%a.out" ${SBATCH_ARGS:-} "$here/sweep.sbatch")
array=${array%%;*}

wait_flag=()
[ "${WAIT:-0}" = 1 ] && wait_flag=(--wait)
echo "array job $array: $tasks tasks of $config → $run_dir"
# shellcheck disable=SC2086
merge=$(sbatch --parsable --export=ALL --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --output="$run_dir/logs/merge-%j.out" ${MERGE_ARGS:-} "${wait_flag[@]}" "$here/merge.sbatch") || true
merge=${merge%%;*}
[ -n "$merge" ] || { echo "submit.sh: submitting the merge job failed" >&2; exit 1; }
echo "merge job $merge (after array $array succeeds)"
[ "${WAIT:-0}" = 1 ] || exit 0

# sbatch --wait also returns 0 for a merge cancelled because a task failed,
# so check the job's final state (kept by slurmctld for MinJobAge seconds).
state=$(scontrol show job -o "$merge" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
if [ "$state" != COMPLETED ] || [ ! -f "$run_dir/manifest.json" ]; then
  echo "submit.sh: merge job $merge ended ${state:-in an unknown state}; the array's tasks:" >&2
  scontrol show job -o "$array" 2>/dev/null | sed -n 's/.*\(JobId=[^ ]*\).*\(ArrayTaskId=[^ ]*\).*\(JobState=[^ ]*\).*\(ExitCode=[^ ]*\).*/  \1 \2 \3 \4/p' >&2
  echo "logs: $run_dir/logs/" >&2
  exit 1
fi
echo "merged: $run_dir/results.csv"

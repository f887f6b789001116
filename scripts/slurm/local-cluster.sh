#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for testing the cluster path
# (CI runs it). Needs root and Debian's slurm-wlm slurmctld slurmd
# slurm-client munge; works without systemd.
#
#   scripts/slurm/local-cluster.sh start    write slurm.conf, start munged,
#                                           slurmctld, slurmd; wait for idle
#   scripts/slurm/local-cluster.sh stop     scontrol shutdown; stop munged
#
# It writes /etc/slurm/slurm.conf only if there is none or it wrote the one
# there (a marker line says so). stop ends only the daemons start started
# (listed in /run/slurm/started), by their pid files, never by name. Logs:
# /var/log/slurm/, /var/log/munge/.
set -euo pipefail

conf=/etc/slurm/slurm.conf
marker="# written by statecraft scripts/slurm/local-cluster.sh"
rundir=/run/slurm
timeout=${SLURM_START_TIMEOUT:-60}

die() { echo "local-cluster: $*" >&2; exit 1; }

dump_logs() {
  for f in /var/log/slurm/slurmctld.log /var/log/slurm/slurmd.log /var/log/munge/munged.log; do
    [ -r "$f" ] && { echo "--- last lines of $f" >&2; tail -n 20 "$f" >&2; }
  done
  return 0
}

alive() { [ -r "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start() {
  [ "$(id -u)" = 0 ] || die "must run as root (it starts munged, slurmctld and slurmd)"
  for b in munged slurmctld slurmd sinfo sbatch scontrol; do
    command -v "$b" >/dev/null || [ -x "/usr/sbin/$b" ] || die "$b not found: apt-get install slurm-wlm slurmctld slurmd slurm-client munge"
  done
  host=$(hostname -s)
  cpus=$(nproc)
  # RealMemory a little below what slurmd detects, or the node is drained.
  mem=$(/usr/sbin/slurmd -C | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p')
  mem=$(( ${mem:-1024} * 9 / 10 ))

  if [ -e "$conf" ] && ! grep -qF "$marker" "$conf"; then
    die "$conf exists and was not written by this script; not touching it"
  fi
  mkdir -p /etc/slurm "$rundir" /var/log/slurm /var/lib/slurm/slurmctld /var/lib/slurm/slurmd
  chown slurm:slurm "$rundir" /var/log/slurm /var/lib/slurm/slurmctld
  cat >"$conf" <<CONF
$marker
ClusterName=statecraft-ci
SlurmctldHost=$host(127.0.0.1)
SlurmUser=slurm
AuthType=auth/munge
StateSaveLocation=/var/lib/slurm/slurmctld
SlurmdSpoolDir=/var/lib/slurm/slurmd
SlurmctldPidFile=$rundir/slurmctld.pid
SlurmdPidFile=$rundir/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MailProg=/bin/true
ReturnToService=2
SlurmdTimeout=60
InactiveLimit=0
MinJobAge=300
KillWait=30
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

  # munge: key, directories, daemon as user munge.
  install -d -o munge -g munge -m 0755 /run/munge
  install -d -o munge -g munge -m 0700 /var/log/munge /etc/munge
  install -d -o munge -g munge -m 0711 /var/lib/munge
  if [ ! -s /etc/munge/munge.key ]; then
    runuser -u munge -- /usr/sbin/mungekey --create 2>/dev/null ||
      { dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none; chown munge:munge /etc/munge/munge.key; }
    chmod 0400 /etc/munge/munge.key
  fi
  if ! alive /run/munge/munged.pid; then
    runuser -u munge -- /usr/sbin/munged || { dump_logs; die "munged did not start"; }
    echo /run/munge/munged.pid >>"$rundir/started"
  fi
  for _ in $(seq 1 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n | unmunge >/dev/null || { dump_logs; die "munge does not work (munge -n | unmunge failed)"; }

  if ! alive "$rundir/slurmctld.pid"; then
    /usr/sbin/slurmctld || { dump_logs; die "slurmctld did not start"; }
    echo "$rundir/slurmctld.pid" >>"$rundir/started"
  fi
  if ! alive "$rundir/slurmd.pid"; then
    /usr/sbin/slurmd || { dump_logs; die "slurmd did not start"; }
    echo "$rundir/slurmd.pid" >>"$rundir/started"
  fi

  # Wait for the node to be idle.
  state=
  for _ in $(seq 1 "$((timeout * 2))"); do
    state=$(sinfo -h -n "$host" -o %t 2>/dev/null | head -n 1 || true)
    case $state in
      idle) echo "local-cluster: node $host idle ($cpus CPUs, ${mem} MB)"; return 0 ;;
      down*|drain*|inval*) scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true ;;
    esac
    sleep 0.5
  done
  sinfo >&2 || true
  dump_logs
  die "node $host not idle after ${timeout}s (state '${state:-none}')"
}

stop() {
  started=$(cat "$rundir/started" 2>/dev/null || true)
  if grep -q slurm <<<"$started"; then
    scontrol shutdown >/dev/null 2>&1 || true
    for _ in $(seq 1 60); do
      alive "$rundir/slurmctld.pid" || alive "$rundir/slurmd.pid" || break
      sleep 0.5
    done
  fi
  for p in $started; do
    if alive "$p"; then kill "$(cat "$p")" 2>/dev/null || true; fi
  done
  rm -f "$rundir/started"
  echo "local-cluster: stopped ${started:+$(echo $started | wc -w) daemons}"
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Starts a single-node Slurm (munged + slurmctld + slurmd on this host) for the scale-out tests, as root.
# Usage: Scripts/ci/slurm-single-node.sh start|stop. Needs Debian's slurm-wlm and munge packages.
set -euo pipefail
action="${1:-start}"
conf_dir=/etc/slurm
if [ "$action" = stop ]; then
    scontrol shutdown >/dev/null 2>&1 || true
    pkill -x slurmd >/dev/null 2>&1 || true
    pkill -x slurmctld >/dev/null 2>&1 || true
    exit 0
fi
host="$(hostname -s)"
cpus="$(nproc)"
memory_mb="$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.8 }' /proc/meminfo)"
mkdir -p "$conf_dir" /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge /var/lib/munge /var/log/munge
if [ ! -s /etc/munge/munge.key ]; then
    mkdir -p /etc/munge
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
chmod 400 /etc/munge/munge.key
pgrep -x munged >/dev/null || runuser -u munge -- /usr/sbin/munged || /usr/sbin/munged --force
cat > "$conf_dir/slurm.conf" <<CONF
ClusterName=swiftrl-ci
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
NodeName=$host CPUs=$cpus RealMemory=$memory_mb State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
# Slurm 22.05 (Debian 12) has no "disabled" cgroup plugin; the v1 plugin with no constraints works on a host with
# cgroup v1 mounts (this VM kind), the v2 plugin on a pure cgroup v2 host.
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then cgroup=cgroup/v2; else cgroup=cgroup/v1; fi
printf 'CgroupPlugin=%s\nIgnoreSystemd=yes\nConstrainCores=no\nConstrainRAMSpace=no\nConstrainDevices=no\n' "$cgroup" \
    > "$conf_dir/cgroup.conf"
pgrep -x slurmctld >/dev/null || /usr/sbin/slurmctld
pgrep -x slurmd >/dev/null || /usr/sbin/slurmd
for _ in $(seq 1 60); do
    if sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
        echo "slurm: node $host up ($cpus CPUs)"
        exit 0
    fi
    sleep 1
done
echo "slurm did not come up within 60 s; see /var/log/slurm/" >&2
exit 1

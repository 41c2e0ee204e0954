"""Limits for a whole sandbox, not per process: a control group per graded notebook.

rlimits (prlimit) bound each process on its own: three processes under a 4 GiB address-space
limit still hold 12 GiB, and CPU time starts again at every restart. A cgroup bounds them all
together: memory and processes across every process of the sandbox, and CPU time summed over
the notebook's kernels (restarts included). Version 2 (one tree, /sys/fs/cgroup) or version 1
(a tree per controller) as this machine mounts them; where neither is writable (not root, no
delegated tree), `Group.create` returns None and only the rlimits hold (README: Isolation).
"""
import os
import secrets
import signal
import time
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")


class Group:
    def __init__(self, folders, version):
        self.folders, self.version = folders, version

    @classmethod
    def create(cls, memory_bytes, processes):
        """A new group with these limits, or None where this machine gives us none."""
        name = f"nn-course-{secrets.token_hex(6)}"
        try:
            if (ROOT / "cgroup.controllers").is_file():                 # version 2
                folder = ROOT / "nn-course"
                folder.mkdir(exist_ok=True)
                (folder / "cgroup.subtree_control").write_text("+memory +pids +cpu")
                group = folder / name
                group.mkdir()
                (group / "memory.max").write_text(str(memory_bytes))
                (group / "memory.swap.max").write_text("0")
                (group / "pids.max").write_text(str(processes))
                return cls([group], 2)
            folders = [ROOT / c / name for c in ("memory", "pids", "cpuacct")]
            for folder in folders:
                folder.mkdir()
            (folders[0] / "memory.limit_in_bytes").write_text(str(memory_bytes))
            swap = folders[0] / "memory.memsw.limit_in_bytes"
            if swap.exists():
                swap.write_text(str(memory_bytes))
            (folders[1] / "pids.max").write_text(str(processes))
            return cls(folders, 1)
        except OSError:
            for folder in locals().get("folders", []):
                _rmdir(folder)
            return None

    def procs_files(self):
        """Where a process writes its pid to join the group (grader.zygote's kernels)."""
        return [str(folder / "cgroup.procs") for folder in self.folders]

    def enter_command(self):
        """A command prefix that moves itself into the group, then runs the rest: so the sandbox
        and everything it starts are in the group from their first instruction."""
        procs = self.procs_files()
        script = 'n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 97; shift; n=$((n-1)); done; exec "$@"'
        return ["/bin/sh", "-c", script, "sh", str(len(procs)), *procs]

    def cpu_seconds(self):
        """CPU time used by every process the group has held."""
        try:
            if self.version == 2:
                stat = dict(line.split() for line in (self.folders[0] / "cpu.stat").read_text().splitlines())
                return int(stat["usage_usec"]) / 1e6
            return int((self.folders[2] / "cpuacct.usage").read_text()) / 1e9
        except (OSError, KeyError, ValueError):
            return 0.0

    def pids(self):
        """The processes in the group now."""
        pids = set()
        for folder in self.folders:
            try:
                pids |= {int(p) for p in (folder / "cgroup.procs").read_text().split()}
            except OSError:
                pass
        return pids

    def kill_all(self, keep=frozenset(), wait_s=10):
        """SIGKILL whatever is left in the group but `keep` (a killed kernel's children, a fork
        bomb: it forks while we kill, so again until none is left, or for `wait_s`: on a busy
        machine a fork bomb outlived 50 rounds of 20 ms, and the next kernel, short of
        processes, died before it could start)."""
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            pids = self.pids() - keep
            if not pids:
                return
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            time.sleep(0.02)

    def remove(self):
        self.kill_all()
        for folder in self.folders:
            _rmdir(folder)


def _rmdir(folder):
    try:
        folder.rmdir()
    except OSError:
        pass

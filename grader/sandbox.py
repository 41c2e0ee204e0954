"""A kernel that runs student code in a bubblewrap sandbox, with resource limits.

Inside: no network, a read-only view of the system and of the course's virtual environment,
nothing else of the machine (no solutions/, gradebook, other students' work, home folders),
a private /tmp of bounded size as the only writable place besides the folder that holds the
kernel's connection file and sockets, and prlimit's bounds on address space, CPU time,
processes and file size. As root, the kernel also drops to a user id of its own, unused on the
machine, so that the process limit counts only its own processes and no two kernels share one.

The limits are traits: set them in nbgrader_config.py, e.g.
`c.SandboxedKernelManager.memory_mb = 6144`.
"""
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Int

FIRST_KERNEL_UID = 2**20          # above any real account's id (useradd stops at 60000)
SYSTEM = ("/usr", "/etc/alternatives", "/etc/fonts", "/etc/ssl", "/etc/localtime")


def _reachable(path):
    """bwrap options that make the folders above `path` enterable inside the sandbox (bwrap
    would copy their modes, and a checkout in a private folder would stay out of reach)."""
    system = [Path(top) for top in SYSTEM]
    return [arg for parent in reversed(Path(path).parents)
            if parent not in (Path("/"), Path("/tmp"), *system)
            and not any(top in parent.parents for top in system)
            for arg in ("--perms", "0755", "--dir", str(parent))]


def _kernel_uid():
    """As root, a fresh user id for each kernel start (what a killed kernel left running, a
    fork bomb's children until they are reaped, cannot count against the next one's process
    limit); otherwise the grader's own."""
    return FIRST_KERNEL_UID + secrets.randbelow(2**30) if os.geteuid() == 0 else os.geteuid()


def missing_tools():
    """The tools the sandbox needs that this machine lacks."""
    return [tool for tool in ("bwrap", "prlimit", "setpriv") if shutil.which(tool) is None]


def preflight():
    """Why a sandboxed Python cannot start here (as root, the course's .venv must be readable
    by others; otherwise bwrap needs user namespaces), or "" when it can."""
    km = SandboxedKernelManager()
    try:
        run = subprocess.run(km._prefix() + [sys.executable, "-c", "import ipykernel, torch"],
                             capture_output=True, text=True, timeout=120)
    finally:
        shutil.rmtree(km.scratch, ignore_errors=True)
    return "" if run.returncode == 0 else (run.stderr.strip().splitlines() or ["no message"])[-1]


class SandboxedKernelManager(AsyncKernelManager):
    memory_mb = Int(4096, help="address space of the kernel (CPU torch needs about 1.5 GiB)").tag(config=True)
    cpu_seconds = Int(300, help="CPU time of one kernel, all cells together").tag(config=True)
    processes = Int(64, help="processes and threads the kernel may run at once").tag(config=True)
    file_mb = Int(64, help="largest file the kernel may write").tag(config=True)
    tmp_mb = Int(256, help="size of the kernel's private /tmp").tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Connection file and sockets live in a folder of their own, shared with the sandbox;
        # ipc sockets, because the sandbox has no network, not even loopback to the grader.
        self.transport = "ipc"
        self.scratch = Path(tempfile.mkdtemp(prefix="nn-course-kernel-"))
        self.ip = str(self.scratch / "socket")
        self.connection_file = str(self.scratch / "connection.json")
        self.uid = _kernel_uid()          # preflight runs as this user, without starting a kernel

    def format_kernel_cmd(self, extra_arguments=None):
        # A signal would reach bwrap, not the kernel: interrupt with a message instead.
        self.kernel_spec.interrupt_mode = "message"
        command = super().format_kernel_cmd(extra_arguments)
        self.uid = _kernel_uid()
        if os.geteuid() == 0:
            os.chown(self.scratch, self.uid, self.uid)
            os.chmod(self.connection_file, 0o644)
        return self._prefix() + command

    def _prefix(self):
        venv = Path(sys.prefix)
        base = Path(os.path.realpath(sys.base_prefix))
        as_root = os.geteuid() == 0
        system = []
        for top in SYSTEM:
            if os.path.exists(top):
                system += ["--ro-bind", top, top]
        for link in ("bin", "lib", "lib64", "sbin"):
            if os.path.islink(f"/{link}"):
                system += ["--symlink", os.readlink(f"/{link}"), f"/{link}"]
        if base.parts[:2] != ("/", "usr"):
            system += [*_reachable(base), "--ro-bind", str(base), str(base)]
        # As root, bwrap sets up the mounts and the kernel's own user runs inside them: so the
        # checkout may sit in a folder only root can enter. Otherwise bwrap needs a user namespace.
        namespaces = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
                      "--unshare-cgroup-try"] + ([] if as_root else ["--unshare-user"])
        as_kernel = (["setpriv", f"--reuid={self.uid}", f"--regid={self.uid}", "--clear-groups",
                      "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]
                     if as_root else [])
        return [
            "bwrap", *namespaces, "--die-with-parent", "--new-session",
            *system,
            "--proc", "/proc", "--dev", "/dev",
            "--perms", "1777", "--size", str(self.tmp_mb * 2**20), "--tmpfs", "/tmp",
            # after /tmp, which may hold them (a checkout in /tmp, the default scratch)
            *_reachable(venv), "--ro-bind", str(venv), str(venv),
            *_reachable(self.scratch), "--bind", str(self.scratch), str(self.scratch),
            "--remount-ro", "/",                  # the sandbox's own root: no writes outside /tmp
            "--chdir", "/tmp",
            "--clearenv", "--setenv", "PATH", f"{venv}/bin:/usr/bin:/bin",
            "--setenv", "HOME", "/tmp", "--setenv", "MPLCONFIGDIR", "/tmp/.matplotlib",
            "--setenv", "PYTHONDONTWRITEBYTECODE", "1",
            # the test suite grades hundreds of notebooks: it may skip drawing their figures
            *(["--setenv", "MPLBACKEND", "agg"] if os.environ.get("NN_COURSE_NO_FIGURES") else []),
            "--",
            *as_kernel,
            "prlimit", f"--as={self.memory_mb * 2**20}", f"--cpu={self.cpu_seconds}",
            f"--nproc={self.processes}", f"--fsize={self.file_mb * 2**20}", "--core=0",
        ]

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        # The kernel's own messages (start-up notes, a crash's last words) go to a log, not to
        # the grader's terminal; what a student prints reaches the notebook, as always.
        with open(self.scratch / "kernel.log", "ab") as log:
            await super()._async_launch_kernel(kernel_cmd, stdout=log, stderr=log, **kw)

    async def _async_shutdown_kernel(self, now=False, restart=False):
        await super()._async_shutdown_kernel(now=now, restart=restart)
        if not restart:
            shutil.rmtree(self.scratch, ignore_errors=True)

    shutdown_kernel = _async_shutdown_kernel  # jupyter_client binds the public name to its own

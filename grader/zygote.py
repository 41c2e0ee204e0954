"""Kernels forked from a Python that has imported torch once, each into a sandbox of its own.

`import torch` costs 1.5 to 2.5 s of CPU in every fresh kernel, more than most notebooks' own
cells, and on a busy machine no idle core hides it. So as root each grading process keeps a
zygote: `python -m grader.zygote`, started with the kernels' environment, that imports torch,
numpy, ipykernel and the rest of PRELOAD and then only forks. grader.sandbox still builds each
kernel's sandbox with bwrap (mounts, namespaces, cgroup), with a placeholder as its command; the
zygote's child then enters that sandbox, as nsenter does: the cgroup first, then every namespace
and the root of the sandbox's first process; then it drops to the kernel's user, capabilities and
limits as setpriv and prlimit do, and runs ipykernel_launcher there (any other kernel command is
exec'd).

The zygote holds nothing but the libraries and the requests (paths, user ids, limits): a kernel
that reads its own memory learns no more. It cannot reach the zygote: the request socket and
every other descriptor are closed before anything of the kernel runs, and it is another user in
another pid namespace. The zygote is the kernels' subreaper: when one exits it kills the
sandbox's first process, which ends every process of the sandbox, as when a kernel that bwrap
started exits.
"""
import array
import atexit
import ctypes
import gc
import json
import os
import re
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

# entered in this order (mnt last: it changes what /proc is); bwrap makes a cgroup namespace
# only where the kernel allows one, the others always
NAMESPACES = ("cgroup", "ipc", "uts", "net", "pid", "mnt")
REQUIRED = set(NAMESPACES) - {"cgroup"}
# Every notebook imports pyplot; torch._dynamo is what torch.testing.assert_close imports at its
# first call (0.5-0.9 s of CPU in 6 notebooks of 7), sklearn.datasets what 05 loads its data
# with (0.8 s): imported here once, they cost a forked kernel nothing.
PRELOAD = ("torch", "numpy", "matplotlib.pyplot", "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger",
           "torch._dynamo", "sklearn.datasets")
INLINE = "module://matplotlib_inline.backend_inline"      # what ipykernel sets where MPLBACKEND is unset
PR_SET_CHILD_SUBREAPER, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 36, 24, 38
CLONE_NEWNS, MS_NOSUID, MS_NODEV, MS_BIND, MS_REC, MS_PRIVATE = 0x20000, 2, 4, 0x1000, 0x4000, 1 << 18
_LINUX_CAPABILITY_VERSION_3 = 0x20080522

libc = ctypes.CDLL(None, use_errno=True)


class ZygoteError(RuntimeError):
    pass


def _check(result, what):
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


# --- in the grading process ---------------------------------------------------------------

class Zygote:
    """The grading process's end: fork(request) asks for one kernel and waits until it runs.
    Zygote(env) starts one; Zygote.connect(address) joins the one another grading process of
    this machine started with `listen` (grader.batch's local workers share their batch's)."""

    def __init__(self, env=None, listen=None, connected=None):
        self.pid, self.lock, self.process, self.ready, self.gone = os.getpid(), threading.Lock(), None, False, ""
        if connected is not None:
            self.socket = connected
            return
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        fds = (theirs.fileno(), *([listen.fileno()] if listen else []))
        # the imports see what a kernel's would: its environment, and matplotlib the backend
        # ipykernel would have set before a notebook imports it
        self.process = subprocess.Popen(
            [sys.executable, "-m", "grader.zygote", *map(str, fds)], pass_fds=fds,
            env={"MPLBACKEND": INLINE, **env}, cwd=Path(__file__).resolve().parents[1], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        theirs.close()
        self.socket = ours

    @classmethod
    def connect(cls, address):
        client = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        client.connect(address)
        return cls(connected=client)

    def problem(self, wait_s=300):
        """Why this zygote cannot fork, or "" once it has said it is ready (it imports first)."""
        if not self.ready and not self.gone:
            self.socket.settimeout(wait_s)
            try:
                said = self.socket.recv(4096)
            except OSError as error:
                said = f"it did not start: {error}".encode()
            self.ready = said == b"ready"
            if not self.ready:
                self.gone = f"no zygote: {said.decode(errors='replace') or 'it exited'}"
        if not self.gone and self.process is not None and self.process.poll() is not None:
            self.gone = f"the zygote exited (code {self.process.returncode})"
        return self.gone

    def fork(self, request, fds, timeout=120):
        """Start a kernel as `request` says (see _enter); fds: its log. Raises ZygoteError."""
        with self.lock:
            self.socket.settimeout(timeout)
            try:
                socket.send_fds(self.socket, [json.dumps(request).encode()], fds)
                answer = self.socket.recv(4096)
            except OSError as error:
                raise ZygoteError(f"the zygote did not answer: {error}") from None
        if not answer:
            self.gone = "the zygote has exited"
        if answer != b"ok":
            raise ZygoteError(answer.decode(errors="replace") or self.gone)

    def close(self):
        self.socket.close()          # the zygote exits when its starter's socket closes


_zygotes = {}          # the kernels' environment -> Zygote
_broken = {}           # the kernels' environment -> why its zygote cannot fork
_addresses = {}        # the kernels' environment -> where this machine's batch zygote listens
_lock = threading.Lock()


def start(env, share=False):
    """Start this process's zygote for kernels with this environment now (it imports while the
    caller does other work). With share, it also listens for the local workers of this batch:
    shared() says where, and use() in each of them makes for_environment() connect there, so
    that a machine imports torch and the rest once per batch, not once per worker."""
    key = tuple(sorted(env.items()))
    with _lock:
        if key in _zygotes and _zygotes[key].pid == os.getpid():
            return
        listen = None
        if share:
            folder = tempfile.mkdtemp(prefix="nn-course-zygote-")       # 0700: only our user may connect
            if len(folder) > 90:                                        # a socket path has 107 bytes
                os.rmdir(folder)
                folder = tempfile.mkdtemp(prefix="nn-course-zygote-", dir="/tmp")
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            listen = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
            listen.bind(os.path.join(folder, "zygote"))
            listen.listen(64)
            _addresses[key] = listen.getsockname()
        _zygotes[key] = Zygote(env, listen)
        if listen:
            listen.close()          # the zygote's now


def shared():
    """Where this process's shared zygotes listen, for its local workers (grader.batch)."""
    return dict(_addresses)


def use(addresses):
    """A local worker of a batch: connect to the batch's zygotes (see start)."""
    _addresses.update(addresses)


def for_environment(env):
    """This process's zygote for kernels with this environment (started at the first kernel, or
    the batch's, ready once it has imported PRELOAD). Raises ZygoteError, for good, if that
    failed or it has exited: then kernels start in their sandbox (and this says why, once)."""
    key = tuple(sorted(env.items()))
    with _lock:
        if key in _broken:
            raise ZygoteError(_broken[key])
        zygote = _zygotes.get(key)
        if zygote is None or zygote.pid != os.getpid():
            try:
                zygote = _zygotes[key] = Zygote.connect(_addresses[key]) if key in _addresses else Zygote(env)
            except OSError:             # the batch's zygote is gone: one of our own
                zygote = _zygotes[key] = Zygote(env)
        problem = zygote.problem()
        if problem:
            _broken[key] = problem
            print(f"sandbox: kernels start in their sandbox, not forked ({problem})", file=sys.stderr, flush=True)
            raise ZygoteError(problem)
        return zygote


def broken(env):
    """Why kernels with this environment cannot be forked in this process, or ''."""
    return _broken.get(tuple(sorted(env.items())), "")


def usable():
    """Forking into a sandbox needs root (setns, chroot, setuid) and Linux's setns."""
    return os.geteuid() == 0 and sys.platform == "linux" and hasattr(libc, "setns")


# --- in the zygote ------------------------------------------------------------------------

def serve(fd, listen_fd=None):
    """Import PRELOAD, then fork kernels as asked: on the socket of the process that started this
    zygote (it exits when that closes) and, with listen_fd, on connections of other processes of
    the same user (a batch's local workers)."""
    requests = socket.socket(fileno=fd)
    listener = socket.socket(fileno=listen_fd) if listen_fd is not None else None
    try:
        _private_tmp()
        # A collection in a kernel would walk (and so copy, page by page) every object these
        # imports made: 0.2-0.3 s of CPU per gc.collect(). As Python's gc docs advise for a
        # fork server: no collection here, and what the imports made frozen for the children.
        gc.disable()
        for name in PRELOAD:
            before = dict(os.environ)
            __import__(name)
            if name.startswith("ipykernel."):       # what a kernel's start sets, not a notebook's imports
                _SET_BY_IMPORTS.update((k, v) for k, v in os.environ.items() if before.get(k) != v)
        gc.freeze()
        _check(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), "prctl(PR_SET_CHILD_SUBREAPER)")
    except Exception as error:     # noqa: BLE001 (said to the grading process, which starts kernels itself)
        _answer(requests, repr(error).encode()[:4000])
        return
    if not _answer(requests, b"ready"):
        return              # the grading process ended while we imported (it refused to grade)
    clients = {requests.fileno(): requests}     # fd -> a socket that asks for kernels
    kernels = {}           # pidfd of a kernel -> (its pid, pidfd of its sandbox's first process)
    poller = select.poll()
    poller.register(requests, select.POLLIN)
    if listener is not None:
        poller.register(listener, select.POLLIN)
    while True:
        for ready, _ in poller.poll():
            if ready in kernels:
                pid, first = kernels.pop(ready)
                poller.unregister(ready)
                os.close(ready)
                os.waitpid(pid, 0)
                _kill(first)
            elif listener is not None and ready == listener.fileno():
                client, _ = listener.accept()
                _, uid, _ = struct.unpack("3i", client.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))
                if uid != os.geteuid() or not _answer(client, b"ready"):
                    client.close()          # only the grader's own user starts kernels
                    continue
                clients[client.fileno()] = client
                poller.register(client, select.POLLIN)
            else:
                client = clients[ready]
                try:
                    message, fds, _, _ = socket.recv_fds(client, 65536, 4)
                except OSError:
                    message, fds = b"", []
                if not message:
                    if client is requests:
                        return      # the grading process that started us has gone
                    poller.unregister(ready)
                    clients.pop(ready).close()
                    continue
                try:
                    pid, first = _start(json.loads(message), fds, [*clients.values(), listener])
                except Exception as error:     # noqa: BLE001 (said to the grading process; no kernel runs)
                    _answer(client, str(error).encode()[:4000] or b"failed")
                else:
                    pidfd = os.pidfd_open(pid)
                    kernels[pidfd] = (pid, first)
                    poller.register(pidfd, select.POLLIN)
                    _answer(client, b"ok")
                finally:
                    for fd_ in fds:
                        os.close(fd_)


_SET_BY_IMPORTS = {}       # what ipykernel's imports put in os.environ (debugpy: PYDEVD_USE_FRAME_EVAL)


def _answer(client, what):
    try:
        client.send(what)
        return True
    except OSError:         # that grading process has gone; its kernels end with their notebooks
        return False


def _private_tmp():
    """A /tmp of the zygote's own, as a sandbox's is: empty but for the venv where that lies
    in /tmp (a checkout in a temp folder). What the imports find or write there (matplotlib's
    config and font cache: MPLCONFIGDIR=/tmp/.matplotlib) is the zygote's alone, and the paths
    they keep are those a kernel would have."""
    _check(libc.unshare(CLONE_NEWNS), "unshare(CLONE_NEWNS)")
    _check(libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "mount --make-rprivate /")
    old_tmp = os.open("/tmp", os.O_PATH | os.O_DIRECTORY)    # in this namespace: binds come from its mounts
    _check(libc.mount(b"tmpfs", b"/tmp", b"tmpfs", MS_NOSUID | MS_NODEV, b"mode=1777,size=64m"), "mount /tmp")
    for keep in sorted({os.path.realpath(sys.prefix), os.path.realpath(sys.base_prefix)}):
        if keep.startswith("/tmp/"):
            os.makedirs(keep, exist_ok=True)        # in the new /tmp, then the old one's bound on it
            source = f"/proc/self/fd/{old_tmp}/{os.path.relpath(keep, '/tmp')}".encode()
            _check(libc.mount(source, keep.encode(), None, MS_BIND | MS_REC, None), f"mount --bind {keep}")
    os.close(old_tmp)
    os.chdir("/tmp")


def _kill(pidfd):
    try:
        signal.pidfd_send_signal(pidfd, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.close(pidfd)


def _start(request, fds, sockets):
    """Fork a child that enters the sandbox and forks the kernel; (kernel's pid, pidfd of the
    sandbox's first process) once the kernel is about to run."""
    first = os.pidfd_open(request["pid"])
    try:
        # Held open from here: the namespaces are the sandbox's (bwrap named them), not those
        # of a process that took the pid of one that exited.
        names = [ns for ns in NAMESPACES if ns in request["namespaces"]]
        if not REQUIRED <= set(names):
            raise ZygoteError(f"the sandbox lacks namespaces: {sorted(REQUIRED - set(names))}")
        namespaces = [os.open(f"/proc/{request['pid']}/ns/{ns}", os.O_RDONLY | os.O_CLOEXEC) for ns in names]
        for ns, fd in zip(names, namespaces):
            if os.fstat(fd).st_ino != request["namespaces"][ns]:
                raise ZygoteError(f"the sandbox's {ns} namespace is not the one bwrap made")
        root = os.open(f"/proc/{request['pid']}/root", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        status_r, status_w = os.pipe()
        child = os.fork()
        if child == 0:
            _never_return(_enter, request, fds, dict(zip(names, namespaces)), root, status_w, sockets,
                          status=status_w, failed="could not enter the sandbox")
        os.close(status_w)
        for fd in (*namespaces, root):
            os.close(fd)
        said = b""
        while chunk := os.read(status_r, 4096):
            said += chunk
        os.close(status_r)
        os.waitpid(child, 0)
        found = re.fullmatch(rb"pid (\d+)", said)     # and nothing from the kernel: it is running
        if not found:
            raise ZygoteError(said.decode(errors="replace") or "the kernel's start died")
        return int(found[1]), first
    except BaseException:
        os.close(first)
        raise


def _never_return(function, *args, status, failed):
    """A forked child runs `function` and exits, whatever happens: it never goes back to the
    zygote's loop. Why it failed goes to `status` while that is open."""
    try:
        function(*args)
    except BaseException as error:      # noqa: BLE001
        try:
            os.write(status, f"{failed}: {error!r}".encode()[:4000])
        except BaseException:           # noqa: BLE001 (closed: the kernel had started)
            pass
    finally:
        os._exit(1)


def _enter(request, fds, namespaces, root, status, sockets):
    """In the zygote's child (root, single-threaded): join the cgroup, then the namespaces and
    root; fork the kernel, in the sandbox's pid namespace; report its pid and exit."""
    for procs in request["cgroup_procs"]:
        Path(procs).write_text(str(os.getpid()))
    for ns, fd in namespaces.items():
        _check(libc.setns(fd, 0), f"setns({ns})")
    os.fchdir(root)
    os.chroot(".")
    os.chdir("/tmp")
    kernel = os.fork()
    if kernel == 0:
        _never_return(_become_kernel, request, fds, status, sockets, status=status,
                      failed="could not start the kernel")
    os.write(status, f"pid {kernel}".encode())
    os._exit(0)


def _become_kernel(request, fds, status, sockets):
    """The kernel, in the sandbox: only its log and /dev/null open, its own session, limits and
    user, no capabilities, the kernels' environment; then the kernel command."""
    for open_socket in sockets:
        if open_socket is not None:
            open_socket.detach()        # closed below by number: never again by these objects
    (log,) = fds
    null = os.open("/dev/null", os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.closerange(3, status)            # status stays open until the kernel is about to run
    os.closerange(status + 1, os.sysconf("SC_OPEN_MAX"))
    os.setsid()
    import resource
    for name, value in request["limits"].items():
        limit = getattr(resource, f"RLIMIT_{name.upper()}")
        resource.setrlimit(limit, (value, value))
    cap = 0
    while libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0:
        cap += 1
    uid = request["uid"]
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)        # drops the effective and permitted capabilities
    header = (ctypes.c_uint32 * 2)(_LINUX_CAPABILITY_VERSION_3, 0)
    _check(libc.capset(header, (ctypes.c_uint32 * 6)()), "capset")      # and the inheritable ones
    _check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(PR_SET_NO_NEW_PRIVS)")
    for caught in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
        signal.signal(caught, signal.SIG_DFL)
    gc.enable()
    coerced = {name: os.environ[name] for name in ("LC_CTYPE",) if name in os.environ}  # Python's, at start
    os.environ.clear()
    # as in a kernel that started itself; PWD: bwrap's --chdir
    os.environ.update({**request["env"], **coerced, **_SET_BY_IMPORTS, "PWD": os.getcwd()})
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()          # the zygote's draw would be every kernel's
    if "matplotlib" in sys.modules:
        os.makedirs(os.environ.get("MPLCONFIGDIR", "/tmp/.matplotlib"), mode=0o700, exist_ok=True)   # matplotlib made it at import
    argv = request["argv"]
    os.close(status)
    if argv[:3] != [sys.executable, "-m", "ipykernel_launcher"]:
        os.execv(argv[0], argv)
    import runpy
    sys.argv = [argv[0], *argv[3:]]
    sys.path[0] = os.getcwd()                        # as `python -m` in /tmp would have it
    code = 0
    try:
        runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    serve(*map(int, sys.argv[1:3]))

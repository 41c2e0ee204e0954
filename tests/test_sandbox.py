"""The sandboxed kernel's limits hold: CPU time, file size, private /tmp, read-only system.

(The hostile class in test_hostile.py shows the rest through the whole autograder.)"""
import asyncio
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from grader import course, sandbox

pytestmark = [pytest.mark.slow, pytest.mark.sandbox]   # tiers: make test-fast skips these
BWRAP = course.load_config().SandboxedKernelManager.get("bwrap", "venv")   # NN_COURSE_BWRAP



def run(code, timeout=60, **limits):
    """(status, printed text) of `code` in a fresh sandboxed kernel; status 'died' if it died."""
    async def main():
        km = sandbox.SandboxedKernelManager(kernel_name="python3", bwrap=BWRAP, **limits)
        await km.start_kernel(extra_arguments=["--Application.log_level=ERROR"])
        kc = km.client()
        kc.start_channels()
        printed = []
        try:
            await kc.wait_for_ready(timeout=60)
            reply = await kc.execute_interactive(
                code, timeout=timeout, output_hook=lambda msg: printed.append(msg["content"].get("text", "")))
            status = reply["content"]["status"]
        except (RuntimeError, TimeoutError):
            status = "no reply"
        if not await km.is_alive():
            status = "died"
        kc.stop_channels()
        await km.shutdown_kernel(now=True)
        return status, "".join(printed), km.scratch
    return asyncio.run(main())


def test_cpu_time_is_bounded():
    status, _, _ = run("while True:\n    pass", timeout=15, cpu_seconds=2)
    assert status == "died"


def test_file_size_is_bounded():
    status, text, _ = run(
        "try:\n    open('/tmp/big', 'wb').write(b'x' * 3 * 2**20)\nexcept OSError as e:\n    print(e)",
        file_mb=1)
    assert "File too large" in text


def test_only_tmp_is_writable_and_it_is_private():
    status, text, scratch = run(
        "import os\nopen('/tmp/mine', 'w').write('ok')\nprint(os.listdir('/tmp'))\n"
        "for path in ('/usr/x', '/etc/x', '/x', os.path.expanduser('~root/x')):\n"
        "    try:\n        open(path, 'w')\n        print('WROTE', path)\n"
        "    except OSError as e:\n        print(type(e).__name__)")
    assert status == "ok" and "WROTE" not in text and "'mine'" in text
    assert not os.path.exists("/tmp/mine")
    assert not scratch.exists(), "the kernel's scratch folder is removed at shutdown"


def test_runs_as_a_user_of_its_own_without_capabilities_or_network():
    status, text, _ = run(
        "import os, socket\nprint(os.getuid())\n"
        "print([line for line in open('/proc/self/status') if line.startswith(('CapEff', 'CapBnd'))])\n"
        "try:\n    socket.create_connection(('1.1.1.1', 53), timeout=3)\nexcept OSError as e:\n"
        "    print('no network:', type(e).__name__)")
    assert status == "ok" and "no network" in text
    if os.geteuid() == 0:
        assert int(text.split()[0]) >= sandbox.FIRST_KERNEL_UID
    assert "CapEff:\\t0000000000000000" in text and "CapBnd:\\t0000000000000000" in text


@pytest.mark.parametrize("deep", [False, True], ids=["short-path", "deep-path"])
def test_works_from_a_folder_only_its_owner_can_enter(tmp_path, monkeypatch, deep):
    """A clone in a private folder (mktemp -d, a home folder): its .venv and the kernel's
    connection folder must still be reachable inside the sandbox. A folder this deep is too
    long a path for the kernel's sockets (107 bytes at most): /tmp takes over there."""
    private = tmp_path / "private" if deep else Path(tempfile.mkdtemp(dir="/tmp"))
    private.mkdir(mode=0o700, exist_ok=True)
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    try:
        status, text, scratch = run("print('reached')")
    finally:
        if not deep:
            shutil.rmtree(private)
    assert status == "ok" and "reached" in text
    assert (str(private) in str(scratch)) != deep


# What a kernel sees of its process and sandbox, with what differs from kernel to kernel
# (user id, pids, random folder names, numbers) taken out.
WHAT_IT_SEES = r"""
import hashlib, io, json, os, re, resource, sys
import matplotlib, matplotlib.pyplot as plt
def link(fd):
    try:
        return os.readlink(f'/proc/self/fd/{fd}')
    except OSError:
        return None     # the one listdir had open
def figure():
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([1, 3, 2])
    ax.set_title("loss $x^2$")
    png = io.BytesIO()
    fig.savefig(png, format="png")
    return hashlib.sha256(png.getvalue()).hexdigest()
def same(text):
    return re.sub(r'nn-course-kernel-\w+', 'SCRATCH', re.sub(r'\d{7,}', 'UID', text))
print(json.dumps({
    "status": [same(line) for line in open('/proc/self/status') if line.startswith(('Uid', 'Gid', 'Groups', 'Cap', 'NoNewPrivs', 'Seccomp'))],
    "limits": [resource.getrlimit(getattr(resource, 'RLIMIT_' + n)) for n in ('AS', 'NPROC', 'FSIZE', 'CORE', 'NOFILE')],
    "environment": {name: same(value) for name, value in os.environ.items()},
    "root": sorted(os.listdir('/')),
    "tmp": sorted(same(name) for name in os.listdir('/tmp') if name != '.cache'),  # fontconfig's, where pyplot was imported
    "cgroup": open('/proc/self/cgroup').read(), "cwd": os.getcwd(),
    "descriptors": sorted(re.sub(r'\d+', 'N', same(link(fd))) for fd in os.listdir('/proc/self/fd')
                           if fd != '0' and link(fd) and not link(fd).startswith('/tmp/.ipython/')),  # IPython's history thread opens and closes its own
    "session_leader": os.getsid(0) == os.getpid(), "argv": [same(arg) for arg in sys.argv],
    "processes": len([p for p in os.listdir('/proc') if p.isdigit()]),
    "figure": figure(), "fonts": len(matplotlib.font_manager.fontManager.ttflist),
    "matplotlib": [matplotlib.get_backend(), matplotlib.get_configdir(), matplotlib.get_cachedir()],
}, sort_keys=True))
"""


@pytest.mark.skipif(not sandbox.zygote.usable(), reason="kernels are forked from a zygote only as root")
def test_a_forked_kernel_is_sandboxed_as_a_started_one():
    """grader.zygote's kernels enter the sandbox bwrap made for them: same user, capabilities,
    limits, environment, files, cgroup and descriptors as a kernel bwrap starts itself (nothing
    of the zygote's: its request socket is closed), and matplotlib (imported in the zygote)
    draws the same figure with the same fonts and folders. Apart: one process more (the sandbox's
    placeholder); the kernel leads a session of its own (bwrap's --new-session makes one for
    the sandbox's first process: either way none with the grader's terminal); stdin is
    /dev/null, not jupyter_client's pipe."""
    import json
    forked, started = (json.loads(run(WHAT_IT_SEES, fork_kernels=fork)[1]) for fork in (True, False))
    assert forked.pop("processes") == started.pop("processes") + 1
    assert forked.pop("session_leader") and not started.pop("session_leader")
    assert forked == started


@pytest.mark.skipif(not sandbox.zygote.usable(), reason="kernels are forked from a zygote only as root")
def test_a_kernel_that_cannot_be_forked_is_started(monkeypatch):
    def broken(env):
        raise sandbox.zygote.ZygoteError("no zygote today")
    monkeypatch.setattr(sandbox.zygote, "for_environment", broken)
    status, text, scratch = run("import os\nprint('pid', os.getpid())")
    assert status == "ok" and "pid 2" in text       # bwrap's own start: the kernel is pid 2


@pytest.mark.skipif(not sandbox.zygote.usable(), reason="kernels are forked from a zygote only as root")
def test_a_forked_kernel_that_exits_ends_its_sandbox():
    """When the kernel exits, its sandbox goes with it (the zygote, its parent, kills the
    sandbox's first process), and with it what the kernel left running: a dead kernel is seen
    at once, as when bwrap started it."""
    status, _, _ = run("import os, subprocess\nsubprocess.Popen(['sleep', '600'])\nos._exit(3)", timeout=20)
    assert status == "died"


@pytest.mark.skipif(not sandbox.zygote.usable(), reason="kernels are forked from a zygote only as root")
def test_the_zygote_says_why_a_fork_failed_and_goes_on():
    """A request the zygote cannot carry out is answered with the reason (the grading process
    then starts the kernel itself); its failed child never returns to the zygote's loop, and
    the zygote serves the next request."""
    import subprocess
    zygote = sandbox.zygote
    env = sandbox.SandboxedKernelManager()._environment()
    server = zygote.for_environment(env)
    holder = subprocess.Popen(["sleep", "60"])
    try:
        namespaces = {ns: os.stat(f"/proc/{holder.pid}/ns/{ns}").st_ino for ns in zygote.NAMESPACES}
        request = {"pid": holder.pid, "namespaces": namespaces, "cgroup_procs": [],
                   "uid": sandbox.FIRST_KERNEL_UID, "limits": {"bogus": 1}, "env": {}, "argv": ["/bin/true"]}
        with open(os.devnull, "wb") as log:
            with pytest.raises(zygote.ZygoteError, match="could not start the kernel.*RLIMIT_BOGUS"):
                server.fork(request, [log.fileno()])
            with pytest.raises(zygote.ZygoteError, match="mnt namespace is not the one bwrap made"):
                server.fork({**request, "namespaces": {**namespaces, "mnt": 1}}, [log.fileno()])
        assert server.process.poll() is None
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.skipif(not sandbox.zygote.usable(), reason="kernels are forked from a zygote only as root")
def test_a_batch_zygote_serves_its_workers_and_no_other_user(tmp_path):
    """The zygote a batch starts with share=True (grader.autograde) answers the batch's local
    workers on its socket, each request on the connection it came on; another user cannot
    reach that socket (its folder is the grader's own, 0700)."""
    import subprocess
    zygote = sandbox.zygote
    env = {**sandbox.kernel_environment(1), "NN_COURSE_TEST": str(tmp_path)}    # a zygote of this test's own
    zygote.start(env, share=True)
    (address,) = [where for key, where in zygote.shared().items() if dict(key) == env]
    worker = zygote.Zygote.connect(address)
    assert worker.problem() == ""
    holder = subprocess.Popen(["sleep", "60"])
    try:
        namespaces = {ns: os.stat(f"/proc/{holder.pid}/ns/{ns}").st_ino for ns in zygote.NAMESPACES}
        request = {"pid": holder.pid, "namespaces": {**namespaces, "mnt": 1}, "cgroup_procs": [],
                   "uid": sandbox.FIRST_KERNEL_UID, "limits": {}, "env": {}, "argv": ["/bin/true"]}
        with open(os.devnull, "wb") as log:
            with pytest.raises(zygote.ZygoteError, match="mnt namespace is not the one bwrap made"):
                worker.fork(request, [log.fileno()])
    finally:
        holder.kill()
        holder.wait()
    worker.close()
    assert zygote.for_environment(env).problem() == ""       # the starter's own end still serves
    connect = [shutil.which("python3", path="/usr/bin:/bin"), "-c", "import socket; s = socket.socket(socket.AF_UNIX, "
               f"socket.SOCK_SEQPACKET); s.connect({address!r}); s.settimeout(30); print(s.recv(16))"]
    other = subprocess.run(connect, user=sandbox.FIRST_KERNEL_UID, capture_output=True, text=True)
    assert other.returncode != 0 and "PermissionError" in other.stderr
    os.chmod(os.path.dirname(address), 0o711)       # were the folder and socket open, the zygote
    os.chmod(address, 0o777)                        # refuses another user itself
    other = subprocess.run(connect, user=sandbox.FIRST_KERNEL_UID, capture_output=True, text=True)
    assert other.stdout.strip() == "b''", other.stdout + other.stderr       # closed, never told "ready"
    assert zygote.for_environment(env).problem() == ""


def test_the_walk_finds_every_socket_and_fifo_and_follows_no_link(tmp_path):
    """What the sandbox hides in the venv (a socket or FIFO there would reach a process outside):
    found at any depth, by the directory entry's type; not through a link to another folder."""
    import socket
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    os.mkfifo(deep / "pipe")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(tmp_path / "a" / "sock"))
    (tmp_path / "file").write_text("x")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    os.mkfifo(outside / "elsewhere")
    (tmp_path / "link").symlink_to(outside)
    try:
        assert sandbox._sockets_and_fifos(str(tmp_path)) == (str(tmp_path / "a" / "b" / "pipe"), str(tmp_path / "a" / "sock"))
    finally:
        listener.close()

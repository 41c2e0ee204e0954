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

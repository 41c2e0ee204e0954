"""The next notebook's kernel, started while this one runs: sandboxed, torch already imported.

Starting a sandboxed kernel takes 0.6 s with torch already imported (forked from grader.zygote;
2.5 s where it imports torch itself), more than many notebooks' own cells. So each grading
process keeps one kernel started ahead, in a background thread, and hands it to the next
notebook (grader.surviving_execute); a kernel serves one notebook and is shut down after it,
never reused. The imports run as the kernel starts (IPython's exec_lines, outside the
history), before any student code exists.
"""
import asyncio
import atexit
import threading
from concurrent.futures import ThreadPoolExecutor

from jupyter_client import BlockingKernelClient

PRELOAD = "import torch, numpy, matplotlib"

_lock = threading.Lock()
start_ahead_next = True          # False for a worker's last notebook of a batch (grader.batch)
_ahead = {}                      # (kernel manager class, kernel name, arguments) -> Future
_starter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nn-course-kernel-ahead")


def _start(make, kernel_name, arguments, timeout):
    km = make(kernel_name)
    asyncio.run(km.start_kernel(extra_arguments=[*arguments, f"--IPKernelApp.exec_lines={PRELOAD}"]))
    kc = BlockingKernelClient()
    kc.load_connection_info(km.get_connection_info())
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=timeout)     # the imports are done
    finally:
        kc.stop_channels()
    return km


def take(make, kernel_name, arguments, timeout=60):
    """A started kernel manager for the next notebook (made by `make(kernel_name)`), or None if
    the one started ahead failed (the caller then starts its own); another starts ahead."""
    kind = getattr(getattr(make, "__self__", None), "kernel_manager_class", make)   # never a sandboxed
    key = (kind, kernel_name, tuple(arguments))                                      # for an unsandboxed one
    with _lock:
        ahead = _ahead.pop(key, None)
        if start_ahead_next:
            _ahead[key] = _starter.submit(_start, make, kernel_name, list(arguments), timeout)
    if ahead is None:
        return None
    try:
        return ahead.result()
    except Exception:       # noqa: BLE001 (a sandbox that would not start: the notebook starts its own)
        return None


@atexit.register
def _shutdown():
    with _lock:
        waiting = list(_ahead.values())
        _ahead.clear()
    for future in waiting:
        try:
            km = future.result(timeout=120)
            asyncio.run(km.shutdown_kernel(now=True))
        except Exception:   # noqa: BLE001
            pass

"""grader.surviving_execute restarts a lost kernel; a restart whose new kernel dies before it
answers (a fork bomb's last processes still held the process limit) is tried again, and once
the restarts are used up, the notebook is graded on what ran (never a failed autograde)."""
from grader.surviving_execute import SurvivingExecute


class Manager:
    def __init__(self):
        self.restarts = 0

    async def restart_kernel(self, now=False):
        self.restarts += 1


def executor(fail_starts):
    run = SurvivingExecute(max_restarts=3)
    run.km, run.kc, run._restarts, run._stopped = Manager(), None, 0, ""
    starts = []

    async def connect():
        starts.append(1)
        if len(starts) <= fail_starts:
            raise RuntimeError("Kernel died before replying to kernel_info")

    run._connect = connect
    return run


def test_a_new_kernel_that_died_at_once_is_restarted_again():
    run = executor(fail_starts=1)
    manager = run.km
    assert run._restart() is True
    assert run.km is manager and manager.restarts == 2 and run._restarts == 2 and not run._stopped


def test_when_the_restarts_are_used_up_no_more_cells_run():
    run = executor(fail_starts=10)
    assert run._restart() is False
    assert run._stopped == "the kernel was restarted 3 times" and run.km.restarts == 3


def test_a_cell_that_kills_the_kernel_again_on_replay_is_left_out_of_the_next_replay():
    # kill(-1) ends the sandbox, but the kernel may die only as the next cell runs: that cell is
    # lost, and on replay the killer cell kills again. The later cells still get the state the
    # other cells build.
    from nbclient.exceptions import DeadKernelError
    from nbformat.v4 import new_code_cell, new_notebook

    run = executor(fail_starts=0)
    run.nb = new_notebook(cells=[new_code_cell("import torch"), new_code_cell("os.kill(-1, 9)"),
                                 new_code_cell("check()"), new_code_cell("test()")])
    run._lost_cells, run._deadline = {2}, float("inf")
    replayed = []

    def execute_cell(cell, index, **kwargs):
        replayed.append(index)
        if cell.source.startswith("os.kill"):
            raise DeadKernelError("the kernel died")

    run.execute_cell = execute_cell
    run._restart_and_replay(upto=3)
    assert replayed == [0, 1, 0] and run._lost_cells == {1, 2}
    assert run.km.restarts == 2 and not run._stopped
    assert [c.source for c in run.nb.cells] == ["import torch", "os.kill(-1, 9)", "check()", "test()"]

"""The bundled sample class that `make grade` grades: one student per kind of submission.

Each student is a recipe over the release: which answer cells they filled in, and how.
Built fresh from course/ every time, so it follows the course when solutions/ changes.
"""
import shutil

from . import course, submissions
from .submissions import SOLUTION

A01 = "01_python_classes"

# Answers of the students who are not simply perfect or untouched (assignment 01 only).
RECIPES = {
    "cleo_partly_right": {A01: {
        "ex1_1_running_mean": SOLUTION,
        "ex1_2_block_and_scale": '''
class Block:
    def __init__(self):
        self.num_calls = 0

    def __call__(self, *args, **kwargs):
        self.num_calls += 1
        return self.forward(*args, **kwargs)

    def forward(self, *args, **kwargs):
        raise NotImplementedError


class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor

    def __repr__(self):
        return "Scale"
''',
    }},
    # The classic nn.Module mistake: children are registered but never walked, so every
    # parameter inside a child module is invisible (as with layers kept in a plain list).
    "dev_nn_module_mistake": {A01: {
        "ex1_1_running_mean": SOLUTION,
        "ex1_2_block_and_scale": SOLUTION,
        "ex1_3_tiny_module": '''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def named_parameters(self):
        yield from self._parameters.items()

    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
''',
    }},
    "eve_kernel_dies": {A01: {
        "ex1_1_running_mean": SOLUTION,
        "ex1_2_block_and_scale": "import os\nos._exit(1)  # the kernel dies here\n",
        "ex1_3_tiny_module": SOLUTION,
    }},
    "finn_endless_loop": {A01: {
        "ex1_1_running_mean": '''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        while self.count >= 0:          # never ends
            self.count += 0
        return self.mean
''',
        "ex1_2_block_and_scale": SOLUTION,
        "ex1_3_tiny_module": SOLUTION,
    }},
}
PERFECT, UNTOUCHED = "ada_perfect", "ben_untouched"


def write(dest, assignments):
    """Write the sample class for these assignments under dest (emptied first)."""
    shutil.rmtree(dest, ignore_errors=True)
    for assignment in assignments:
        for notebook in course.notebook_names(assignment):
            release = submissions.build(assignment, notebook, {})
            submissions.write(submissions.perfect(assignment, notebook), dest, PERFECT, assignment, notebook)
            submissions.write(release, dest, UNTOUCHED, assignment, notebook)
            for student, recipe in RECIPES.items():
                if assignment in recipe:
                    nb = submissions.build(assignment, notebook, recipe[assignment])
                    submissions.write(nb, dest, student, assignment, notebook)
    return dest

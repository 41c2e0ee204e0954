"""Every catalog answer goes through the real autograder: wrong ones lose their exercise's
points and are told their mistake; right ones (written another way) get every point."""
import pytest

from grader import course
from tests.catalog import Right, Wrong
from tests.conftest import catalogs, checks_of

pytestmark = pytest.mark.slow   # tiers: make test-fast skips these (runs without a sandbox too)

CASES = [
    pytest.param(assignment, grade_id, answer, index,
                 id=f"{module.__name__.rsplit('.', 1)[1]}-{grade_id}-{type(answer).__name__.lower()}{index}")
    for assignment, module in sorted(catalogs().items())
    for grade_id, answers in module.ANSWERS.items()
    for kind in (Wrong, Right)
    for index, answer in enumerate((a for a in answers if isinstance(a, kind)), 1)
]


@pytest.mark.parametrize("assignment, grade_id, answer, index", CASES)
def test_catalog_answer(catalog_class, assignment, grade_id, answer, index):
    student = f"{type(answer).__name__.lower()}_{index}"
    graded = catalog_class(assignment)
    row = graded.row(student, assignment)
    assert row.status == "graded", row.reasons
    tests = checks_of(assignment)[grade_id]
    earned = sum(row.cells[t][0] for t in tests)
    possible = sum(row.cells[t][1] for t in tests)
    if isinstance(answer, Wrong):
        assert earned < possible, f"accepted a wrong answer ({answer.mistake})"
        errors = [e for t in tests for e in graded.errors(student, assignment, t)]
        assert any(answer.says in e for e in errors), (
            f"the student is not told {answer.says!r} for: {answer.mistake}; they read {errors}")
    else:
        assert earned == possible, f"rejected a correct answer ({answer.way}): {row.reasons}"


@pytest.mark.parametrize("assignment", course.all_assignments())
def test_solutions_get_full_marks(catalog_class, assignment):
    row = catalog_class(assignment).row("perfect", assignment)
    assert row.status == "graded" and row.max_score > 0
    assert row.score == row.max_score, row.reasons


@pytest.mark.parametrize("assignment", course.all_assignments())
def test_untouched_release_scores_zero_without_grader_errors(catalog_class, assignment):
    row = catalog_class(assignment).row("untouched", assignment)
    assert row.status == "graded", row.reasons
    assert row.score == 0 and row.max_score > 0, row.reasons
    assert all("NotImplementedError" in r or "NameError" in r for r in row.reasons), row.reasons


@pytest.mark.parametrize("assignment", course.all_assignments())
def test_every_exercise_has_a_catalog(assignment):
    module = catalogs().get(assignment)
    assert module, f"no tests/catalog for {assignment}"
    for grade_id in checks_of(assignment):
        answers = module.ANSWERS.get(grade_id, [])
        wrong = sum(isinstance(a, Wrong) for a in answers)
        right = sum(isinstance(a, Right) for a in answers)
        assert wrong >= 3 and right >= 1, f"{grade_id}: {wrong} wrong and {right} right answers (need 3 and 1)"
    assert set(module.ANSWERS) <= set(checks_of(assignment)), "catalog names an answer cell the notebook lacks"

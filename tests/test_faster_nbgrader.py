"""grader.faster_nbgrader does what nbgrader's own steps do: the same metadata verdicts, the
same gradebook, one SQLAlchemy engine per block instead of one per open."""
import copy

import nbformat
import pytest
from nbgrader.api import Gradebook
from nbgrader.nbgraderformat import ValidationError
from nbgrader.preprocessors import CheckCellMetadata as NbgraderCheckCellMetadata

from grader import course, faster_nbgrader, gradebook

A05 = "05_parameters_and_training"


def _answer_and_test(nb):
    answer = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution"))
    test = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code")
    return answer.metadata.nbgrader, test.metadata.nbgrader


def _points_as_text(nb):
    _answer_and_test(nb)[1]["points"] = "three"


def _no_grade_id(nb):
    del _answer_and_test(nb)[0]["grade_id"]


def _old_schema(nb):
    _answer_and_test(nb)[0]["schema_version"] = 1


def _newer_schema(nb):
    _answer_and_test(nb)[0]["schema_version"] = 4


def _repeated_grade_id(nb):
    answer, test = _answer_and_test(nb)
    test["grade_id"] = answer["grade_id"]


def _unknown_key(nb):
    _answer_and_test(nb)[0]["sneaky"] = True


def _untouched(nb):
    pass


def _verdict(step, nb):
    try:
        step().preprocess(nb, {})
        return "valid"
    except ValidationError as e:
        return type(e).__name__
    except Exception as e:     # noqa: BLE001 (nbgrader's version errors are not ValidationErrors)
        return f"{type(e).__name__}: {e}"


@pytest.mark.parametrize("damage", [_untouched, _points_as_text, _no_grade_id, _old_schema, _newer_schema,
                                    _repeated_grade_id, _unknown_key])
def test_check_cell_metadata_judges_as_nbgrader_s(damage):
    nb = nbformat.read(course.SOLUTIONS / A05 / f"{A05}.ipynb", as_version=4)
    damage(nb)
    ours, theirs = _verdict(faster_nbgrader.CheckCellMetadata, copy.deepcopy(nb)), _verdict(NbgraderCheckCellMetadata, nb)
    assert ours == theirs
    assert (ours == "valid") == (damage is _untouched)


def test_gradebook_opens_share_one_engine_inside_the_block_only(tmp_path):
    url, other_url = f"sqlite:///{tmp_path}/gradebook.db", f"sqlite:///{tmp_path}/other.db"
    gradebook.create(url)
    gradebook.create(other_url)
    with faster_nbgrader.one_engine(url):
        with Gradebook(url) as first:
            first.add_student("ana")
            engine = first.engine
        with faster_nbgrader.one_engine(url), Gradebook(url) as again:      # nested: the same one
            assert again.engine is engine and again.find_student("ana").id == "ana"
        with Gradebook(other_url) as other:          # another database: its own
            assert other.engine is not engine
    with Gradebook(url) as after:
        assert after.engine is not engine and after.find_student("ana").id == "ana"
    assert not faster_nbgrader._ENGINES

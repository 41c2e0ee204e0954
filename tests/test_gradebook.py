"""grader.gradebook makes the gradebook nbgrader would make, without its `alembic` subprocess."""
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, inspect, text

from grader import gradebook


def _schema(url):
    engine = create_engine(url)
    try:
        found = inspect(engine)
        tables = {name: sorted(c["name"] for c in found.get_columns(name)) for name in found.get_table_names()}
        with engine.connect() as db:
            version = db.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return tables, version
    finally:
        engine.dispose()


def test_the_schema_version_is_what_alembic_heads_prints():
    alembic = Path(sys.executable).parent / "alembic"
    from nbgrader.api import _temp_alembic_ini

    with _temp_alembic_ini("sqlite:////tmp/unused.db") as ini:
        heads = subprocess.run([str(alembic), "-c", ini, "heads"], capture_output=True, text=True, check=True).stdout
    assert gradebook.schema_version() == heads.split()[0]


def test_a_new_gradebook_is_nbgrader_s_own(tmp_path, monkeypatch):
    from nbgrader.api import Gradebook

    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")   # its alembic
    ours, theirs = f"sqlite:///{tmp_path / 'ours.db'}", f"sqlite:///{tmp_path / 'theirs.db'}"
    gradebook.ensure(ours)
    with Gradebook(ours) as gb:          # opens without asking alembic, and works
        gb.add_student("ada")
    with Gradebook(theirs):
        pass
    assert _schema(ours) == _schema(theirs)


def test_an_existing_gradebook_is_left_alone(tmp_path):
    path = tmp_path / "gradebook.db"
    path.write_bytes(b"kept")
    gradebook.ensure(f"sqlite:///{path}")
    assert path.read_bytes() == b"kept"

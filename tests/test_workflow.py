"""The GitHub Actions workflow (.github/workflows/test.yml) is valid and safe, checked offline.

check-jsonschema validates it against GitHub's workflow schema (vendored in the package, no
download); zizmor --offline audits it (unpinned actions, credentials, permissions...) without
touching the network. Both come from the venv that runs the tests."""
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "test.yml"
BIN = Path(sys.executable).parent


def run_tool(name, *args):
    tool = BIN / name
    assert tool.exists(), f"{tool} is missing: pip install -r requirements.txt"
    done = subprocess.run([str(tool), *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, (f"{name} {' '.join(args)} exited {done.returncode}\n"
                                  f"--- stdout ---\n{done.stdout}\n--- stderr ---\n{done.stderr}")


def test_workflow_matches_the_github_schema():
    run_tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(WORKFLOW))


def test_workflow_passes_zizmor_offline():
    run_tool("zizmor", "--offline", "--no-progress", "--color", "never", str(WORKFLOW))


@pytest.fixture(scope="module")
def workflow():
    return yaml.safe_load(WORKFLOW.read_text())


def test_workflow_runs_on_push_and_pull_request(workflow):
    # YAML 1.1 (PyYAML) reads the key `on` as True
    triggers = workflow.get("on", workflow.get(True))
    assert {"push", "pull_request"} <= set(triggers)


def steps(workflow):
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_workflow_runs_make_test_with_python_3_11(workflow):
    setups = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@")]
    assert [str(s["with"]["python-version"]) for s in setups] == ["3.11"]
    runs = [line.strip() for s in steps(workflow) for line in s.get("run", "").splitlines()]
    assert "make test" in runs

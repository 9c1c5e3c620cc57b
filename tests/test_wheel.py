"""The built wheel, installed into a fresh venv, carries the rule packs and lints the sample draft.

An editable install reads rules/ from the checkout, so only a real wheel shows that the packs ship.
The venv is fresh (no system or project site-packages) and gwlint is installed with its declared
dependencies, as a user would, so a dependency missing from pyproject.toml fails here too. That
costs a few seconds because pip's cache already holds what `pip install -e '.[test]'` fetched.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "sample-summary.txt"


def _run(*cmd: str | Path, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """(wheel, venv): the wheel built from this checkout and a fresh venv it is installed in."""
    root = tmp_path_factory.mktemp("wheel")
    proc = _run(sys.executable, "-m", "build", "--wheel", "--outdir", root / "dist", REPO, cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (wheel,) = (root / "dist").glob("gwlint-*.whl")
    venv = root / "venv"
    # No pip inside the venv: the project's pip installs into it (--python), which saves seeding pip.
    proc = _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=root)
    assert proc.returncode == 0, proc.stderr
    proc = _run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "-q", wheel, cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return wheel, venv


def test_wheel_holds_the_rule_packs_and_no_repository_extras(built):
    wheel, _ = built
    names = zipfile.ZipFile(wheel).namelist()
    packed = sorted(n.removeprefix("gwlint/rules/") for n in names if n.startswith("gwlint/rules/"))
    assert packed == sorted(p.name for p in (REPO / "rules").glob("*.yaml"))
    assert packed  # the comparison above would pass on two empty lists
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/", "samples/", "rules/", "lsp/vscode/"))]


def test_installed_gwlint_runs_from_the_venv_not_the_checkout(built, tmp_path):
    _, venv = built
    code = "import gwlint.rulepack as r; print(r.__file__); print(r.builtin_rules_dir())"
    proc = _run(venv / "bin" / "python", "-c", code, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    module, rules_dir = (Path(line) for line in proc.stdout.splitlines())
    site = venv / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "site-packages"
    assert module == site / "gwlint" / "rulepack.py"
    assert rules_dir == site / "gwlint" / "rules"


def test_installed_gwlint_finds_in_the_sample_what_the_checkout_finds(built, tmp_path):
    _, venv = built
    # A copy outside the repository, so no gwlint.yaml or [tool.gwlint] of the checkout applies.
    draft = tmp_path / SAMPLE.name
    shutil.copyfile(SAMPLE, draft)
    installed = _run(venv / "bin" / "gwlint", "--format", "json", draft.name, cwd=tmp_path, timeout=60)
    assert installed.returncode == 1, installed.stdout + installed.stderr
    checkout = _run(sys.executable, "-m", "gwlint", "--format", "json", draft.name, cwd=tmp_path, timeout=60)
    assert checkout.returncode == 1, checkout.stderr
    (found,) = json.loads(installed.stdout)["files"]
    assert found["path"] == draft.name
    assert found["diagnostics"] == json.loads(checkout.stdout)["files"][0]["diagnostics"]
    assert {"placeholder", "boilerplate"} <= {d["category"] for d in found["diagnostics"]}

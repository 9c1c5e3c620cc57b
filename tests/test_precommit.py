"""The real `pre-commit run` with gwlint's hook, in a throw-away document repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BAD = "2023年上半年政务公开工作总结\n小编精心挑选了这些范文,供大家参考。\n**年以来,我局认真贯彻落实上级部署。\n"
GOOD = (
    "2023年上半年政务公开工作总结\n"
    "今年以来,我局认真贯彻落实上级部署,主动公开政府信息120条。\n"
    "一、存在的问题\n"
    "政策解读形式还比较单一。\n"
    "二、下一步工作打算\n"
    "我局将进一步丰富解读形式,提高公开质量。\n"
)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def hook_source(tmp_path: Path) -> tuple[Path, str]:
    """This repository as pre-commit sees it: a git repo with the working tree committed."""
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    source = tmp_path / "gwlint-src"
    shutil.copytree(
        REPO, source, ignore=shutil.ignore_patterns(".venv", "node_modules", "__pycache__", "*.egg-info", ".git")
    )
    git(source, "init", "-q")
    git(source, "add", "-A")
    git(source, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "snapshot")
    return source, git(source, "rev-parse", "HEAD")


def test_pre_commit_blocks_a_draft_with_findings_and_passes_once_fixed(tmp_path: Path, hook_source):
    source, rev = hook_source
    office = tmp_path / "office-docs"
    office.mkdir()
    git(office, "init", "-q")
    (office / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n      - id: gwlint\n", encoding="utf-8"
    )
    draft = office / "总结.txt"
    draft.write_text(BAD, encoding="utf-8")
    git(office, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}
    env.pop("VIRTUAL_ENV", None)
    run = [sys.executable, "-m", "pre_commit", "run", "--files", "总结.txt", "--color", "never"]
    failed = subprocess.run(run, cwd=office, env=env, capture_output=True, text=True, timeout=900)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "gwlint" in failed.stdout and "Failed" in failed.stdout
    assert "boilerplate.editor-note" in failed.stdout
    assert "placeholder.masked-year" in failed.stdout
    assert draft.read_text(encoding="utf-8") == BAD  # the hook never edits the draft

    draft.write_text(GOOD, encoding="utf-8")
    git(office, "add", "-A")
    passed = subprocess.run(run, cwd=office, env=env, capture_output=True, text=True, timeout=900)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout

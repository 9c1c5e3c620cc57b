"""The VS Code extension builds from its lock file, passes its node unit tests and packages to a
.vsix that carries the bundle and no node_modules."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

EXTENSION = Path(__file__).resolve().parent.parent / "lsp" / "vscode"


def npm(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["npm", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    if shutil.which("npm") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("npm not installed: CI needs Node.js to build the VS Code extension")
        pytest.skip("npm not installed")
    work = tmp_path_factory.mktemp("vscode") / "vscode"
    shutil.copytree(EXTENSION, work, ignore=shutil.ignore_patterns("node_modules", "dist", "out-test", "*.vsix"))
    install = npm("ci", "--no-audit", "--no-fund", cwd=work)
    assert install.returncode == 0, install.stdout + install.stderr
    return work


def test_settings_unit_tests_pass_under_node_test_runner(built: Path):
    result = npm("test", cwd=built)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout
    assert "# pass 7" in result.stdout


def test_vsix_holds_the_bundle_and_no_node_modules(built: Path):
    result = npm("run", "package", cwd=built)
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(built / "gwlint.vsix") as vsix:
        names = vsix.namelist()
        manifest = json.loads(vsix.read("extension/package.json"))
    assert "extension/dist/extension.js" in names
    assert not [n for n in names if "node_modules" in n]
    assert not [n for n in names if n.startswith("extension/src/")]
    assert manifest["main"] == "./dist/extension.js"
    assert {"onLanguage:plaintext", "onLanguage:markdown"} <= set(manifest["activationEvents"])
    commands = {c["command"]: c["title"] for c in manifest["contributes"]["commands"]}
    assert commands == {"gwlint.lintDocx": "gwlint: lint .docx file"}
    settings = set(manifest["contributes"]["configuration"]["properties"])
    assert settings == {"gwlint.enable", "gwlint.path", "gwlint.severity", "gwlint.extraRuleFolders"}


def test_extension_settings_match_what_the_server_reads():
    """The keys the extension sends are the keys lsp/settings.py understands."""
    from lsp.settings import ClientSettings

    parsed = ClientSettings.from_json(
        {"enable": False, "severity": {"placeholder": "warning"}, "extraRuleFolders": [str(EXTENSION)]}
    )
    assert parsed.enable is False
    assert parsed.severity == (("placeholder", "warning"),)
    assert parsed.extra_rule_folders == (EXTENSION,)

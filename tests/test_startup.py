"""Start-up stays cheap: heavy libraries are imported only when a document or a rule needs them.

jieba's dictionary costs most of a second, rich and python-docx/lxml a good part of the 0.3 s
cold-start budget. Each check runs in a fresh interpreter, since this test process has long
imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from gwlint.kinds import KINDS
from gwlint.rulepack import builtin_rules_dir, load_rules

REPO = Path(__file__).resolve().parent.parent

DRAFT = (
    "望花区政务服务中心2023年上半年工作总结\n"
    "今年以来,我中心认真贯彻落实上级关于政务公开工作的部署要求,各项工作有序推进。\n"
    "一、主要工作\n"
    "20xx年上半年,我中心共受理各类事项12,345件,按时办结率100%。\n"
    "二、存在问题\n"
    "一是窗口人员业务能力有待提高;二是线上办理比例偏低。\n"
    "三、下一步打算\n"
    "继续推进“一网通办”,提升群众满意度。\n"
    "小编精心整理了以上范文,希望对大家有所帮助。\n"
)
# (category, line) of every defect in DRAFT: the masked year and the scraped editor's note.
EXPECTED = {("placeholder", 4), ("boilerplate", 9)}


def _kinds_needing_tokens() -> set[str]:
    """Kinds whose module reaches for word segmentation (gwlint.text.tokens, the only jieba import)."""
    needing = set()
    for name, module in KINDS.items():
        source = Path(module.__file__).read_text(encoding="utf-8")
        if "gwlint.text.tokens" in source or "from gwlint.text import tokens" in source:
            needing.add(name)
    return needing


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_linting_with_rules_that_need_no_words_never_imports_jieba(tmp_path):
    draft = tmp_path / "总结.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    no_token_kinds = sorted(set(KINDS) - _kinds_needing_tokens())
    shipped = [r for r in load_rules([builtin_rules_dir()]) if r.kind in no_token_kinds]
    assert {"placeholder", "boilerplate"} <= {r.category for r in shipped}
    code = f"""
import json, sys
from gwlint.engine import Engine
from gwlint.readers import read_path
from gwlint.rulepack import builtin_rules_dir, load_rules

rules = [r for r in load_rules([builtin_rules_dir()]) if r.kind in {no_token_kinds!r}]
doc = read_path({str(draft)!r})
findings = Engine(rules).lint(doc)
print(json.dumps({{
    "rules": len(rules),
    "found": sorted({{(f.category, doc.position(f.start)[0]) for f in findings}}),
    "jieba": sorted(m for m in sys.modules if m == "jieba" or m.startswith("jieba.")),
}}))
"""
    proc = _python(code, tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["rules"] == len(shipped)
    assert {tuple(x) for x in out["found"]} == EXPECTED
    assert out["jieba"] == []


def test_json_lint_of_a_text_draft_imports_neither_rich_nor_word_libraries(tmp_path):
    draft = tmp_path / "总结.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    # `python -m gwlint` exactly, with the modules it loaded written out when it exits.
    code = f"""
import atexit, json, runpy, sys
atexit.register(lambda: open("modules.json", "w").write(json.dumps(sorted(sys.modules))))
sys.argv = ["gwlint", "--format", "json", {draft.name!r}]
runpy.run_module("gwlint", run_name="__main__", alter_sys=True)
"""
    proc = _python(code, tmp_path)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    found = {(d["category"], d["line"]) for f in report["files"] for d in f["diagnostics"]}
    assert EXPECTED <= found
    modules = set(json.loads((tmp_path / "modules.json").read_text()))
    assert {"gwlint.cli", "gwlint.report.json"} <= modules
    heavy = {"rich", "docx", "lxml"}
    if not _kinds_needing_tokens():
        heavy.add("jieba")
    assert {m.split(".")[0] for m in modules} & heavy == set()


def test_jieba_is_imported_only_by_the_tokens_module():
    importers = [
        str(path.relative_to(REPO))
        for path in sorted((REPO / "gwlint").rglob("*.py"))
        if "import jieba" in path.read_text(encoding="utf-8") or "from jieba" in path.read_text(encoding="utf-8")
    ]
    assert importers == ["gwlint/text/tokens.py"]

"""Word segmentation (gwlint/text/tokens.py): spans, offsets, and a dictionary loaded once, quietly."""

from __future__ import annotations

import json
import subprocess
import sys

from gwlint.text.tokens import tokens


def test_tokens_give_words_with_absolute_spans():
    text = "我局认真贯彻落实政务公开工作要点。"
    assert tokens(text, offset=100) == [
        ("我局", 100, 102),
        ("认真", 102, 104),
        ("贯彻落实", 104, 108),
        ("政务", 108, 110),
        ("公开", 110, 112),
        ("工作", 112, 114),
        ("要点", 114, 116),
        ("。", 116, 117),
    ]


def test_spans_index_the_text_they_came_from():
    text = "2023年上半年,望花区共受理依申请公开12件。"
    assert [text[start:end] for _, start, end in tokens(text)] == [word for word, _, _ in tokens(text)]
    assert "".join(word for word, _, _ in tokens(text)) == text


def test_empty_text_has_no_tokens():
    assert tokens("") == []


def test_jieba_loads_on_first_use_and_says_nothing_on_stderr(tmp_path):
    code = """
import json, sys
import gwlint.text.tokens as t
before = "jieba" in sys.modules
words = [w for w, _, _ in t.tokens("政务公开")]
print(json.dumps({"before": before, "after": "jieba" in sys.modules, "words": words}))
"""
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {"before": False, "after": True, "words": ["政务", "公开"]}
    assert proc.stderr == ""

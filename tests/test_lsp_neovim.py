"""A real editor: headless Neovim (Debian's 0.7, `vim.lsp.start_client`) runs gwlint-lsp on a draft."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DRAFT = "20xx年政务公开工作总结\n小编精心挑选了这些范文,供大家参考。\n今年以来,我局认真落实😀各项部署。\n"

LUA = r"""
local out = {}
local function main()
local function snapshot(label)
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(items, {lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
                         code = code, source = d.source})
  end
  out[label] = items
end
local client_id = vim.lsp.start_client({
  name = "gwlint",
  cmd = {PYTHON, "-m", "lsp.server", "--debounce", "100"},
  cmd_cwd = REPO,
  root_dir = ROOT,
  init_options = {select = {"placeholder.masked-year", "boilerplate.editor-note"}},
})
vim.cmd("edit " .. vim.fn.fnameescape(DRAFT_PATH))
vim.lsp.buf_attach_client(0, client_id)
local ok = vim.wait(20000, function() return #vim.diagnostic.get(0) >= 2 end, 50)
snapshot("opened")
-- Fill in the year: replace "20xx" (bytes 0..4 of line 0) by "2023".
vim.api.nvim_buf_set_text(0, 0, 0, 0, 4, {"2023"})
vim.wait(20000, function()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.lnum == 0 then return false end
  end
  return true
end, 50)
snapshot("edited")
-- Insert a masked year after the emoji on line 2 (a character outside the BMP before it).
local line = vim.api.nvim_buf_get_lines(0, 2, 3, false)[1]
local at = string.find(line, "各项", 1, true) - 1
vim.api.nvim_buf_set_text(0, 2, at, 2, at, {"**年"})
vim.wait(20000, function()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.lnum == 2 then return true end
  end
  return false
end, 50)
snapshot("inserted")
out.ok = ok
vim.lsp.stop_client(client_id)
end
local success, err = pcall(main)
if not success then out.error = tostring(err) end
local f = io.open(OUT_PATH, "w")
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd("qa!")
"""


def lua_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string literal is a valid Lua string literal for these paths


def test_neovim_shows_gwlint_diagnostics_and_updates_them_after_edits(tmp_path: Path):
    nvim = shutil.which("nvim")
    if nvim is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("nvim not installed: .ci/run must install Debian's neovim")
        pytest.skip("nvim not installed (apt-get install neovim)")
    repo = Path(__file__).resolve().parent.parent
    draft = tmp_path / "总结.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "diagnostics.json"
    header = "\n".join(
        f"local {name} = {lua_string(str(value))}"
        for name, value in {
            "PYTHON": sys.executable,
            "REPO": repo,
            "ROOT": tmp_path,
            "DRAFT_PATH": draft,
            "OUT_PATH": out,
        }.items()
    )
    script = tmp_path / "test.lua"
    script.write_text(header + "\n" + LUA, encoding="utf-8")
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "XDG_DATA_HOME": str(tmp_path / "data")}
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    proc = subprocess.run(
        [nvim, "--headless", "--clean", "-n", "-c", f"luafile {script}"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert out.exists(), proc.stdout + proc.stderr
    got = json.loads(out.read_text(encoding="utf-8"))
    assert "error" not in got, got["error"]
    assert got["ok"]

    def spans(label: str) -> list[tuple]:
        return sorted((d["code"], d["lnum"], d["col"], d["end_col"]) for d in got[label])

    line1 = "小编精心挑选了这些范文,供大家参考。"
    # Neovim reports byte columns: "20xx" is bytes 0..4; the editor note spans its whole line.
    assert spans("opened") == [
        ("boilerplate.editor-note", 1, 0, len(line1.encode())),
        ("placeholder.masked-year", 0, 0, 4),
    ]
    assert all(d["source"] == "gwlint" for d in got["opened"])
    assert spans("edited") == [("boilerplate.editor-note", 1, 0, len(line1.encode()))]
    start = len("今年以来,我局认真落实😀".encode())
    assert ("placeholder.masked-year", 2, start, start + 2) in spans("inserted")

// Unit tests of the settings plumbing, run with node's own test runner (no editor needed).
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { test } from "node:test";

import {
  ConfigLike,
  readSettings,
  resolveServerCommand,
  serverCandidates,
  statusText,
  toPlainDiagnostics,
  toServerSettings,
} from "../settings";

function config(values: Record<string, unknown>): ConfigLike {
  return { get: <T>(key: string, def: T): T => (key in values ? (values[key] as T) : def) };
}

test("defaults when nothing is set", () => {
  assert.deepEqual(readSettings(config({})), { enable: true, path: "", severity: {}, extraRuleFolders: [] });
});

test("bad severity levels and non-string folders are dropped", () => {
  const s = readSettings(
    config({ severity: { placeholder: "warning", total: "fatal", duplicate: 3 }, extraRuleFolders: ["rules", 7] }),
  );
  assert.deepEqual(s.severity, { placeholder: "warning" });
  assert.deepEqual(s.extraRuleFolders, ["rules"]);
});

test("enable is false only when set to false", () => {
  assert.equal(readSettings(config({ enable: false })).enable, false);
  assert.equal(readSettings(config({ enable: "no" })).enable, true);
});

test("rule folders become absolute against the workspace, with ${workspaceFolder}", () => {
  const ws = path.resolve("/office/docs");
  const server = toServerSettings(
    readSettings(config({ extraRuleFolders: ["office-rules", "${workspaceFolder}/more", "/abs/rules"] })),
    ws,
  );
  assert.deepEqual(server.extraRuleFolders, [
    path.join(ws, "office-rules"),
    `${ws}/more`,
    "/abs/rules",
  ]);
});

test("server lookup: setting, then the workspace venv, then PATH", () => {
  assert.deepEqual(serverCandidates("", ["/w"], "linux"), [
    path.join("/w", ".venv", "bin", "gwlint-lsp"),
    path.join("/w", "venv", "bin", "gwlint-lsp"),
    "gwlint-lsp",
  ]);
  assert.equal(serverCandidates("", ["C:\\w"], "win32").at(-1), "gwlint-lsp.exe");
  const venv = path.join("/w", ".venv", "bin", "gwlint-lsp");
  assert.equal(resolveServerCommand("", ["/w"], "linux", (f) => f === venv), venv);
  assert.equal(resolveServerCommand("", ["/w"], "linux", () => false), "gwlint-lsp");
  assert.equal(resolveServerCommand("/opt/gw/bin/gwlint-lsp", ["/w"], "linux", () => false), "/opt/gw/bin/gwlint-lsp");
});

test("status text shows the count", () => {
  assert.equal(statusText(0, true), "$(check) gwlint");
  assert.equal(statusText(3, true), "$(warning) gwlint: 3");
  assert.equal(statusText(3, false), "$(circle-slash) gwlint");
});

test("gwlint JSON positions (1-based) become editor positions (0-based)", () => {
  const [d] = toPlainDiagnostics([
    {
      rule: "placeholder.masked-year",
      severity: "error",
      message: "年份未填写:“20xx”",
      line: 3,
      column: 1,
      end_line: 3,
      end_column: 5,
    },
  ]);
  assert.deepEqual(
    [d.code, d.startLine, d.startCharacter, d.endLine, d.endCharacter],
    ["placeholder.masked-year", 2, 0, 2, 4],
  );
});

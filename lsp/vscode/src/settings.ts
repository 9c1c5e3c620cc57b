// Settings plumbing for the gwlint extension: pure functions, no `vscode` import, so node's test
// runner can check them without an editor.
import * as path from "path";

export type Severity = "error" | "warning" | "info";
const SEVERITIES: readonly string[] = ["error", "warning", "info"];

export interface GwlintSettings {
  enable: boolean;
  path: string;
  severity: Record<string, Severity>;
  extraRuleFolders: string[];
}

/** What `gwlint-lsp` reads from initializationOptions and workspace/configuration ("gwlint"). */
export interface ServerSettings {
  enable: boolean;
  severity: Record<string, Severity>;
  extraRuleFolders: string[];
}

export interface ConfigLike {
  get<T>(key: string, defaultValue: T): T;
}

/** Read and sanitize the user's settings: a mistyped value falls back instead of breaking the server. */
export function readSettings(config: ConfigLike): GwlintSettings {
  const rawSeverity = config.get<unknown>("severity", {});
  const severity: Record<string, Severity> = {};
  if (rawSeverity && typeof rawSeverity === "object" && !Array.isArray(rawSeverity)) {
    for (const [rule, level] of Object.entries(rawSeverity as Record<string, unknown>)) {
      if (typeof level === "string" && SEVERITIES.includes(level)) {
        severity[rule] = level as Severity;
      }
    }
  }
  const folders = config.get<unknown>("extraRuleFolders", []);
  return {
    enable: config.get<unknown>("enable", true) !== false,
    path: String(config.get<unknown>("path", "") ?? "").trim(),
    severity,
    extraRuleFolders: Array.isArray(folders) ? folders.filter((f): f is string => typeof f === "string") : [],
  };
}

function expand(value: string, workspaceFolder: string | undefined): string {
  const home = process.env.HOME ?? process.env.USERPROFILE ?? "";
  let out = value.replace(/\$\{workspaceFolder\}/g, workspaceFolder ?? "");
  if (out.startsWith("~/") && home) {
    out = path.join(home, out.slice(2));
  }
  return out;
}

/** Settings for the server, with rule folders made absolute against the first workspace folder. */
export function toServerSettings(settings: GwlintSettings, workspaceFolder?: string): ServerSettings {
  const folders = settings.extraRuleFolders.map((folder) => {
    const expanded = expand(folder, workspaceFolder);
    return path.isAbsolute(expanded) || !workspaceFolder ? expanded : path.join(workspaceFolder, expanded);
  });
  return { enable: settings.enable, severity: { ...settings.severity }, extraRuleFolders: folders };
}

/** Where to look for gwlint-lsp, in order: the setting, each workspace's virtualenv, then PATH. */
export function serverCandidates(settingPath: string, workspaceFolders: string[], platform: string): string[] {
  const exe = platform === "win32" ? "gwlint-lsp.exe" : "gwlint-lsp";
  const bin = platform === "win32" ? "Scripts" : "bin";
  const candidates: string[] = [];
  if (settingPath) {
    candidates.push(expand(settingPath, workspaceFolders[0]));
  }
  for (const folder of workspaceFolders) {
    for (const venv of [".venv", "venv"]) {
      candidates.push(path.join(folder, venv, bin, exe));
    }
  }
  candidates.push(exe); // resolved on PATH by the operating system
  return candidates;
}

/** The first candidate that exists; the PATH fallback (a bare name) is taken as it is. */
export function resolveServerCommand(
  settingPath: string,
  workspaceFolders: string[],
  platform: string,
  exists: (file: string) => boolean,
): string {
  const candidates = serverCandidates(settingPath, workspaceFolders, platform);
  if (settingPath) {
    return candidates[0]; // an explicit setting is used even if missing, so the error names it
  }
  return candidates.find((c) => !path.isAbsolute(c) || exists(c)) ?? candidates[candidates.length - 1];
}

/** Status-bar text for a number of findings in the active document. */
export function statusText(count: number | undefined, enabled: boolean): string {
  if (!enabled) {
    return "$(circle-slash) gwlint";
  }
  if (count === undefined) {
    return "gwlint";
  }
  return count === 0 ? "$(check) gwlint" : `$(warning) gwlint: ${count}`;
}

/** One entry of gwlint's JSON report (as returned by the gwlint.lintFile command). */
export interface JsonDiagnostic {
  rule: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  end_line: number;
  end_column: number;
}

export interface PlainDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  startLine: number; // 0-based, as the editor counts
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

/** gwlint's 1-based lines/columns (paragraph numbers for .docx) to the editor's 0-based ones. */
export function toPlainDiagnostics(items: JsonDiagnostic[]): PlainDiagnostic[] {
  return items.map((d) => ({
    code: d.rule,
    severity: d.severity,
    message: d.message,
    startLine: Math.max(d.line - 1, 0),
    startCharacter: Math.max(d.column - 1, 0),
    endLine: Math.max(d.end_line - 1, 0),
    endCharacter: Math.max(d.end_column - 1, 0),
  }));
}

// The gwlint VS Code extension: starts gwlint-lsp for plain-text and Markdown drafts, lints .docx
// files on request, and shows the finding count in the status bar.
import * as fs from "fs";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

import { readSettings, resolveServerCommand, statusText, toPlainDiagnostics, toServerSettings } from "./settings";

let client: LanguageClient | undefined;

function workspaceFolders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
}

function currentSettings() {
  const settings = readSettings(vscode.workspace.getConfiguration("gwlint"));
  return { settings, server: toServerSettings(settings, workspaceFolders()[0]) };
}

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const { settings, server } = currentSettings();
  const command = resolveServerCommand(settings.path, workspaceFolders(), process.platform, fs.existsSync);
  const serverOptions: ServerOptions = { command, args: [] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "plaintext" },
      { scheme: "file", language: "markdown" },
      { scheme: "untitled", language: "plaintext" },
      { scheme: "untitled", language: "markdown" },
    ],
    initializationOptions: server,
    synchronize: { configurationSection: "gwlint" },
    middleware: {
      workspace: {
        // The server asks for section "gwlint": answer with the sanitized, absolute-path form.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) {
            return result;
          }
          return params.items.map((item, i) => (item.section === "gwlint" ? currentSettings().server : result[i]));
        },
      },
    },
  };
  client = new LanguageClient("gwlint", "gwlint", serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  status.command = "workbench.actions.view.problems";
  const refreshStatus = () => {
    const editor = vscode.window.activeTextEditor;
    const enabled = currentSettings().settings.enable;
    const count = editor
      ? vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === "gwlint").length
      : undefined;
    status.text = statusText(count, enabled);
    status.show();
  };
  context.subscriptions.push(
    status,
    vscode.languages.onDidChangeDiagnostics(refreshStatus),
    vscode.window.onDidChangeActiveTextEditor(refreshStatus),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration("gwlint") && refreshStatus()),
  );

  const docxDiagnostics = vscode.languages.createDiagnosticCollection("gwlint-docx");
  context.subscriptions.push(
    docxDiagnostics,
    vscode.commands.registerCommand("gwlint.lintDocx", async (uri?: vscode.Uri) => {
      const target =
        uri ??
        (
          await vscode.window.showOpenDialog({
            canSelectMany: false,
            filters: { "Word 文档": ["docx", "doc", "wps"] },
          })
        )?.[0];
      if (!target || !client) {
        return;
      }
      const result = (await client.sendRequest("workspace/executeCommand", {
        command: "gwlint.lintFile",
        arguments: [target.toString()],
      })) as { path: string; error?: string; diagnostics?: never[] };
      if (result.error) {
        vscode.window.showErrorMessage(`gwlint:${target.fsPath}:${result.error}`);
        return;
      }
      const items = toPlainDiagnostics(result.diagnostics ?? []).map((d) => {
        const range = new vscode.Range(d.startLine, d.startCharacter, d.endLine, d.endCharacter);
        const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
        diagnostic.source = "gwlint";
        diagnostic.code = d.code;
        return diagnostic;
      });
      docxDiagnostics.set(target, items);
      await vscode.commands.executeCommand("workbench.actions.view.problems");
      vscode.window.showInformationMessage(`gwlint:${target.fsPath} 发现 ${items.length} 个问题`);
    }),
  );

  await client.start();
  refreshStatus();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

"""The gwlint language server: diagnostics, fixes and explanations for drafts open in an editor.

Start it with `gwlint-lsp` (stdio) or `gwlint-lsp --tcp 127.0.0.1 2087` for debugging. Linting runs
on one worker thread after a short debounce, so typing never waits for it and a result computed
for an older version of the text is dropped instead of published.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import to_fs_path

from gwlint import __version__
from gwlint.api import Linter
from gwlint.document import Document
from gwlint.engine import Engine
from gwlint.errors import ConfigError
from gwlint.finding import Finding
from gwlint.fix import safe_edits
from lsp.convert import hover_markdown, to_diagnostic, to_range, to_text_edit
from lsp.settings import ClientSettings
from lsp.textbuffer import UTF8, UTF16, UTF32, TextBuffer

log = logging.getLogger("gwlint.lsp")

DEBOUNCE_SECONDS = 0.3
LINT_FILE_COMMAND = "gwlint.lintFile"
FIX_ALL_KIND = "source.fixAll.gwlint"
LANGUAGES = {"plaintext": "txt", "markdown": "md"}
ENCODINGS = {
    types.PositionEncodingKind.Utf8: UTF8,
    types.PositionEncodingKind.Utf16: UTF16,
    types.PositionEncodingKind.Utf32: UTF32,
}


@dataclass
class LintResult:
    version: int | None
    buffer: TextBuffer  # the text the findings' offsets refer to
    findings: list[Finding]
    diagnostics: list[types.Diagnostic]


class GwlintProtocol(LanguageServerProtocol):
    """pygls's protocol without its own copy of open documents.

    pygls applies every change to a TextDocument whose lines come from str.splitlines(); after a
    \v or U+2028 its line numbers differ from the client's, the update fails, and the handler
    below would never run. gwlint keeps the one copy, in TextBuffer.
    """

    def _user_handler(self, method: str, params: Any):
        if (handler := self.fm.features.get(method)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams):
        yield from self._user_handler(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams):
        yield from self._user_handler(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams):
        yield from self._user_handler(types.TEXT_DOCUMENT_DID_CLOSE, params)


class GwlintServer(LanguageServer):
    def __init__(self, debounce: float = DEBOUNCE_SECONDS) -> None:
        super().__init__(
            "gwlint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=GwlintProtocol,
        )
        self.debounce = debounce
        self.buffers: dict[str, TextBuffer] = {}
        self.formats: dict[str, str] = {}
        self.results: dict[str, LintResult] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.settings = ClientSettings()
        self.linter = Linter()
        # One worker: lints never race each other, and the event loop stays free for requests.
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gwlint-lint")

    @property
    def encoding(self) -> str:
        return ENCODINGS.get(self.workspace.position_encoding, UTF16)

    # -- linting -------------------------------------------------------------------------
    def reset_config(self) -> None:
        """gwlint.yaml or the client settings changed: forget every cached config and engine."""
        from gwlint import config as config_module

        config_module._config_in.cache_clear()
        self.linter = Linter(select=self.settings.select, ignore=self.settings.ignore)

    def engine_for(self, path: Path) -> Engine:
        """The command line's engine for this file, with the editor's settings on top of gwlint.yaml."""
        return self.linter.engine_for(self.settings.apply(self.linter.config_for(path)))

    def lint_now(self, uri: str, text: str, version: int | None) -> LintResult:
        """Runs on the worker thread."""
        buffer = TextBuffer(text, version)
        if not self.settings.enable:
            return LintResult(version, buffer, [], [])
        path = Path(to_fs_path(uri) or uri)
        doc = Document.from_text(text, str(path), self.formats.get(uri, "txt"))
        try:
            findings = self.engine_for(path).lint(doc)
        except ConfigError as err:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"gwlint 配置错误:{err}"))
            findings = []
        encoding = self.encoding
        diagnostics = [to_diagnostic(f, buffer, uri, encoding) for f in findings]
        return LintResult(version, buffer, findings, diagnostics)

    async def lint(self, uri: str) -> LintResult | None:
        buffer = self.buffers.get(uri)
        if buffer is None:
            return None
        cached = self.results.get(uri)
        if cached is not None and cached.version == buffer.version and cached.buffer.text == buffer.text:
            return cached
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(self.executor, self.lint_now, uri, buffer.text, buffer.version)
        current = self.buffers.get(uri)
        if current is None or current.version != result.version or current.text != result.buffer.text:
            return None  # stale: the text changed while we were linting
        self.results[uri] = result
        return result

    def schedule(self, uri: str, delay: float) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_and_publish(uri, delay))

    async def _lint_and_publish(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            result = await self.lint(uri)
        except asyncio.CancelledError:
            return
        if result is not None:
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=result.diagnostics, version=result.version)
            )

    def relint_all(self) -> None:
        self.results.clear()
        for uri in list(self.buffers):
            self.schedule(uri, 0)

    async def refresh_settings(self) -> bool:
        """Ask the client for its "gwlint" settings; True when they changed."""
        caps = self.client_capabilities.workspace
        if not (caps and caps.configuration):
            return False
        try:
            values = await self.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section="gwlint")])
            )
        except Exception as err:  # a client that fails the request keeps the current settings
            log.warning("workspace/configuration failed: %s", err)
            return False
        value = values[0] if values else None
        if not isinstance(value, dict):  # the client has no "gwlint" settings: keep initializationOptions
            return False
        settings = ClientSettings.from_json(value)
        if settings == self.settings:
            return False
        self.settings = settings
        self.reset_config()
        return True


server = GwlintServer()


@server.feature(types.INITIALIZE)
def initialize(ls: GwlintServer, params: types.InitializeParams) -> None:
    if params.initialization_options:
        ls.settings = ClientSettings.from_json(params.initialization_options)
        ls.reset_config()


@server.feature(types.INITIALIZED)
async def initialized(ls: GwlintServer, params: types.InitializedParams) -> None:
    watch = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
    if watch and watch.dynamic_registration:
        watchers = [
            types.FileSystemWatcher(glob_pattern=p)
            for p in ("**/gwlint.yaml", "**/gwlint.yml", "**/.gwlint.yaml", "**/pyproject.toml", "**/*.yaml")
        ]
        try:
            await ls.client_register_capability_async(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="gwlint-config-watch",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
                        )
                    ]
                )
            )
        except Exception as err:  # the server still works without file watching
            log.warning("client/registerCapability failed: %s", err)
    if await ls.refresh_settings():
        ls.relint_all()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: GwlintServer, params: types.DidOpenTextDocumentParams) -> None:
    doc = params.text_document
    ls.buffers[doc.uri] = TextBuffer(doc.text, doc.version)
    ls.formats[doc.uri] = LANGUAGES.get(doc.language_id, "md" if doc.uri.endswith(".md") else "txt")
    ls.schedule(doc.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: GwlintServer, params: types.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    buffer = ls.buffers.get(uri)
    if buffer is None:
        return
    for change in params.content_changes:
        if isinstance(change, types.TextDocumentContentChangePartial):
            r = change.range
            buffer.apply((r.start.line, r.start.character), (r.end.line, r.end.character), change.text, ls.encoding)
        else:
            buffer.apply(None, None, change.text, ls.encoding)
    buffer.version = params.text_document.version
    ls.schedule(uri, ls.debounce)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: GwlintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    task = ls.pending.pop(uri, None)
    if task is not None:
        task.cancel()
    ls.buffers.pop(uri, None)
    ls.results.pop(uri, None)
    ls.formats.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(
    types.TEXT_DOCUMENT_DIAGNOSTIC,
    types.DiagnosticOptions(identifier="gwlint", inter_file_dependencies=False, workspace_diagnostics=False),
)
async def pull_diagnostics(ls: GwlintServer, params: types.DocumentDiagnosticParams):
    result = await ls.lint(params.text_document.uri)
    items = result.diagnostics if result is not None else []
    result_id = str(result.version) if result is not None else None
    return types.RelatedFullDocumentDiagnosticReport(items=items, result_id=result_id)


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: GwlintServer, params: types.DidChangeConfigurationParams) -> None:
    settings = params.settings.get("gwlint") if isinstance(params.settings, dict) else None
    if settings is not None:
        ls.settings = ClientSettings.from_json(settings)
        ls.reset_config()
    else:
        await ls.refresh_settings()
    ls.relint_all()


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: GwlintServer, params: types.DidChangeWatchedFilesParams) -> None:
    ls.reset_config()
    ls.relint_all()


def _overlaps(finding: Finding, start: int, end: int) -> bool:
    return finding.start <= end and start <= finding.end


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]),
)
async def code_action(ls: GwlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    result = await ls.lint(uri)
    if result is None:
        return []
    buffer, enc = result.buffer, ls.encoding
    start = buffer.offset_at(params.range.start.line, params.range.start.character, enc)
    end = buffer.offset_at(params.range.end.line, params.range.end.character, enc)
    actions: list[types.CodeAction] = []
    version = result.version
    for finding, diagnostic in zip(result.findings, result.diagnostics, strict=True):
        if not _overlaps(finding, start, end):
            continue
        if finding.fix is not None:
            edits = [to_text_edit(e, buffer, enc) for e in finding.fix.edits]
            actions.append(
                types.CodeAction(
                    title=f"{finding.fix.title}({finding.rule})",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    edit=_workspace_edit(uri, version, edits),
                    is_preferred=finding.fix.safe,
                )
            )
        line = buffer.position_at(finding.start, enc)[0]
        line_start = buffer.line_starts[line]
        ending = _line_ending(buffer, line)
        comment = f"<!-- gwlint-disable-next-line {finding.rule} -->{ending}"
        insert = to_text_edit_at(buffer, line_start, comment, enc)
        actions.append(
            types.CodeAction(
                title=f"在此行忽略 {finding.rule}",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=_workspace_edit(uri, version, [insert]),
            )
        )
    fixable = safe_edits(result.findings)
    only = params.context.only
    if fixable and (not only or any(k.startswith("source") for k in only) or actions):
        actions.append(
            types.CodeAction(
                title="修复本文档中所有可安全修复的问题(gwlint)",
                kind=FIX_ALL_KIND,
                edit=_workspace_edit(uri, version, [to_text_edit(e, buffer, enc) for e in fixable]),
            )
        )
    if only:
        actions = [a for a in actions if any(a.kind == k or (a.kind or "").startswith(k + ".") for k in only)]
    return actions


def to_text_edit_at(buffer: TextBuffer, offset: int, text: str, encoding: str) -> types.TextEdit:
    return types.TextEdit(to_range(buffer, offset, offset, encoding), text)


def _line_ending(buffer: TextBuffer, line: int) -> str:
    if line + 1 < len(buffer.line_starts):
        raw = buffer.text[buffer.line_starts[line] : buffer.line_starts[line + 1]]
        return "\r\n" if raw.endswith("\r\n") else raw[-1]
    return "\n"


def _workspace_edit(uri: str, version: int | None, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(
        document_changes=[
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                edits=edits,
            )
        ]
    )


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: GwlintServer, params: types.HoverParams) -> types.Hover | None:
    result = await ls.lint(params.text_document.uri)
    if result is None:
        return None
    offset = result.buffer.offset_at(params.position.line, params.position.character, ls.encoding)
    hits = [f for f in result.findings if f.start <= offset <= f.end and f.end > f.start]
    if not hits:
        return None
    rules = {r.id: r for r in ls.engine_for(Path(to_fs_path(params.text_document.uri) or "")).rules}
    parts = [hover_markdown(rules[f.rule]) for f in hits if f.rule in rules]
    first = hits[0]
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(dict.fromkeys(parts))),
        range=to_range(result.buffer, first.start, first.end, ls.encoding),
    )


@server.command(LINT_FILE_COMMAND)
async def lint_file(ls: GwlintServer, *args: Any) -> dict:
    """Lint a file on disk (e.g. a .docx) and return it as one entry of the JSON report."""
    from gwlint.report.json import diagnostic_json

    target = args[0] if args else None
    if isinstance(target, list) and target:  # some clients pass the arguments list as one value
        target = target[0]
    if isinstance(target, dict):
        target = target.get("uri") or target.get("path")
    if not isinstance(target, str):
        return {"path": "", "error": "缺少文件参数"}
    path = to_fs_path(target) if target.startswith("file:") else target
    loop = asyncio.get_running_loop()
    result = await loop.run_in_executor(ls.executor, ls.linter.lint_file, path)
    if result.error is not None:
        return {"path": result.path, "error": result.error}
    return {"path": result.path, "diagnostics": diagnostic_json(result)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="gwlint-lsp", description="gwlint 语言服务器(默认使用标准输入输出)")
    parser.add_argument("--stdio", action="store_true", help="通过标准输入输出通信(默认)")
    parser.add_argument("--tcp", nargs=2, metavar=("HOST", "PORT"), help="在 TCP 端口上监听(调试用)")
    parser.add_argument("--debounce", type=float, default=DEBOUNCE_SECONDS * 1000, metavar="MS", help="防抖毫秒数")
    parser.add_argument("--log-file", type=Path, help="日志文件")
    parser.add_argument("--version", action="version", version=f"gwlint-lsp {__version__}")
    args = parser.parse_args(argv)
    if args.log_file:
        logging.basicConfig(filename=args.log_file, level=logging.INFO)
    server.debounce = max(args.debounce, 0) / 1000
    if args.tcp:
        server.start_tcp(args.tcp[0], int(args.tcp[1]))
    else:
        server.start_io()


if __name__ == "__main__":
    main()

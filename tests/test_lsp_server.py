"""The language server end to end: pytest-lsp drives the real `gwlint-lsp` over stdio."""

from __future__ import annotations

import asyncio
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.lsp_helpers import accept_registrations, apply_edits, position_of

SERVER = [sys.executable, "-m", "lsp.server"]
URI = "file:///tmp/gwlint-lsp-test/总结.txt"
# The rules these tests exercise; other rules' findings would make the assertions depend on them.
SELECT = ["placeholder.masked-year", "boilerplate.editor-note"]
DRAFT = "20xx年政务公开工作总结\n小编精心挑选了这些范文,供大家参考。\n一、主要做法\n今年以来,我局认真落实各项部署。\n"


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=SERVER),
    params=["visual-studio-code", "neovim@v0.7.0"],
)
async def client(lsp_client: LanguageClient, request):
    accept_registrations(lsp_client)
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(request.param),
            root_uri="file:///tmp/gwlint-lsp-test",
            initialization_options={"select": SELECT},
        )
    )
    yield
    await lsp_client.shutdown_session()


def open_doc(client: LanguageClient, text: str, uri: str = URI, language: str = "plaintext") -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text))
    )


async def diagnostics_after(client: LanguageClient, version: int | None = 1, uri: str = URI, accept=None):
    """The next diagnostics published for `uri` at `version` (and satisfying `accept`, if given)."""

    async def wait():
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri and params.version == version and (accept is None or accept(params.diagnostics)):
                return params.diagnostics

    return await asyncio.wait_for(wait(), timeout=20)


def change(client: LanguageClient, version: int, start: types.Position, end: types.Position, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start, end), text=text)],
        )
    )


def codes(diagnostics: list[types.Diagnostic]) -> list[tuple[str, int, int, int]]:
    return sorted((d.code, d.range.start.line, d.range.start.character, d.range.end.character) for d in diagnostics)


@pytest.mark.asyncio
async def test_diagnostics_on_open_carry_rule_source_and_range(client: LanguageClient):
    open_doc(client, DRAFT)
    diags = await diagnostics_after(client)
    assert ("placeholder.masked-year", 0, 0, 4) in codes(diags)
    year = next(d for d in diags if d.code == "placeholder.masked-year")
    assert year.source == "gwlint"
    assert year.severity == types.DiagnosticSeverity.Error
    assert year.code_description is not None and "placeholdermasked-year" in year.code_description.href
    assert any(d.code == "boilerplate.editor-note" and d.range.start.line == 1 for d in diags)


@pytest.mark.asyncio
async def test_incremental_edit_clears_a_fixed_finding(client: LanguageClient):
    open_doc(client, DRAFT)
    await diagnostics_after(client)
    change(client, 2, types.Position(0, 0), types.Position(0, 4), "2023")
    diags = await diagnostics_after(client, 2)
    assert all(d.code != "placeholder.masked-year" for d in diags)
    change(client, 3, types.Position(3, 0), types.Position(3, 0), "截至**年底,")
    diags = await diagnostics_after(client, 3)
    assert ("placeholder.masked-year", 3, 2, 4) in codes(diags)


@pytest.mark.asyncio
async def test_code_actions_fix_ignore_and_fix_all(client: LanguageClient):
    open_doc(client, DRAFT)
    diags = await diagnostics_after(client)
    note = next(d for d in diags if d.code == "boilerplate.editor-note")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(URI),
            range=note.range,
            context=types.CodeActionContext(diagnostics=[note]),
        )
    )
    titles = [a.title for a in actions]
    assert any("删除网站按语" in t for t in titles)
    assert any(t == "在此行忽略 boilerplate.editor-note" for t in titles)
    fix = next(a for a in actions if "删除网站按语" in a.title)
    fixed = apply_edits(DRAFT, fix.edit.document_changes[0].edits)
    assert "小编" not in fixed and fixed.startswith("20xx年政务公开工作总结\n")
    ignore = next(a for a in actions if a.title.startswith("在此行忽略"))
    ignored = apply_edits(DRAFT, ignore.edit.document_changes[0].edits)
    assert ignored.splitlines()[1] == "<!-- gwlint-disable-next-line boilerplate.editor-note -->"
    # Apply the ignore edit as a client would, and the finding goes away.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=ignored)],
        )
    )
    diags = await diagnostics_after(client, 2)
    assert [d.code for d in diags] == ["placeholder.masked-year"]


@pytest.mark.asyncio
async def test_hover_explains_the_rule_with_examples(client: LanguageClient):
    open_doc(client, DRAFT)
    await diagnostics_after(client)
    result = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(URI), types.Position(0, 2))
    )
    assert result is not None
    assert "placeholder.masked-year" in result.contents.value
    assert "错误示例" in result.contents.value and "正确示例" in result.contents.value
    nothing = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(URI), types.Position(3, 3))
    )
    assert nothing is None


def change_settings(client: LanguageClient, settings: dict) -> None:
    """Change the "gwlint" settings the way this client would: pulled on request where it can
    answer workspace/configuration (VS Code), pushed in the notification otherwise (Neovim 0.7)."""
    settings = {"select": SELECT, **settings}
    client.set_configuration(settings, section="gwlint")
    workspace = client.capabilities.workspace
    pulled = workspace is not None and workspace.configuration
    payload = None if pulled else {"gwlint": settings}
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=payload))


@pytest.mark.asyncio
async def test_configuration_change_regrades_findings(client: LanguageClient):
    open_doc(client, DRAFT)
    await diagnostics_after(client)
    change_settings(client, {"severity": {"placeholder": "info"}})
    info = types.DiagnosticSeverity.Information
    diags = await diagnostics_after(client, accept=lambda ds: any(d.severity == info for d in ds))
    year = next(d for d in diags if d.code == "placeholder.masked-year")
    assert year.severity == types.DiagnosticSeverity.Information
    change_settings(client, {"enable": False})
    assert list(await diagnostics_after(client, accept=lambda ds: not ds)) == []


@pytest.mark.asyncio
async def test_ranges_after_characters_outside_the_bmp_and_odd_line_separators(client: LanguageClient):
    text = "𠀀😀文件\u2028续行\v20xx年底\n第二行**年\r第三行"
    open_doc(client, text)
    diags = await diagnostics_after(client)
    got = sorted((d.range.start.line, d.range.start.character, d.range.end.character) for d in diags)
    first = position_of(text, text.index("20xx"))
    second = position_of(text, text.index("**"))
    assert first.line == 0 and second.line == 1
    assert got == [(0, first.character, first.character + 4), (1, second.character, second.character + 2)]


@pytest.mark.asyncio
async def test_pull_diagnostics_answer_the_current_text(client: LanguageClient):
    open_doc(client, DRAFT)
    await diagnostics_after(client)
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(URI))
    )
    assert ("placeholder.masked-year", 0, 0, 4) in codes(report.items)


@pytest.mark.asyncio
async def test_closing_a_document_clears_its_diagnostics(client: LanguageClient):
    open_doc(client, DRAFT)
    assert await diagnostics_after(client)
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(URI)))
    assert list(await diagnostics_after(client, None)) == []

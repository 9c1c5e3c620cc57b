"""Language-server features beyond the basic loop: position encodings, gwlint.yaml watching, .docx command."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.lsp_helpers import accept_registrations, position_of

SERVER = [sys.executable, "-m", "lsp.server", "--debounce", "50"]
TEXT = "𠀀😀的20xx年工作\n"


async def published(client: LanguageClient, uri: str, accept=None) -> list[types.Diagnostic]:
    async def wait():
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri and (accept is None or accept(params.diagnostics)):
                return params.diagnostics

    return await asyncio.wait_for(wait(), timeout=20)


def open_text(client: LanguageClient, uri: str, text: str) -> None:
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "plaintext", 1, text)))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), params=["utf-8", "utf-16", "utf-32"])
async def encoded_client(lsp_client: LanguageClient, request):
    accept_registrations(lsp_client)
    caps = client_capabilities("visual-studio-code")
    caps.general = types.GeneralClientCapabilities(position_encodings=[request.param])
    result = await lsp_client.initialize_session(
        types.InitializeParams(capabilities=caps, initialization_options={"select": ["placeholder.masked-year"]})
    )
    lsp_client.negotiated = result.capabilities.position_encoding
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_positions_follow_the_negotiated_encoding(encoded_client: LanguageClient):
    encoding = encoded_client.negotiated
    uri = "file:///tmp/gwlint-enc/a.txt"
    open_text(encoded_client, uri, TEXT)
    diags = await published(encoded_client, uri)
    start = position_of(TEXT, TEXT.index("20xx"), encoding)
    end = position_of(TEXT, TEXT.index("20xx") + 4, encoding)
    assert [(d.range.start, d.range.end) for d in diags] == [(start, end)]
    expected_start = {"utf-8": 4 + 4 + 3, "utf-16": 2 + 2 + 1, "utf-32": 3}[encoding]
    assert diags[0].range.start.character == expected_start


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    lsp_client.registrations = accept_registrations(lsp_client)
    await lsp_client.initialize_session(types.InitializeParams(capabilities=client_capabilities("visual-studio-code")))
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_changed_gwlint_yaml_is_read_again(client: LanguageClient, tmp_path: Path):
    await asyncio.sleep(0)  # let the server's registration request arrive
    config = tmp_path / "gwlint.yaml"
    config.write_text("select: [placeholder.masked-year]\n", encoding="utf-8")
    uri = (tmp_path / "草稿.txt").as_uri()
    open_text(client, uri, "20xx年工作总结\n")
    assert [d.code for d in await published(client, uri)] == ["placeholder.masked-year"]
    config.write_text("select: [placeholder.masked-year]\nseverity: {placeholder: info}\n", encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(config.as_uri(), types.FileChangeType.Changed)])
    )
    info = types.DiagnosticSeverity.Information
    diags = await published(client, uri, accept=lambda ds: bool(ds) and ds[0].severity == info)
    assert [(d.code, d.severity) for d in diags] == [("placeholder.masked-year", info)]
    methods = [r.method for r in client.registrations]
    assert types.WORKSPACE_DID_CHANGE_WATCHED_FILES in methods


@pytest.mark.asyncio
async def test_lint_file_command_returns_findings_of_a_docx(client: LanguageClient, tmp_path: Path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("20xx年政务公开工作总结")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "牵头单位"
    table.cell(0, 1).text = "xx市政务服务中心"
    path = tmp_path / "总结.docx"
    document.save(path)
    (tmp_path / "gwlint.yaml").write_text("select: [placeholder]\n", encoding="utf-8")
    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="gwlint.lintFile", arguments=[path.as_uri()])
    )
    assert result["path"] == str(path)
    found = sorted((d["rule"], d["line"], d["column"]) for d in result["diagnostics"])
    assert ("placeholder.masked-year", 1, 1) in found
    assert any(d["line"] == 3 and d["location"]["story"] == "table" for d in result["diagnostics"])
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="gwlint.lintFile", arguments=[str(broken)])
    )
    assert result["path"] == str(broken) and result["error"]


@pytest.mark.asyncio
async def test_a_duplicate_points_to_its_first_copy(client: LanguageClient, tmp_path: Path):
    (tmp_path / "gwlint.yaml").write_text("select: [duplicate.paragraph]\n", encoding="utf-8")
    repeated = "我局认真贯彻落实上级关于政务公开工作的部署要求,主动公开政府信息一百二十条。"
    text = f"一、主要做法\n{repeated}\n二、工作成效\n{repeated}\n"
    uri = (tmp_path / "汇报.txt").as_uri()
    open_text(client, uri, text)
    diags = await published(client, uri)
    assert [(d.code, d.range.start.line) for d in diags] == [("duplicate.paragraph", 3)]
    related = diags[0].related_information
    assert related is not None and len(related) == 1
    assert related[0].location.uri == uri
    assert related[0].location.range.start == types.Position(1, 0)
    assert related[0].location.range.end == position_of(text, text.index(repeated) + len(repeated))


@pytest.mark.asyncio
async def test_extra_rule_folders_from_client_settings_add_rules(client: LanguageClient, tmp_path: Path):
    rules = tmp_path / "office-rules"
    rules.mkdir()
    (rules / "local.yaml").write_text(
        """rules:
  - id: boilerplate.office-banner
    category: boilerplate
    severity: warning
    kind: pattern
    message: "内部模板的提示语:“{match}”"
    explanation: 本单位模板中的提示语,定稿前应删除。
    options:
      patterns: ['此处填写[^。]*']
    examples:
      bad: ["此处填写本部门工作亮点"]
      good: ["本部门工作亮点突出。"]
""",
        encoding="utf-8",
    )
    uri = (tmp_path / "稿.txt").as_uri()
    open_text(client, uri, "此处填写本部门工作亮点\n")
    assert all(d.code != "boilerplate.office-banner" for d in await published(client, uri))
    settings = {"extraRuleFolders": [str(rules)], "select": ["boilerplate.office-banner"]}
    client.set_configuration(settings, section="gwlint")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    diags = await published(client, uri, accept=lambda ds: bool(ds))
    assert [(d.code, d.severity) for d in diags] == [("boilerplate.office-banner", types.DiagnosticSeverity.Warning)]

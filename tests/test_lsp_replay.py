"""Hundreds of random incremental edits: after each burst the published diagnostics must equal a
fresh lint of the text the client holds (catches drift in incremental sync and stale results)."""

from __future__ import annotations

import asyncio
import random
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from gwlint.api import lint_text
from tests.lsp_helpers import accept_registrations, apply_edits, position_of

URI = "file:///tmp/gwlint-replay/草稿.txt"
PIECES = ["20xx年", "**年", "我局", "政务公开", "工作总结", "。", "小编精心挑选了范文。", "一、", "xx"]
PIECES += ["\n", "\r\n", "\r", "\u2028", "\v", "😀", "𠀀"]  # line ends LSP counts and ones it doesn't; non-BMP
BURSTS, EDITS_PER_BURST = 15, 20


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "lsp.server", "--debounce", "50"]))
async def client(lsp_client: LanguageClient):
    accept_registrations(lsp_client)
    await lsp_client.initialize_session(types.InitializeParams(capabilities=client_capabilities("visual-studio-code")))
    yield
    await lsp_client.shutdown_session()


def random_edit(rng: random.Random, text: str) -> tuple[int, int, str]:
    """A random (start, end, new text) that a real editor could send: never inside a \\r\\n pair."""

    def valid(offset: int) -> bool:
        return not (0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n")

    offsets = [i for i in range(len(text) + 1) if valid(i)]
    start = rng.choice(offsets)
    if rng.random() < 0.4:
        candidates = [o for o in offsets if start <= o <= start + 12]
        end = rng.choice(candidates)
        insert = "" if rng.random() < 0.6 else rng.choice(PIECES)
    else:
        end = start
        insert = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 3)))
    return start, end, insert


def _pair(pos: types.Position) -> tuple[int, int]:
    return pos.line, pos.character


def expected(text: str) -> list[tuple]:
    return sorted((f.rule, _pair(position_of(text, f.start)), _pair(position_of(text, f.end))) for f in lint_text(text))


def published(diags: list[types.Diagnostic]) -> list[tuple]:
    return sorted(
        (
            d.code,
            (d.range.start.line, d.range.start.character),
            (d.range.end.line, d.range.end.character),
        )
        for d in diags
    )


@pytest.mark.asyncio
async def test_random_edit_bursts_match_a_fresh_lint(client: LanguageClient):
    rng = random.Random(20261124)
    text = "20xx年政务公开工作总结\r\n小编精心挑选了这些范文。\n一、主要做法\r我局认真落实😀各项部署。\n"
    version = 1
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(URI, "plaintext", version, text))
    )
    for _ in range(BURSTS):
        for _ in range(EDITS_PER_BURST):
            start, end, insert = random_edit(rng, text)
            edit = types.TextEdit(types.Range(position_of(text, start), position_of(text, end)), insert)
            version += 1
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=version),
                    content_changes=[types.TextDocumentContentChangePartial(range=edit.range, text=insert)],
                )
            )
            text = apply_edits(text, [edit])

        async def final_version(v: int = version):
            while True:
                params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
                if params.version == v:
                    return params.diagnostics

        diags = await asyncio.wait_for(final_version(), timeout=20)
        assert published(diags) == expected(text), repr(text)

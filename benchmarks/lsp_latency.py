"""Language-server latency: from a didChange on a 30,000-character draft to its published diagnostics.

Prints the server-side lint time (the engine on the same text, in-process) and the end-to-end time
over stdio minus the debounce, over N edits. Targets (issue 5): lint ≤ 50 ms, p95 ≤ 150 ms beyond
the debounce.

    python benchmarks/lsp_latency.py [--edits 60] [--chars 30000]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from gwlint.api import Linter, lint_text  # noqa: E402
from gwlint.config import Config  # noqa: E402
from gwlint.document import Document  # noqa: E402

SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
DEBOUNCE_MS = 300


def draft_text(chars: int) -> str:
    """Real template-site text (the seeds) cut to `chars` characters; a synthetic draft without them."""
    if SEEDS.is_dir():
        text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    else:
        text = "\n".join(f"{i}、20xx年我局认真落实政务公开各项部署,主动公开政府信息{i * 7}条。" for i in range(1, 2000))
    while len(text) < chars:
        text += "\n" + text
    return text[:chars]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def server_side(text: str, runs: int = 20) -> list[float]:
    engine = Linter().engine_for(Config())
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        engine.lint(Document.from_text(text, "bench.txt"))
        times.append((time.perf_counter() - start) * 1000)
    return times


async def end_to_end(text: str, edits: int) -> list[float]:
    client = LanguageClient("gwlint-bench", "1")
    published: asyncio.Queue = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait((time.perf_counter(), params.version))

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def on_register(params) -> None:
        return None

    await client.start_io(sys.executable, "-m", "lsp.server", "--debounce", str(DEBOUNCE_MS), cwd=str(REPO))
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    uri = "file:///tmp/gwlint-bench/草稿.txt"
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "plaintext", 1, text)))
    await published.get()
    latencies = []
    line_count = text.count("\n")
    for i in range(edits):
        version = i + 2
        line = (i * 37) % max(line_count, 1)
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(types.Position(line, 0), types.Position(line, 0)), text="20xx年"
                    )
                ],
            )
        )
        while True:
            at, got_version = await published.get()
            if got_version == version:
                break
        latencies.append((at - sent) * 1000 - DEBOUNCE_MS)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=60)
    parser.add_argument("--chars", type=int, default=30000)
    args = parser.parse_args()
    text = draft_text(args.chars)
    findings = len(lint_text(text))
    lint = server_side(text)
    e2e = asyncio.run(end_to_end(text, args.edits))
    print(f"draft: {len(text)} characters, {text.count(chr(10)) + 1} lines, {findings} findings")
    print(
        f"server-side lint:        median {statistics.median(lint):6.1f} ms  p95 {percentile(lint, 95):6.1f} ms"
        "  (target ≤ 50 ms)"
    )
    print(
        f"end to end − debounce:   median {statistics.median(e2e):6.1f} ms  p95 {percentile(e2e, 95):6.1f} ms"
        f"  max {max(e2e):6.1f} ms over {len(e2e)} edits  (target p95 ≤ 150 ms; debounce {DEBOUNCE_MS} ms)"
    )


if __name__ == "__main__":
    main()

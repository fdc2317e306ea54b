"""`redline lsp`: a recorded session with a real client over a pipe (pygls's LanguageClient
running `python -m redline lsp` as a subprocess)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
from lsprotocol import types as t
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

BASE = Path(__file__).resolve().parent / "broken" / "_base" / "scenario.yaml"
TIMEOUT = 60  # a hang guard: a session takes about a second


def _scenario(folder: Path) -> tuple[Path, Path]:
    """The corpus base scenario as two files: the cards apart."""
    text = BASE.read_text(encoding="utf-8")
    head, cards = text.split("\ncards:\n")
    cards, endings = cards.split("\nendings:\n")
    (folder / "scenario.yaml").write_text(head + "\nendings:\n" + endings, encoding="utf-8")
    (folder / "cards.yaml").write_text("cards:\n" + cards + "\n", encoding="utf-8")
    return folder / "scenario.yaml", folder / "cards.yaml"


class Session:
    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.diagnostics: dict[str, list[t.Diagnostic]] = {}
        self.published = asyncio.Event()

        @client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(ls: LanguageClient, params: t.PublishDiagnosticsParams) -> None:
            self.diagnostics[params.uri] = params.diagnostics
            self.published.set()

    async def open(self, path: Path, text: str | None = None) -> str:
        uri = from_fs_path(str(path))
        self.published.clear()
        self.client.text_document_did_open(
            t.DidOpenTextDocumentParams(
                t.TextDocumentItem(uri, "yaml", 1, text if text is not None else path.read_text())
            )
        )
        await asyncio.wait_for(self.published.wait(), TIMEOUT)
        await asyncio.sleep(0.2)  # the other files' diagnostics follow in the same burst
        return uri


async def _start(tmp_path: Path) -> tuple[Session, t.InitializeResult]:
    client = LanguageClient("redline-test", "1")
    session = Session(client)
    await client.start_io(sys.executable, "-m", "redline", "lsp", cwd=str(tmp_path))
    result = await asyncio.wait_for(
        client.initialize_async(
            t.InitializeParams(capabilities=t.ClientCapabilities(), root_uri=from_fs_path(str(tmp_path)))
        ),
        TIMEOUT,
    )
    client.initialized(t.InitializedParams())
    return session, result


async def _ask(request):  # noqa: ANN001, ANN202
    return await asyncio.wait_for(request, TIMEOUT)


async def _stop(session: Session) -> None:
    await asyncio.wait_for(session.client.shutdown_async(None), TIMEOUT)
    session.client.exit(None)
    await asyncio.wait_for(session.client.stop(), TIMEOUT)


@pytest.mark.asyncio
async def test_a_recorded_session(tmp_path):
    scenario, cards = _scenario(tmp_path)
    session, init = await _start(tmp_path)
    client = session.client
    try:
        caps = init.capabilities
        # no rename: nothing is ever edited without the author seeing it
        assert caps.rename_provider is None
        assert caps.definition_provider and caps.references_provider and caps.hover_provider

        # an unknown flag in a card's condition, as typed (unsaved): RL101 on its line
        typed = cards.read_text().replace("    role: lead\n", '    role: lead\n    when: "not deployd"\n')
        uri = await session.open(cards, typed)
        (diag,) = [d for d in session.diagnostics[uri] if d.code == "RL101"]
        assert diag.range.start.line == 6 and diag.severity == t.DiagnosticSeverity.Error
        line = typed.splitlines()[6]
        assert line[diag.range.start.character : diag.range.end.character] == "deployd"
        assert cards.read_text() != typed  # the file on disk is untouched

        # the quick fix offers the suggestion, as an edit the author chooses
        actions = await _ask(
            client.text_document_code_action_async(
                t.CodeActionParams(
                    t.TextDocumentIdentifier(uri), diag.range, t.CodeActionContext(diagnostics=[diag])
                )
            )
        )
        (fix,) = actions
        assert fix.title == "Change to 'deployed'" and fix.edit.changes[uri][0].new_text == "deployed"

        # typing the fix: the diagnostic goes as the buffer changes
        session.published.clear()
        client.text_document_did_change(
            t.DidChangeTextDocumentParams(
                text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[
                    t.TextDocumentContentChangeWholeDocument(text=typed.replace("deployd", "deployed"))
                ],
            )
        )
        await asyncio.wait_for(session.published.wait(), TIMEOUT)
        await asyncio.sleep(0.2)
        assert [d for d in session.diagnostics[uri] if d.code == "RL101"] == []

        # keys that fit where the cursor is: an option's keys under `options:`
        rows = typed.splitlines()
        opt = next(i for i, s in enumerate(rows) if "label: Deploy now" in s)
        got = await _ask(
            client.text_document_completion_async(
                t.CompletionParams(t.TextDocumentIdentifier(uri), t.Position(opt, 8))
            )
        )
        assert {"label", "tags", "effects", "outcomes", "later"} <= {i.label for i in got.items}

        # completion inside `when:` offers meters and flags
        pos = t.Position(6, line.index("deployd"))
        got = await _ask(
            client.text_document_completion_async(t.CompletionParams(t.TextDocumentIdentifier(uri), pos))
        )
        labels = {i.label for i in got.items}
        assert {"escalation", "calm", "deployed", "turn"} <= labels

        # definition of a flag (used in the other file's red line) -> its declaration
        scenario_uri = await session.open(scenario)
        text = scenario.read_text().splitlines()
        row = next(i for i, s in enumerate(text) if 'crossed: "deployed"' in s)
        pos = t.Position(row, text[row].index("deployed") + 2)
        (loc,) = await _ask(
            client.text_document_definition_async(
                t.DefinitionParams(t.TextDocumentIdentifier(scenario_uri), pos)
            )
        )
        decl = next(i for i, s in enumerate(text) if "{id: deployed" in s)
        assert loc.uri == scenario_uri and loc.range.start.line == decl

        # references of the flag, across files: the red line and the card's effect
        refs = await _ask(
            client.text_document_references_async(
                t.ReferenceParams(
                    text_document=t.TextDocumentIdentifier(scenario_uri),
                    position=pos,
                    context=t.ReferenceContext(include_declaration=False),
                )
            )
        )
        assert {r.uri for r in refs} == {scenario_uri, uri}

        # hover: a flag's setters and readers; a condition in plain words
        hover = await _ask(
            client.text_document_hover_async(t.HoverParams(t.TextDocumentIdentifier(scenario_uri), pos))
        )
        assert "set by: card 'deploy'" in hover.contents.value
        # the card reads it in the unsaved buffer's condition: hover sees what is typed
        assert "read by: card 'deploy', red line 'troops_in'" in hover.contents.value
        row = next(i for i, s in enumerate(text) if 'when: "escalation >= 60"' in s)
        hover = await _ask(
            client.text_document_hover_async(
                t.HoverParams(t.TextDocumentIdentifier(scenario_uri), t.Position(row, 6))
            )
        )
        assert "Kremlin escalation is at least 60" in hover.contents.value
    finally:
        await _stop(session)

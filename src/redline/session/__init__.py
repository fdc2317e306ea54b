"""The headless session layer: a game plus its seats, who may act, what each seat may see,
the timer, notes, rewind and autosave. No Textual here (a test checks it).

The TUI drives a local `Session` or `FacilitatedSession`; `redline host` holds one
`FacilitatedSession` and sends each seat only what `view_for` lets it see.
"""

"""`redline lsp`: the language server for scenario authors (see `server.py`)."""

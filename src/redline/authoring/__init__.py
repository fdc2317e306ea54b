"""Tools for scenario authors: an index of every id, `redline where`, `redline graph`,
cards as a spreadsheet. The language server is in `redline.lsp`."""

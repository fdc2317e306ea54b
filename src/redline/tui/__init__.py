"""The terminal interface (Textual). Start it with `redline.tui.app.run_app`."""

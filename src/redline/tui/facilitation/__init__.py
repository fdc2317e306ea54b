"""The facilitated tabletop session: seats and teams, hot-seat hand-overs, votes, a human red
cell, and the facilitator's console (injects, overrides, the timer, notes, rewinds).

`session.py` holds the rules-free bookkeeping and imports no Textual; the screens and
dialogs beside it drive it.
"""

"""The facilitator's exercise files: session plans, the MSEL as a spreadsheet, role briefs.

Nothing here plays a game: a plan is read and checked against its scenario, and the session
(or the host) starts from it."""

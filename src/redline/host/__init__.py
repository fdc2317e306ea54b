"""`redline host`: one authoritative facilitated session served to many screens over websockets
(aiohttp). The session layer decides who may act and what each seat sees; this package only
carries messages, checks who is at the door, and saves after every action."""

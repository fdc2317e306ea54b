"""redline: a turn-based decision game about a reassurance force for Ukraine."""

__version__ = "0.1.0"

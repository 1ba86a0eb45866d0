"""The command line: click commands (parsing and exit codes only), the options they share, the
configuration, and the commands that describe rules and write a starting model.

May import every other layer; nothing imports it but ``checker.__main__``.
"""

from __future__ import annotations

from .main import cli, entry, main

__all__ = ["cli", "entry", "main"]

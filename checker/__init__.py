"""etom-check: checks an organisation's eTOM process model against GOST R 53633.3-2009.

Public API: :func:`check` loads a model and returns a :class:`Result` with the findings,
the coverage of each element and the verdict of the gate.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .engine.run import Result, check
from .findings import Finding, Severity

__all__ = ["Finding", "Result", "Severity", "__version__", "check"]

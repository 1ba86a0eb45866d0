"""etom-check: checks an organisation's eTOM process model against GOST R 53633.3-2009.

Public API: :func:`check` loads a model with :class:`Options` and returns a :class:`Result` with
the findings, the coverage of each element, the verdict of the gate and the view every output
renders.

The package is layered; each layer imports only those before it:

- ``findings``, ``i18n``: the finding record and the words of messages, shared by every layer;
- ``io``: files, YAML to data and positions, limits, the JSON Schemas, writing outputs, git;
- ``standard``: the eTOM catalogue and the rule packs (data in ``rules/``);
- ``model``: the model's schema issues, repairs, waivers, graph and how elements are implemented;
- ``kinds``: the rule kinds, one record each, and ``KINDS``;
- ``engine``: the run, the rule pack of a run, stamping, the result and its view;
- ``reporters``: one module per output format, rendering the view;
- ``cli``: the commands.
"""

from __future__ import annotations

from ._version import __version__
from .engine import Options, Result, check
from .findings import Finding, Severity

__all__ = ["Finding", "Options", "Result", "Severity", "__version__", "check"]

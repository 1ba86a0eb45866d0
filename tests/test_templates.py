"""The HTML report's templates are taken compiled from modules generated ahead of time: those
modules are current, used when they fit the run's jinja2 and templates, and the page is byte for
byte the same as the one jinja2 compiles from the templates themselves."""

from __future__ import annotations

from typing import Any

import jinja2
import pytest

from checker.engine import check
from checker.reporters import html

from .conftest import SAMPLES
from .templates import sources


def test_the_generated_modules_are_those_the_templates_give() -> None:
    for path, source in sources().items():
        assert path.read_text(encoding="utf-8") == source, f"{path.name}: run python -m tests.templates"


def _page(monkeypatch: pytest.MonkeyPatch) -> tuple[str, int]:
    """The sample's page, and how many templates jinja2 compiled to write it."""
    html._env.cache_clear()
    compiled: list[Any] = []
    original = jinja2.Environment.compile

    def counted(self: jinja2.Environment, *args: Any, **kwargs: Any) -> Any:
        compiled.append(args[1] if len(args) > 1 else kwargs.get("name"))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    page = html.render(check([str(SAMPLES / "operator")], lang="en").view)
    html._env.cache_clear()
    return page, len(compiled)


def test_the_report_compiles_no_template_and_writes_what_jinja2_would(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    page, compiled = _page(monkeypatch)
    assert compiled == 0
    monkeypatch.setattr(jinja2, "__version__", "0.0.0")  # as with another jinja2: compiled here
    again, compiled = _page(monkeypatch)
    assert compiled == 2
    assert again == page


def test_a_changed_template_is_compiled_from_its_source(monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib

    monkeypatch.setattr(hashlib, "sha256", lambda data=b"": hashlib.md5(data))  # no source matches
    assert html.compiled("report.css", jinja2.__version__) is None
    monkeypatch.undo()
    assert html.compiled("report.css", jinja2.__version__) is not None
    assert html.compiled("other.j2", jinja2.__version__) is None

"""Model documents against the JSON Schema of format 1, as facts a process architect can read."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..i18n import Term
from ..io.reading import Document, type_term
from ..io.schemas import compiled, validator

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError


@dataclass(frozen=True)
class SchemaIssue:
    """One schema violation: which kind, where (a path in the document), and its arguments."""

    problem: str  # missing-key, unknown-key, wrong-type, invalid-value
    doc: Document
    path: tuple[Any, ...]
    subject: str
    at_key: bool = False
    args: dict[str, Any] = field(default_factory=dict)
    # what the issue is about, without list positions (the subject names one): with the path of
    # the document (process ids, not indices) it identifies the finding in baselines
    identity: str | None = None


def where(path: tuple[Any, ...]) -> str:
    """A path as people read it: ``processes[2].interfaces[0].to``."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or Term("top")


def schema_issues(documents: list[Document]) -> list[SchemaIssue]:
    """Every schema issue of every document; a document that the compiled check accepts has
    none, and only the others go through jsonschema (see :mod:`checker.fastcheck`)."""
    fast = compiled("model")
    return [issue for doc in documents if not fast(doc.data) for issue in document_issues(doc)]


def document_issues(doc: Document) -> list[SchemaIssue]:
    """Every schema issue of one document, by jsonschema, each once."""
    issues: list[SchemaIssue] = []
    seen: set[tuple[str, tuple[Any, ...], str]] = set()
    for error in validator("model").iter_errors(doc.data):
        for issue in _issues(doc, error):
            key = (issue.problem, issue.path, issue.subject)
            if key not in seen:
                seen.add(key)
                issues.append(issue)
    return issues


def _issues(doc: Document, error: ValidationError) -> Iterator[SchemaIssue]:
    path = tuple(error.absolute_path)
    keyword = error.validator
    instance = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    if keyword == "required":
        for key in error.validator_value:
            if isinstance(instance, dict) and key not in instance:
                yield SchemaIssue("missing-key", doc, path, key, args={"key": key, "where": where(path)})
    elif keyword == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
        expected = ", ".join(allowed)
        for key in instance:
            if key not in allowed and not any(p.search(key) for p in patterns):
                same = [a for a in allowed if a.casefold() == key.casefold()]
                close = same or _close(key, allowed)
                yield SchemaIssue(
                    "unknown-key",
                    doc,
                    (*path, key),
                    key,
                    at_key=True,
                    args={
                        "key": key,
                        "where": where(path),
                        "expected": expected,
                        "closest": close[0] if close else "",
                        "hint": Term("hint-closest" if close else "t-none"),
                    },
                )
    elif keyword == "type":
        expected = error.validator_value
        name = expected if isinstance(expected, str) else expected[0]
        args = {"where": where(path), "expected": Term(name), "found": Term(type_term(instance))}
        quotable = isinstance(instance, (bool, int, float)) and name == "string"
        args |= {"fix": Term("fix-quote" if quotable else "t-none"), "shown": _quoted(instance)}
        identity = f"{type_term(instance)}={_show(instance)}"
        yield SchemaIssue("wrong-type", doc, path, where(path), args=args, identity=identity)
    elif not _said_by_a_rule(path, keyword, instance):
        yield SchemaIssue(
            "invalid-value",
            doc,
            path,
            where(path),
            args={
                "where": where(path),
                "value": _show(instance),
                "fix": Term("t-none"),
                **_constraint(keyword, error, path),
            },
            identity=f"{keyword}={_show(instance)}",
        )


def _said_by_a_rule(path: tuple[Any, ...], keyword: str, instance: Any) -> bool:
    """A function id or an interface's target written as no id can be (``Issue Order``): the rule
    of unknown functions or processes says so, with the closest known one; the schema does not
    say it too (one mistake, one finding)."""
    if keyword != "pattern" or not isinstance(instance, str) or not instance.strip():
        return False
    named = path[:1] == ("processes",) and len(path) >= 4
    return named and (
        (len(path) == 4 and path[2] == "functions")
        or (len(path) == 5 and path[2] == "interfaces" and path[4] == "to")
    )


def _close(key: str, allowed: list[str]) -> list[str]:
    import difflib  # here: only a document the schema refuses needs it

    return difflib.get_close_matches(key, allowed, n=1)


def _quoted(value: Any) -> str:
    """A value as YAML text in quotes (the fix for ``name: true`` where text is meant)."""
    shown = "true" if value is True else "false" if value is False else str(value)
    return json.dumps(shown, ensure_ascii=False) if not isinstance(value, (dict, list)) else ""


def _show(value: Any) -> str:
    """A value as YAML says it (``null``, ``true``), a text as it is."""
    if value is None or isinstance(value, bool):
        text = "null" if value is None else str(value).lower()
    else:
        text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 80 else text[:77] + "..."


def _constraint(keyword: str, error: ValidationError, path: tuple[Any, ...]) -> dict[str, Any]:
    value = error.validator_value
    last = next((p for p in reversed(path) if isinstance(p, str)), "")
    if keyword == "const":
        return {"constraint": Term("c-const"), "expected": value}
    if keyword == "enum":
        return {"constraint": Term("c-enum"), "expected": ", ".join(map(str, value))}
    if keyword == "minLength" or (keyword == "pattern" and value == "\\S"):
        return {"constraint": Term("c-empty")}
    if keyword == "maxLength":
        return {"constraint": Term("c-too-long"), "limit": value}
    if keyword == "minItems":
        return {"constraint": Term("c-empty-list")}
    if keyword == "pattern":
        if last == "rule":
            return {"constraint": Term("c-rule-id")}
        if last == "expires":
            return {"constraint": Term("c-date")}
        if last == "implements":
            return {"constraint": Term("c-element-id")}
        return {"constraint": Term("c-id")}
    if keyword == "format" and value == "date":
        return {"constraint": Term("c-date")}
    return {"constraint": Term("c-other"), "keyword": keyword}

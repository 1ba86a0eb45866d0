"""The rule pack a run uses: the shipped pack of the standard, extended by custom packs, with
every rule checked against its kind when it loads.

A rule whose kind is unknown, whose options its kind cannot use, that names an element the
catalogue does not have, or whose message names a placeholder its kind does not give stops the
run with exit 2 at the rule's file, line and column, whether or not the rule would find anything.
"""

from __future__ import annotations

import hashlib
import string
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from ..findings import printable
from ..i18n import Term
from ..io.cache import Cache
from ..io.schemas import predicate, with_ecma_end
from ..kinds import KINDS
from ..standard.custom import extend_pack
from ..standard.datafiles import PackError, once_per_key, rules_dir, schema_detail
from ..standard.rulepack import TEMPLATES, Function, Pack, Rule, available_packs, load_pack


def pack_for(standard: str, rule_files: Sequence[str] = (), files: Cache | None = None) -> Pack:
    """The shipped pack of ``standard`` (checked once per process; its files read through
    ``files``, a cache, when one is given) extended by ``rule_files``, every rule checked against
    its kind, with the pack's function table and digest."""
    shipped = _checked(standard, files)
    if not rule_files:
        return shipped
    # why a file could not be used always fails the gate, and a note on findings not shown never
    # does: their severity is not to be changed, nor are more such rules made
    pack = extend_pack(shipped, rule_files, fixed=_fixed)
    shipped_ids = {id(r) for r in shipped.rules}
    added = [rule for rule in pack.rules if id(rule) not in shipped_ids]
    for rule in added:
        if _fixed(rule):
            line, column = rule.place("kind")
            raise PackError(rule.file, line, column, "pk-kind-fixed", id=rule.id, kind=rule.kind)
        check_rule(rule, pack)
    _functions_once([r for r in pack.rules if id(r) in shipped_ids], added)
    return replace(pack, functions=function_table(pack.rules), digest=digest(pack))


def _path_of(data: Any, value: str, path: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    """Where in a rule's options a value is first written (an element id), or None."""
    if data == value:
        return path
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, item in items:
        found = _path_of(item, value, (*path, key))
        if found is not None:
            return found
    return None


def _fixed(rule: Rule) -> bool:
    """A rule of a kind that says why a file could not be used, or notes findings not shown."""
    kind = KINDS.get(rule.kind)
    return kind is not None and (kind.integrity or kind.phase == "last")


def _functions_once(shipped: Sequence[Rule], added: Sequence[Rule]) -> None:
    """Refuse a custom rule that names a function id (or alias) that another rule names, or
    names one twice: which of two definitions a process's function stands for is never guessed."""
    owners: dict[str, Rule] = {}
    for rule in shipped:
        for function in KINDS[rule.kind].functions(rule.options):
            for name in (function.id, *function.aliases):
                owners.setdefault(name, rule)
    for rule in added:
        seen: set[str] = set()
        for index, function in enumerate(KINDS[rule.kind].functions(rule.options)):
            names = [(("id",), function.id), *((("aliases", i), a) for i, a in enumerate(function.aliases))]
            for where, name in names:
                other = owners.get(name)
                if other is not None or name in seen:
                    line, column = rule.place_in_options(("functions", index, *where))
                    if other is None:  # the rule names it twice itself
                        raise PackError(
                            rule.file, line, column, "pk-function-again", id=rule.id, function=name
                        )
                    raise PackError(
                        rule.file, line, column, "pk-function-twice", id=rule.id, function=name, by=other.id
                    )
                seen.add(name)
        for name in seen:
            owners[name] = rule


@once_per_key
def _checked(standard: str, files: Cache | None = None) -> Pack:
    pack = load_pack(standard, files)
    for rule in pack.rules:
        check_rule(rule, pack)
    return replace(pack, functions=function_table(pack.rules), digest=digest(pack))


def check_rule(rule: Rule, pack: Pack) -> None:
    """Refuse a rule its kind cannot use (see the module's docstring)."""
    kind = KINDS.get(rule.kind)
    if kind is None:
        line, column = rule.place("kind")
        known = ", ".join(sorted(KINDS))
        raise PackError(rule.file, line, column, "pk-unknown-kind", id=rule.id, kind=rule.kind, known=known)
    wrong, (line, column) = _options_problem(kind.options, rule)
    if wrong is not None:
        raise PackError(rule.file, line, column, "pk-options", id=rule.id, **wrong)
    problem = kind.problem(rule.options, pack.catalogue)
    if problem is not None:
        path, key, args = problem
        at, col = rule.place_in_options(path)
        raise PackError(rule.file, at, col, "pk-kind-problem", id=rule.id, problem=Term(key), **args)
    unknown = [e for e in kind.elements(rule.options) if e not in pack.catalogue.elements]
    if unknown:
        written = _path_of(rule.options, unknown[0])
        if written is not None:
            line, column = rule.place_in_options(written)
        raise PackError(rule.file, line, column, "pk-unknown-element", id=rule.id, element=unknown[0])
    # words shown in a terminal, a CI log, a report (a reason may break lines): no control
    words = [
        (key, lang, text.replace("\n", " ") if key == "why" else text, rule.place(f"{key}/{lang}"))
        for key in (*TEMPLATES, "why")
        for lang, text in sorted(getattr(rule, key).items())
    ]
    words += [
        (f"functions/{index}/title", lang, text, rule.place_in_options(("functions", index, "title", lang)))
        for index, function in enumerate(kind.functions(rule.options))
        for lang, text in sorted(function.title.items())
    ]
    for key, lang, text, (line, column) in words:
        if printable(text) != text:
            char = printable(next(c for c in text if printable(c) != c))
            raise PackError(rule.file, line, column, "pk-control", id=rule.id, key=key, lang=lang, char=char)
    given = kind.gives(rule.options)
    for key in TEMPLATES:
        for lang, text in sorted(getattr(rule, key).items()):
            named = sorted({n for _, n, _, _ in string.Formatter().parse(text) if n} - given)
            if named:
                line, column = rule.place(f"{key}/{lang}")
                gives = ", ".join(sorted(given))
                raise PackError(
                    rule.file,
                    line,
                    column,
                    "pk-not-given",
                    id=rule.id,
                    key=key,
                    lang=lang,
                    name=named[0],
                    kind=rule.kind,
                    given=gives,
                )
    # a title is shown as written (rules, explain, SARIF), a clause outside a finding with its
    # element only: no other placeholder can be filled there
    for key, allowed in (("title", set()), ("clause", {"element"})):
        for lang, text in sorted(getattr(rule, key).items()):
            extra = {n for _, n, _, _ in string.Formatter().parse(text) if n is not None} - allowed
            if extra or (key == "title" and ("{" in text or "}" in text)):
                line, column = rule.place(f"{key}/{lang}")
                raise PackError(
                    rule.file, line, column, f"pk-{key}-placeholder", id=rule.id, key=key, lang=lang
                )


@cache
def _options_predicate(kind: str) -> Callable[[Any], bool]:
    from ..kinds import _optionchecks as generated

    return predicate(kind, KINDS[kind].options, generated.CHECKS, generated.DIGESTS)


def options_valid(kind: str, options: Any) -> bool:
    """True when the options surely satisfy the schema of the kind (a predicate generated from
    it, see :mod:`checker.io.schemacheck`); False sends them to jsonschema."""
    return _options_predicate(kind)(options)


def _options_problem(schema: dict[str, Any], rule: Rule) -> tuple[dict[str, Any] | None, tuple[int, int]]:
    """The first thing the kind's schema refuses in the rule's options (the arguments of its
    message), and where it stands (an unexpected key at the key itself); jsonschema only for
    options the predicate refuses."""
    if options_valid(rule.kind, rule.options):
        return None, rule.place("options")
    import jsonschema

    errors = list(with_ecma_end(jsonschema.Draft202012Validator)(schema).iter_errors(rule.options))
    if not errors:
        return None, rule.place("options")
    located = []
    for error in errors:
        path = tuple(error.absolute_path)
        extra = []
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            extra = [k for k in error.instance if k not in error.schema.get("properties", {})]
        place = (
            rule.place_in_options((*path, extra[0]), at_key=True) if extra else rule.place_in_options(path)
        )
        located.append((place, error))
    located.sort(key=lambda pair: pair[0])
    (line, column), error = located[0]
    where = "/".join(str(p) for p in error.absolute_path)
    return {"where": f"options{'/' + where if where else ''}", **schema_detail(error)}, (line, column)


def function_table(rules: Sequence[Rule]) -> dict[str, Function]:
    """Every function the rules require, by id and by alias (the first definition wins)."""
    found: dict[str, Function] = {}
    for rule in rules:
        for function in KINDS[rule.kind].functions(rule.options):
            for name in (function.id, *function.aliases):
                found.setdefault(name, function)
    return found


def pack_files(pack: Pack) -> list[tuple[str, Path]]:
    """(name, path) of each file of a pack: the shipped folder's YAML files, the catalogue and
    the crosswalk, named relative to ``rules/``, then the custom pack files (``--rules``) as given."""
    folder = available_packs().get(pack.standard)
    root = rules_dir()
    shipped = sorted(folder.glob("*.yaml")) if folder is not None else []
    catalogue = root / "catalogue.yaml"
    if catalogue.is_file():
        shipped.append(catalogue)
    if pack.crosswalk and (root / pack.crosswalk).is_file():
        shipped.append(root / pack.crosswalk)
    named = [(p.resolve().relative_to(root.resolve()).as_posix(), p) for p in shipped]
    return named + [(f"custom:{p.as_posix()}", p) for p in pack.files]


def digest(pack: Pack) -> str:
    """sha256 over each file of the pack, name and bytes, in the order of the names."""
    hashed = hashlib.sha256()
    for name, path in sorted(pack_files(pack)):
        data = path.read_bytes()
        hashed.update(f"{name}\0{len(data)}\0".encode())
        hashed.update(data)
    return hashed.hexdigest()

"""Reading files: every bad input of model-format.md is a problem with file, line and column."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from checker.io.reading import Limits, Problem, load, parse_bytes, resolve_plain

LIMITS = Limits()


def parse(text: str | bytes, limits: Limits = LIMITS) -> tuple[object, list[Problem]]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    doc, problems = parse_bytes(raw, "m.yaml", limits)
    return (doc.data if doc else None), problems


def codes(problems: list[Problem]) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.column) for p in problems]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("1.10", "1.10"),
        ("1.1.1.10", "1.1.1.10"),
        ("0123", "0123"),
        ("+5", "+5"),
        ("1_000", "1_000"),
        ("1e3", "1e3"),
        ("2027-06-30", "2027-06-30"),
        ("yes", "yes"),
        ("42", 42),
        ("true", True),
        ("~", None),
    ],
)
def test_plain_scalars_read_as_written(written: str, read: object) -> None:
    assert resolve_plain(written) == read


def test_ids_and_names_stay_text_as_written() -> None:
    data, problems = parse(
        "model: 1\nprocesses:\n  - id: 1.10\n    name: 2024\n    implements: [1.1.1.10, 1.1.1.5]\n"
        "    interfaces: [{to: 007}]\n"
    )
    assert problems == []
    process = data["processes"][0]  # type: ignore[index]
    assert process == {
        "id": "1.10",
        "name": "2024",
        "implements": ["1.1.1.10", "1.1.1.5"],
        "interfaces": [{"to": "007"}],
    }
    assert data["model"] == 1  # type: ignore[index]


def test_positions_of_values_and_keys() -> None:
    doc, _ = parse_bytes(
        b"model: 1\nprocesses:\n  - id: a\n    implements: [1.1.1.5, 1.1.1.6]\n", "m.yaml", LIMITS
    )
    assert doc is not None
    assert doc.positions.value(doc.data, ("processes", 0)) == (3, 5)
    assert doc.positions.value(doc.data, ("processes", 0, "implements", 1)) == (4, 27)
    assert doc.positions.key(doc.data, ("processes", 0, "implements")) == (4, 5)
    # something missing is located at its closest existing parent
    assert doc.positions.value(doc.data, ("processes", 0, "name")) == (3, 5)
    assert doc.positions.value(doc.data, ("processes", 7)) == (3, 3)


def test_utf8_bom_and_crlf() -> None:
    raw = "\ufeffmodel: 1\r\norganisation:\r\n  name: ООО «Ромашка»\r\n  id: x\r\n".encode()
    doc, problems = parse_bytes(raw, "m.yaml", LIMITS)
    assert problems == [] and doc is not None
    assert doc.data["organisation"]["name"] == "ООО «Ромашка»"
    assert doc.positions.value(doc.data, ("organisation", "id")) == (4, 7)


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
def test_nel_ls_and_ps_do_not_end_lines(brk: str) -> None:
    # libyaml (YAML 1.1) counts them as line breaks; the file's lines end at LF, CRLF or CR only
    raw = f'model: 1\norganisation:\n  name: "a{brk}b{brk}c"\n  id: x\nprocesses: [{{id: "p{brk}", q: 1}}]\n'
    doc, problems = parse_bytes(raw.encode(), "m.yaml", LIMITS)
    assert problems == [] and doc is not None
    assert doc.positions.value(doc.data, ("organisation", "id")) == (4, 7)
    assert doc.positions.key(doc.data, ("processes", 0, "q")) == (5, 24)
    # and a repeated key says where it was first given in the file's lines
    raw = f'model: 1\norganisation:\n  name: "a{brk}b"\n  name: c\n'.encode()
    _, problems = parse_bytes(raw, "m.yaml", LIMITS)
    assert [(p.code, p.line, p.args.get("first_line")) for p in problems] == [("duplicate-key", 4, 3)]
    # and a problem after one is at its place too
    doc, problems = parse_bytes(f"model: 1\n# note {brk} x: [\nmodel: 2\n".encode(), "m.yaml", LIMITS)
    assert [(p.line, p.column) for p in problems] == [(2, 8)]  # at the separator, which is the slip
    assert problems[0].args["char"] == f"U+{ord(brk):04X}" and problems[0].args["detail"] == "y-separator"


def test_columns_count_characters_not_bytes() -> None:
    doc, _ = parse_bytes("имя: 'значение'\nb: [x, y]\n".encode(), "m.yaml", LIMITS)
    assert doc is not None
    assert doc.positions.value(doc.data, ("имя",)) == (1, 6)


def test_not_utf8_is_located_at_the_bad_byte() -> None:
    raw = "model: 1\norganisation:\n  name: Тест\xff\n".encode().replace(b"\xc3\xbf", b"\xff")
    data, problems = parse(raw)
    assert data is None
    assert codes(problems) == [("encoding", 3, 13)]
    assert problems[0].args == {"byte": "0xFF", "encoding": "enc-other"}


def test_utf16_is_not_utf8() -> None:
    data, problems = parse("model: 1\n".encode("utf-16"))
    assert data is None and [p.code for p in problems] == ["encoding"]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_file(text: str) -> None:
    data, problems = parse(text)
    assert data is None
    assert [(p.code, p.args) for p in problems] == [("not-mapping", {"found": "empty"})]


def test_document_that_is_a_list() -> None:
    data, problems = parse("- id: a\n- id: b\n")
    assert data is None and codes(problems) == [("not-mapping", 1, 1)]
    assert problems[0].args["found"] == "list"


def test_two_documents() -> None:
    data, problems = parse("model: 1\n---\nmodel: 1\n")
    assert data is None and codes(problems) == [("not-mapping", 2, 1)]
    assert problems[0].args["found"] == "documents"


def test_duplicate_key_at_second_occurrence() -> None:
    data, problems = parse("model: 1\norganisation:\n  name: A\n  id: x\n  name: B\n")
    assert codes(problems) == [("duplicate-key", 5, 3)]
    assert problems[0].args == {"key": "name", "first_line": 3}
    assert data["organisation"]["name"] == "A"  # type: ignore[index]


def test_duplicate_key_in_a_list_item() -> None:
    _, problems = parse("processes:\n  - id: a\n    id: b\n")
    assert codes(problems) == [("duplicate-key", 3, 5)]


def test_tags_are_refused_and_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = (
        "model: 1\n"
        f"organisation: !!python/object/apply:os.system ['touch {marker}']\n"
        "x-a: !!python/name:os.system\n"
        "x-b: !custom {a: 1}\n"
        "x-c: !!binary aGVsbG8=\n"
        "x-d: !!str 1.10\n"
    )
    data, problems = parse(text)
    assert not marker.exists()
    assert codes(problems) == [("tag", 2, 15), ("tag", 3, 6), ("tag", 4, 6)]
    assert [p.subject for p in problems] == [
        "!!python/object/apply:os.system",
        "!!python/name:os.system",
        "!custom",
    ]
    assert data["x-d"] == "1.10"  # type: ignore[index]


def test_merge_keys_and_aliases() -> None:
    data, problems = parse(
        "model: 1\nx-base: &base {owner: Отдел, external: false}\n"
        "processes:\n  - <<: *base\n    id: a\n    owner: Своё\n"
    )
    assert problems == []
    assert data["processes"][0] == {"id": "a", "owner": "Своё", "external": False}  # type: ignore[index]


def test_what_lies_inside_a_merged_value_is_located_at_the_merge_key() -> None:
    raw = b"model: 1\nprocesses:\n  - &a\n    id: p1\n    implements: [1.1.1.5, 9.9.9]\n  - <<: *a\n    id: p2\n"
    doc, problems = parse_bytes(raw, "m.yaml", LIMITS)
    assert problems == [] and doc is not None
    assert doc.positions.value(doc.data, ("processes", 0, "implements", 1)) == (5, 27)  # its own
    assert doc.positions.value(doc.data, ("processes", 1, "implements", 1)) == (6, 5)  # the << key
    assert doc.positions.value(doc.data, ("processes", 1, "id")) == (7, 9)


def test_alias_expansion_limit_billion_laughs() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    started = time.monotonic()
    data, problems = parse("\n".join(lines) + "\n")
    assert time.monotonic() - started < 5
    assert data is None and [p.code for p in problems] == ["alias-limit"]
    assert problems[0].line == 5 and problems[0].args == {"limit": 100_000}


def test_undefined_alias_is_a_syntax_problem() -> None:
    _, problems = parse("model: 1\nx-a: *nowhere\n")
    assert codes(problems) == [("yaml-syntax", 2, 6)]


@pytest.mark.parametrize(
    "text",
    [
        "[" * 200_000,
        "- " * 200_000 + "x",
        "{a: " * 100_000,
        "a:\n" + "".join(" " * i + "- \n" for i in range(1, 100)),
    ],
)
def test_deep_nesting_stops_early_without_crashing(text: str) -> None:
    started = time.monotonic()
    data, problems = parse(text, Limits(max_line_length=10**7))  # the depth, not the line, stops it
    assert time.monotonic() - started < 5
    assert data is None and [p.code for p in problems] == ["too-deep"]
    assert problems[0].args == {"limit": 64}


def test_yaml_syntax_error_position() -> None:
    _, problems = parse("model: 1\nprocesses:\n  - id: a\n    implements: [1.1.1.5\n")
    assert [p.code for p in problems] == ["yaml-syntax"]
    assert problems[0].line == 5
    assert problems[0].args["detail"] == "y-flow-seq"  # said in the user's words, with the fix
    assert "flow sequence" in problems[0].args["raw"]


def test_complex_key() -> None:
    _, problems = parse("model: 1\n? [a, b]\n: c\n")
    assert codes(problems) == [("yaml-syntax", 2, 3)]


def test_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("model: 1\n" + "x-pad: " + "a" * 500 + "\n", encoding="utf-8")
    loaded = load([str(big)], Limits(max_file_bytes=100))
    assert loaded.documents == []
    assert [(p.code, p.file, p.line) for p in loaded.problems] == [("file-too-large", str(big), 1)]


def test_a_broken_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("model: 1\nprocesses: [\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("model: 1\norganisation: {name: X}\n", encoding="utf-8")
    loaded = load([str(tmp_path)])
    assert [d.file.rsplit("/", 1)[-1] for d in loaded.documents] == ["b.yaml"]
    assert [(p.code, p.file.rsplit("/", 1)[-1]) for p in loaded.problems] == [("yaml-syntax", "a.yaml")]


def test_folder_order_is_sorted_and_recursive(tmp_path: Path) -> None:
    for rel in ["b.yaml", "a/z.yml", "a/c.yaml", ".git/x.yaml", "notes.txt", ".hidden.yaml"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("model: 1\n", encoding="utf-8")
    loaded = load([str(tmp_path)])
    names = [f.display[len(str(tmp_path)) + 1 :] for f in loaded.files]
    assert names == ["a/c.yaml", "a/z.yml", "b.yaml"]

"""The HTML report: self-contained, the eTOM map with each element's status, the matrix, the
interfaces, every finding, the waivers and the provenance, in both languages."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from checker.engine import Result, check
from checker.engine.coverage import waived_coverage
from checker.engine.describe import report_time
from checker.engine.packs import digest as pack_digest
from checker.engine.packs import pack_files
from checker.reporters import REPORTERS
from checker.reporters.html import render as render_view

from .conftest import REPORT_SAMPLE_STATUSES, ROOT, run_cli


def render(result: Result) -> str:
    return render_view(result.view)


SAMPLE = str(ROOT / "tests" / "models" / "report-sample.yaml")
CONFORMANT = str(ROOT / "tests" / "models" / "conformant.yaml")
CRM = [f"1.1.1.{n}" for n in range(1, 10)]
EXPECTED = REPORT_SAMPLE_STATUSES


class Elements(HTMLParser):
    """Every start tag with its attributes, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


def map_statuses(html: str) -> dict[str, str | None]:
    return {
        a["data-element"] or "": a.get("data-status")
        for t, a in tags(html)
        if t == "g" and "data-element" in a
    }


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def test_map_shows_each_crm_element_with_its_status() -> None:
    html = render(check([SAMPLE], lang="en"))
    assert "<svg" in html
    statuses = map_statuses(html)
    assert {e: statuses[e] for e in CRM} == EXPECTED
    assert statuses["1.1.2.2"] == "not-required"
    assert statuses["1.1.1.10"] == "not-required"


def test_no_network_reference_anywhere() -> None:
    for lang in ("ru", "en"):
        html = render(check([SAMPLE], lang=lang))
        assert not re.search(r"https?://", html)
        assert not re.search(r"\b(src|href)\s*=", html)


def test_map_follows_the_framework_layout() -> None:
    """Rows are the groupings, columns the verticals; an element sits in its verticals' columns."""
    html = render(check([SAMPLE], lang="en"))
    found = tags(html)
    columns = {a["data-vertical"]: a for t, a in found if t == "g" and "data-vertical" in a}
    assert list(columns) == ["OSR", "F", "A", "B"]
    rects = {}
    for index, (tag, attrs) in enumerate(found):
        if tag == "g" and "data-element" in attrs:
            rect = found[index + 2][1]  # <g><title/><rect>
            rects[attrs["data-element"]] = (
                float(rect["x"] or 0),
                float(rect["width"] or 0),
                float(rect["y"] or 0),
            )
    heads = {}
    for index, (tag, attrs) in enumerate(found):
        if tag == "g" and "data-vertical" in attrs:
            rect = found[index + 1][1]
            heads[attrs["data-vertical"]] = (float(rect["x"] or 0), float(rect["width"] or 0))

    def inside(element: str, vertical: str) -> bool:
        x, w, _ = rects[element]
        hx, hw = heads[vertical]
        return hx - 6 <= x and x + w <= hx + hw + 6

    assert inside("1.1.1.1", "OSR")
    assert inside("1.1.1.5", "F") and inside("1.1.1.6", "A") and inside("1.1.1.8", "B")
    x, w, _ = rects["1.1.1.9"]  # Retention & Loyalty spans F, A and B
    assert x <= heads["F"][0] + 6 and x + w >= heads["B"][0] + heads["B"][1] - 6
    assert rects["1.1.2.2"][2] > rects["1.1.1.9"][2]  # SM&O is the row below CRM


def test_names_are_escaped() -> None:
    html = render(check([SAMPLE], lang="en"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_matrix_interfaces_and_findings() -> None:
    html = render(check([SAMPLE], lang="en"))
    found = tags(html)
    rows = {a["data-element"]: a["data-status"] for t, a in found if t == "tr" and "data-element" in a}
    assert rows["1.1.1.9"] == "missing" and rows["1.1.1.5"] == "covered"
    assert re.search(r'<code class="missing" title="[^"]*">check-credit</code>', html)
    interfaces = {
        (a["data-rule"], a["data-group"]): a["data-status"]
        for t, a in found
        if t == "tr" and "data-group" in a
    }
    assert interfaces[("FAB-2", "B")] == "missing"
    assert interfaces[("FAB-2", "F")] == "present"
    assert interfaces[("FAB-1", "A")] == "present"
    findings = [(a["data-rule"], a["data-subject"]) for t, a in found if t == "tr" and "data-severity" in a]
    assert ("COV-1", "1.1.1.9") in findings and ("FUN-1", "check-credit") in findings
    assert "report-sample.yaml:4:1" in html and "report-sample.yaml:27:5" in html
    assert "GOST R 53633.3-2009, Table 1, 1.1.1.9" in html


def test_verdict_and_counts() -> None:
    html = render(check([SAMPLE], lang="en"))
    assert 'data-conformant="false"' in html and "Does not conform" in html
    assert re.search(r'data-count="error"><b>3</b>', html)
    ok = render(check([CONFORMANT], lang="en"))
    assert 'data-conformant="true"' in ok and "No findings." in ok


def test_waived_findings_show_their_reason() -> None:
    result = check([SAMPLE], lang="en")
    result.findings = [
        replace(f, waived=True, waiver_reason="Retention is run by a partner under contract 17")
        if f.rule == "COV-1"
        else f
        for f in result.findings
    ]
    result.coverage = waived_coverage(result.coverage, result.findings, result.pack)
    html = render(result)
    assert map_statuses(html)["1.1.1.9"] == "waived"
    assert "Retention is run by a partner under contract 17" in html
    assert 'data-rule="COV-1" data-subject="1.1.1.9" data-severity="error" data-waived="true"' in html


def test_declared_waivers_are_listed(tmp_path: Path) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(
        Path(SAMPLE).read_text(encoding="utf-8")
        + "waivers:\n  - rule: COV-1\n    subject: 1.1.1.9\n    reason: Партнёр по договору № 17\n",
        encoding="utf-8",
    )
    html = render(check([str(model)], lang="ru"))
    assert "Партнёр по договору № 17" in html
    assert 'data-rule="COV-1"><td class="place"><code>' in html
    assert map_statuses(html)["1.1.1.9"] == "waived"
    assert 'data-element="1.1.1.9" data-status="waived"><td' in html.replace("\n", "").replace("  ", "")


def test_report_options_no_waivers_and_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(
        Path(SAMPLE).read_text(encoding="utf-8")
        + "waivers:\n  - rule: COV-1\n    subject: 1.1.1.9\n    reason: partner\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.html"
    assert run_cli(["report", str(model), "-o", str(out), "--no-waivers"], capsys)[0] == 1
    assert map_statuses(out.read_text(encoding="utf-8"))["1.1.1.9"] == "missing"
    custom = tmp_path / "custom.yaml"
    custom.write_text("pack: 1\noverrides:\n  - {id: FUN-1, severity: info}\n", encoding="utf-8")
    args = ["report", str(model), "-o", str(out), "--rules", str(custom), "--fail-on", "warning"]
    assert run_cli(args, capsys)[0] == 1  # FAB-2 is still an error
    assert 'data-rule="FUN-1" data-subject="check-credit" data-severity="info"' in out.read_text(
        encoding="utf-8"
    )


def test_provenance() -> None:
    result = check([SAMPLE], lang="en")
    html = render(result)
    digest = hashlib.sha256(Path(SAMPLE).read_bytes()).hexdigest()
    assert digest in html
    assert pack_digest(result.pack) in html
    assert re.search(r'id="pack-sha256">[0-9a-f]{64}<', html)
    assert "2026-01-01T00:00:00Z" in html
    assert "etom-check 0." in html


def test_pack_hash_covers_every_pack_file(tmp_path: Path) -> None:
    shipped = check([SAMPLE], lang="en").pack
    names = [name for name, _ in pack_files(shipped)]
    assert "catalogue.yaml" in names and "gost-r-53633.3-2009/COV-5.yaml" in names
    custom = tmp_path / "custom.yaml"
    custom.write_text("pack: 1\noverrides:\n  - {id: FAB-3, severity: info}\n", encoding="utf-8")
    result = check([SAMPLE], lang="en", rule_files=[str(custom)])
    html = render(result)
    assert [name for name, _ in pack_files(result.pack)] == [*names, f"custom:{custom}"]
    assert pack_digest(result.pack) in html and shipped.digest not in html
    assert pack_digest(result.pack) != shipped.digest


def test_report_time() -> None:
    assert report_time({"SOURCE_DATE_EPOCH": "0"}) == "1970-01-01T00:00:00Z"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", report_time({}))


def test_report_is_the_same_for_the_same_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without SOURCE_DATE_EPOCH the page gives the time the model last changed, not the time of
    the run: two runs give byte-identical pages."""
    import os

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    model = tmp_path / "m.yaml"
    model.write_text(Path(SAMPLE).read_text(encoding="utf-8"), encoding="utf-8")
    os.utime(model, (1_700_000_000, 1_700_000_000))
    first = render(check([str(model)], lang="en"))
    second = render(check([str(model)], lang="en"))
    assert first == second
    assert "2023-11-14T22:13:20Z" in first


def test_labels_follow_the_language() -> None:
    ru = render(check([SAMPLE], lang="ru"))
    en = render(check([SAMPLE], lang="en"))
    assert '<html lang="ru">' in ru and "Матрица покрытия" in ru and "не реализован" in ru
    assert '<html lang="en">' in en and "Coverage matrix" in en and "Coverage matrix" not in ru
    assert "Удержание и лояльность клиентов" in ru and "Retention &amp; Loyalty" in en


def test_report_command_and_check_format_html_agree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "html" in REPORTERS
    one, two = tmp_path / "one.html", tmp_path / "two.html"
    assert run_cli(["report", SAMPLE, "-o", str(one), "--lang", "en"], capsys)[0] == 1
    assert run_cli(["check", SAMPLE, "--format", "html", "-o", str(two), "--lang", "en"], capsys)[0] == 1
    assert one.read_bytes() == two.read_bytes()
    again = tmp_path / "again.html"
    run_cli(["report", SAMPLE, "-o", str(again), "--lang", "en"], capsys)
    assert again.read_bytes() == one.read_bytes()
    assert run_cli(["report", CONFORMANT, "-o", str(one)], capsys)[0] == 0


def test_report_refuses_to_overwrite_the_model(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["report", SAMPLE, "-o", SAMPLE], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_every_label_in_both_languages() -> None:
    from checker.reporters.labels import LABELS

    for key, texts in LABELS.items():
        assert set(texts) == {"ru", "en"} and all(texts.values()), key


def test_a_model_that_cannot_be_read_still_gets_a_report(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("model: 1\nprocesses: [\n", encoding="utf-8")
    html = render(check([str(broken)], lang="en"))
    assert 'data-rule="MOD-1"' in html
    assert hashlib.sha256(broken.read_bytes()).hexdigest() in html
    # the checks over the whole model were held back: the map says so, never "missing"
    assert map_statuses(html)["1.1.1.5"] == "not-checked"
    assert "Checks over the whole model held back" in html


def _missing_functions(html: str, element: str) -> list[str]:
    row = re.search(rf'<tr data-element="{re.escape(element)}" data-status="[^"]*">(.*?)</tr>', html, re.S)
    assert row, element
    cell = re.search(r'<td class="missing-functions">(.*?)</td>', row.group(1), re.S)
    assert cell
    return re.findall(r"<code[^>]*>([^<]+)</code>", cell.group(1))


def test_report_matrix_and_interfaces_agree_with_the_findings(tmp_path: Path) -> None:
    """A function spelt by its alias is provided in the report as in the check; a rule left out
    with --ignore is left out of the report's tables too."""
    model = tmp_path / "m.yaml"
    text = (ROOT / "tests" / "models" / "conformant.yaml").read_text(encoding="utf-8")
    model.write_text(
        text.replace("route-contacts,", "route-contact,").replace(
            "interfaces: [{to: order-handling}, {to: problem-handling}, {to: billing}]\n  - id: marketing",
            "interfaces: [{to: order-handling}, {to: problem-handling}]\n  - id: marketing",
        ),
        encoding="utf-8",
    )
    full = check([str(model)], lang="en")
    assert [(f.rule, f.target) for f in full.findings] == [("FAB-2", "B")]
    html = render(full)
    assert _missing_functions(html, "1.1.1.2") == []
    assert re.findall(r'<tr data-rule="(FAB-\d)" data-group="([^"]*)" data-status="missing"', html) == [
        ("FAB-2", "B")
    ]
    ignored = render(check([str(model)], lang="en", ignore=["FAB"]))
    assert 'data-rule="FAB-2"' not in ignored
    assert 'data-status="missing"' not in ignored.split('id="interfaces-section"')[1].split("</section>")[0]


def test_report_does_not_open_a_file_it_could_not_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A named pipe in the model folder is refused by the reader; the report's provenance does
    not open it again (which would wait for a writer for ever)."""
    import os
    import signal

    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "m.yaml").write_text(
        (ROOT / "tests" / "models" / "conformant.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    os.mkfifo(folder / "pipe.yaml")
    previous = signal.signal(signal.SIGALRM, signal.default_int_handler)
    signal.alarm(20)
    try:
        code, out, _ = run_cli(["check", str(folder), "--format", "html", "--lang", "en"], capsys)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert code == 1
    assert re.search(r"pipe\.yaml</code></td><td><code>—</code>", out)
    digest = hashlib.sha256((folder / "m.yaml").read_bytes()).hexdigest()
    assert f"m.yaml</code></td><td><code>{digest}</code>" in out


def test_the_cells_written_in_python_escape_as_the_template_does() -> None:
    import random

    from markupsafe import escape

    from checker.findings import printable
    from checker.reporters.html import _text

    rng = random.Random(3)
    alphabet = "aя<>&'\"\x1b\u202e\n ;→"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert _text(text) == str(escape(printable(text)))


def test_a_waived_function_says_so_in_the_matrix(tmp_path: Path) -> None:
    import shutil

    from checker.engine import check as run_check
    from checker.reporters.html import render as render_html

    model = tmp_path / "model"
    shutil.copytree(ROOT / "samples" / "broken" / "missing-function", model)
    (model / "waivers.yaml").write_text(
        "model: 1\nwaivers:\n  - {rule: FUN-1, subject: check-credit, reason: Проверка у партнёра}\n",
        encoding="utf-8",
    )
    html = render_html(run_check([str(model)], lang="en").view)
    assert 'creditworthiness">check-credit</code> (waived)</td>' in html

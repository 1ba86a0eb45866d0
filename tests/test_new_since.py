"""``--new-since REV``: only what a change adds fails the gate. Run against real temporary git
repositories: an old finding, a new one, a renamed file, moved lines; and the ways it cannot work."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from .conftest import run_cli

HEAD = "model: 1\norganisation:\n  name: ООО «Тест»\n"
PROCESSES = (
    "processes:\n"
    "  - {id: orders, name: Заказы, implements: [1.1.1.5], functions: [issue-order], ownr: Отдел}\n"
)


def git(repo: Path, *args: str) -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@t",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@t",
    )
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=True
    ).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose first commit has a model with findings: MOD-11 (a key), COV-1 ..."""
    git(tmp_path, "init", "-q")
    model = tmp_path / "model"
    model.mkdir()
    (model / "organisation.yaml").write_text(HEAD, encoding="utf-8")
    (model / "crm.yaml").write_text("model: 1\n" + PROCESSES, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    code, out, err = run_cli(["check", "model", "--format", "json", "--lang", "en", *args], capsys)
    assert code in (0, 1), err
    return code, json.loads(out)


def _new(data: dict[str, object]) -> set[tuple[str, str]]:
    findings: list[dict[str, object]] = data["findings"]  # type: ignore[assignment]
    return {
        (str(f["rule"]), str(f["subject"])) for f in findings if not (f.get("baselined") or f.get("waived"))
    }


def test_old_findings_pass_new_ones_fail(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = _json(capsys, "--new-since", "HEAD")
    assert code == 0 and _new(data) == set()
    assert any(f["baselined"] for f in data["findings"])  # type: ignore[union-attr, index]
    crm = repo / "model" / "crm.yaml"
    crm.write_text(crm.read_text(encoding="utf-8").replace("Отдел}", "Отдел, colour: red}"), "utf-8")
    code, data = _json(capsys, "--new-since", "HEAD")
    assert code == 1 and _new(data) == {("MOD-11", "colour")}
    code, out, _ = run_cli(["check", "model", "--new-since", "HEAD", "--lang", "en"], capsys)
    assert "[already at HEAD]" in out and "colour" in out


def test_moved_lines_and_a_renamed_file_add_nothing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    crm = repo / "model" / "crm.yaml"
    crm.write_text("# moved down\n\n\n" + crm.read_text(encoding="utf-8"), encoding="utf-8")
    git(repo, "mv", "model/crm.yaml", "model/customer-processes.yaml")  # renamed, not committed
    code, data = _json(capsys, "--new-since", "HEAD")
    assert code == 0 and _new(data) == set(), data["findings"]
    git(repo, "commit", "-q", "-am", "renamed")
    code, data = _json(capsys, "--new-since", "HEAD~1")
    assert code == 0 and _new(data) == set()


def test_sarif_and_code_quality_mark_the_difference(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    crm = repo / "model" / "crm.yaml"
    crm.write_text(
        crm.read_text(encoding="utf-8").replace("ownr", "owner").replace("Отдел}", "Отдел, x: 1}"), "utf-8"
    )
    code, out, _ = run_cli(["check", "model", "--format", "sarif", "--new-since", "HEAD"], capsys)
    states = {
        (r["ruleId"], r["properties"]["subject"]): r["baselineState"]
        for r in json.loads(out)["runs"][0]["results"]
    }
    assert code == 1 and states[("MOD-11", "x")] == "new" and states[("COV-1", "1.1.1.1")] == "unchanged"
    _, out, _ = run_cli(["check", "model", "--format", "gitlab", "--new-since", "HEAD"], capsys)
    severities = {(q["check_name"], q["fingerprint"]): q["severity"] for q in json.loads(out)}
    assert {s for (rule, _), s in severities.items() if rule == "COV-1"} == {"info"}
    assert {s for (rule, _), s in severities.items() if rule == "MOD-11"} == {"major"}


def test_a_model_that_did_not_exist_then_is_all_new(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "other").mkdir()
    (repo / "other" / "m.yaml").write_text(HEAD, encoding="utf-8")
    code, out, err = run_cli(["check", "other", "--new-since", "HEAD", "--format", "json"], capsys)
    assert code == 1 and not any(f.get("baselined") for f in json.loads(out)["findings"]), err


def test_a_waiver_removed_or_expired_since_adds_its_finding(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    waivers = repo / "model" / "waivers.yaml"
    waiver = "  - {rule: COV-1, subject: 1.1.1.9, reason: Принято%s}\n"
    waivers.write_text("model: 1\nwaivers:\n" + waiver % "", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "waived")
    code, data = _json(capsys, "--new-since", "HEAD")
    assert code == 0 and _new(data) == set()
    # the change lets the waiver expire: its finding, waived then, is new now (as with a baseline,
    # which never records a waived finding)
    waivers.write_text("model: 1\nwaivers:\n" + waiver % ", expires: 2020-01-01", encoding="utf-8")
    code, data = _json(capsys, "--new-since", "HEAD")
    assert code == 1 and ("COV-1", "1.1.1.9") in _new(data)
    # and removes it
    waivers.write_text("model: 1\nwaivers: []\n", encoding="utf-8")
    code, data = _json(capsys, "--new-since", "HEAD")
    assert code == 1 and _new(data) == {("COV-1", "1.1.1.9")}


def test_files_named_one_by_one_may_be_new_or_renamed_since(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "model" / "new.yaml").write_text(
        "model: 1\nprocesses:\n  - {id: sla, name: SLA, implements: [1.1.1.7], colour: red}\n",
        encoding="utf-8",
    )
    git(repo, "mv", "model/crm.yaml", "model/customer.yaml")  # named by its new name below
    files = ["model/organisation.yaml", "model/customer.yaml", "model/new.yaml"]
    code, out, err = run_cli(["check", *files, "--new-since", "HEAD", "--format", "json"], capsys)
    assert code == 1, err
    data = json.loads(out)
    assert ("MOD-11", "colour") in _new(data)  # the new file's findings are new; the renamed file's old
    fresh = [f for f in data["findings"] if not f.get("baselined")]
    assert {f["location"]["file"] for f in fresh} == {"model/new.yaml"}
    assert any(
        f["location"]["file"] == "model/customer.yaml" and f["baselined"] for f in data["findings"]
    )  # the new file's finding; the renamed file's are old


def test_the_model_at_the_revision_is_as_committed_whatever_gitattributes_say(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # export-ignore and export-subst change what git archive gives, never what was committed
    (repo / ".gitattributes").write_text(
        "model/crm.yaml export-ignore\nmodel/organisation.yaml export-subst\n"
    )
    (repo / "model" / "organisation.yaml").write_text(HEAD.replace("Тест", "Тест $Format:%H$"), "utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "attributes")
    code, data = _json(capsys, "--new-since", "HEAD")
    assert code == 0 and _new(data) == set(), data["findings"]


def test_the_work_tree_and_the_index_are_untouched(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "model" / "crm.yaml").write_text("model: 1\n", encoding="utf-8")
    before = (git(repo, "status", "--porcelain"), (repo / ".git" / "index").read_bytes())
    run_cli(["check", "model", "--new-since", "HEAD"], capsys)
    assert (git(repo, "status", "--porcelain"), (repo / ".git" / "index").read_bytes()) == before
    assert (repo / "model" / "crm.yaml").read_text(encoding="utf-8") == "model: 1\n"


@pytest.mark.parametrize(
    ("where", "revision", "says"),
    [
        ("repo", "no-such-revision", "unknown revision 'no-such-revision'"),
        ("repo", "--output=x", "unknown revision '--output=x'"),
        ("outside", "HEAD", "is not in a git work tree"),
    ],
)
def test_what_cannot_work_is_exit_2_with_one_line(
    repo: Path,
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    where: str,
    revision: str,
    says: str,
) -> None:
    model = "model"
    if where == "outside":
        outside = tmp_path_factory.mktemp("plain")
        (outside / "m.yaml").write_text(HEAD, encoding="utf-8")
        model = str(outside)
    code, out, err = run_cli(["check", model, "--new-since", revision, "--lang", "en"], capsys)
    assert (code, out) == (2, "") and len(err.splitlines()) == 1 and says in err, err
    assert not (repo / "x").exists()


def test_without_git_is_exit_2(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(repo / "no-bin"))
    code, out, err = run_cli(["check", "model", "--new-since", "HEAD", "--lang", "en"], capsys)
    assert (code, out) == (2, "") and "needs git" in err and len(err.splitlines()) == 1


def test_report_and_graph_take_it_too(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["report", "-o", "r.html"], ["graph"]):
        code, _, err = run_cli([command[0], "model", "--new-since", "HEAD", *command[1:]], capsys)
        assert code == 0, err

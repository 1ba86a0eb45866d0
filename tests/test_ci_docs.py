"""The CI recipes run as written: docs/ci.md, the GitHub Action (action.yml), the GitLab template
(ci/gitlab/etom-check.gitlab-ci.yml), the Dockerfile and the pre-commit hook.

Every snippet of docs/ci.md is parsed. Its install commands are run once, for real, into a
workspace beside a sample model (a git repository, for ``--new-since``): they build a wheelhouse
and install etom-check from it with no index, and the wheel is looked into. Every other command
of the docs, the action's steps with the inputs the docs give, the template's script with the
variables the docs give, and the Jenkinsfile's ``sh`` steps run against the sample from the
workspace, with what they install. A container is built only where an engine runs.
"""

from __future__ import annotations

import configparser
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml

from checker.cli.config import read_config

from .conftest import ROOT, SAMPLES, run_cli
from .gate_models import model_text, write_model

DOC = ROOT / "docs" / "ci.md"
TEXT = DOC.read_text(encoding="utf-8")
BLOCK = re.compile(r"```(\w*)\n(.*?)```", re.S)
ACTION = ROOT / "action.yml"
TEMPLATE = ROOT / "ci" / "gitlab" / "etom-check.gitlab-ci.yml"
SAMPLE = SAMPLES / "broken" / "missing-element"  # one COV-1 error: every gate exits 1


def blocks(lang: str) -> list[str]:
    return [body for kind, body in BLOCK.findall(TEXT) if kind == lang]


def _git(folder: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t")
    env["GIT_COMMITTER_EMAIL"] = "t@t"
    done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, env=env, check=True)
    return done.stdout.strip()


def _sh(script: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """A script as a CI runner runs it: bash, stopping at the first failing command."""
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | (env or {}),
        check=False,
    )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with the sample model in ``model/`` and etom-check's own checkout beside it
    (``./etom-check``), after the docs' install commands have run in it."""
    work = tmp_path_factory.mktemp("ci")
    shutil.copytree(SAMPLE, work / "model")
    (work / "etom-check").symlink_to(ROOT, target_is_directory=True)
    _git(work, "init", "-q")
    _git(work, "add", "model")
    _git(work, "commit", "-q", "-m", "model")
    (install,) = [b for b in blocks("sh") if "pip wheel" in b]
    done = _sh(install, work)
    assert done.returncode == 0, done.stdout + done.stderr
    return work


def _at(commit: str, path: str) -> str | None:
    """A file as the pinned commit has it (None when ROOT is not a git checkout)."""
    if not (ROOT / ".git").exists():
        return None
    shown = subprocess.run(["git", "show", f"{commit}:{path}"], cwd=ROOT, capture_output=True, text=True)
    assert shown.returncode == 0, f"the pinned commit {commit} has no {path}"
    return shown.stdout


def test_every_snippet_parses() -> None:
    assert len(blocks("yaml")) >= 5 and blocks("sh") and blocks("groovy")
    for block in blocks("yaml"):
        assert yaml.safe_load(block) is not None
    (toml_block,) = blocks("toml")
    tomllib.loads(toml_block)
    (ini_block,) = blocks("ini")
    configparser.ConfigParser(interpolation=None).read_string(ini_block)
    for path in (ACTION, TEMPLATE, ROOT / ".pre-commit-hooks.yaml"):
        assert yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_wheel_holds_the_rule_packs_schemas_and_templates(workspace: Path) -> None:
    (wheel,) = (workspace / "wheels").glob("etom_check-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "checker/rules/catalogue.yaml",
        "checker/rules/gost-r-53633.3-2009/pack.yaml",
        "checker/rules/gost-r-53633.3-2009/COV-1.yaml",
        "checker/schema/model.schema.json",
        "checker/schema/rulepack.schema.json",
        "checker/templates/report.html.j2",
        "checker/templates/report.css",
        "checker/py.typed",
    ):
        assert needed in names, needed
    shipped = {
        p.relative_to(ROOT / "rules").as_posix()
        for p in (ROOT / "rules").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert {f"checker/rules/{name}" for name in shipped} <= names


def test_the_installed_wheel_checks_a_sample_from_another_folder(workspace: Path, tmp_path: Path) -> None:
    etom = workspace / ".venv-etom" / "bin" / "etom-check"
    done = subprocess.run(
        [str(etom), "check", str(workspace / "model"), "--lang", "en"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "COV-1 error" in done.stdout, done.stderr
    assert (
        "site-packages"
        in subprocess.run(
            [
                str(workspace / ".venv-etom" / "bin" / "python"),
                "-I",
                "-c",
                "import checker; print(checker.__file__)",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )


def test_every_command_of_the_docs_runs(workspace: Path) -> None:
    """Each ``etom-check`` line of a sh block, from the workspace, with what the docs installed."""
    lines = [line for b in blocks("sh") if "pip wheel" not in b for line in b.splitlines()]
    commands = [line for line in lines if line.startswith("etom-check ")]
    assert len(commands) >= 5
    commands.sort(key=lambda c: "--write-baseline" not in c)  # the baseline is written, then read
    env = {"PATH": f"{workspace / '.venv-etom' / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    for command in commands:
        done = _sh(command, workspace, env)
        assert done.returncode in (0, 1), f"{command}: {done.stderr}"
        assert "Traceback" not in done.stderr
    assert (workspace / "out" / "etom-check.sarif").is_file()  # a report in a new folder
    (writes,) = [c for c in commands if "--write-baseline" in c]
    said = _sh(writes, workspace, env).stderr  # where it wrote and how many it recorded
    assert re.fullmatch(
        r"etom-check: \S+ etom-baseline\.json: \D*\b1\b\D*\n", said.replace("базовая линия", "baseline")
    ), said


def _expressions(text: str, values: dict[str, str]) -> str:
    """``${{ inputs.x }}`` and the like, as GitHub fills them in."""
    return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", lambda m: values.get(m.group(1), ""), text)


def test_the_action_runs_as_the_docs_use_it(workspace: Path, tmp_path: Path) -> None:
    workflow = yaml.safe_load(next(b for b in blocks("yaml") if "upload-sarif" in b))
    (step,) = [s for s in workflow["jobs"]["etom-check"]["steps"] if "etom-check@" in s.get("uses", "")]
    assert re.fullmatch(r"[\w.-]+/etom-check@[0-9a-f]{40}", step["uses"]), "pin the action to a commit"
    _at(step["uses"].rsplit("@", 1)[1], "action.yml")
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    base = _git(workspace, "rev-parse", "HEAD")
    given = {
        k: _expressions(str(v), {"github.event.pull_request.base.sha": base}) for k, v in step["with"].items()
    }
    assert set(given) <= set(action["inputs"]), "the docs use inputs the action does not have"
    inputs = {f"inputs.{k}": str(v.get("default", "")) for k, v in action["inputs"].items()}
    inputs |= {f"inputs.{k}": v for k, v in given.items()}
    files = {name: tmp_path / name for name in ("path", "output", "summary")}
    env = {
        "GITHUB_ACTION_PATH": str(ROOT),
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_PATH": str(files["path"]),
        "GITHUB_OUTPUT": str(files["output"]),
        "GITHUB_STEP_SUMMARY": str(files["summary"]),
    }
    codes = []
    for each in action["runs"]["steps"]:
        step_env = {k: _expressions(str(v), inputs) for k, v in each.get("env", {}).items()}
        done = _sh(each["run"], workspace, {**env, **step_env})
        codes.append(done.returncode)
        if each.get("id") != "check":
            assert done.returncode == 0, done.stdout + done.stderr
    # new-since the base commit, which already had the gap: it is shown, marked, and passes
    assert codes[-1] == 0
    assert files["output"].read_text(encoding="utf-8").strip() == "exit-code=0"
    assert "::notice file=model/organisation.yaml,line=6,col=1,title=COV-1 error::" in done.stdout
    assert f"[already at {base}]" in done.stdout or f"[уже было в {base}]" in done.stdout
    assert files["summary"].read_text(encoding="utf-8").startswith("## etom-check")
    sarif = json.loads((workspace / "etom-check.sarif").read_text(encoding="utf-8"))
    states = {r["ruleId"]: r.get("baselineState") for r in sarif["runs"][0]["results"]}
    assert states == {"COV-1": "unchanged"}  # --new-since the base commit: already there


def test_the_gitlab_template_runs_as_the_docs_include_it(workspace: Path, tmp_path: Path) -> None:
    job = yaml.safe_load(next(b for b in blocks("yaml") if "extends: .etom-check" in b))
    (include,) = job["include"]
    assert include["file"] == TEMPLATE.relative_to(ROOT).as_posix() and re.fullmatch(
        r"[0-9a-f]{40}", include["ref"]
    )
    template = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))[".etom-check"]
    assert template["artifacts"]["when"] == "always"
    reports = template["artifacts"]["reports"]
    variables = {k: str(v) for k, v in {**template["variables"], **job["etom-check"]["variables"]}.items()}
    assert (
        variables["ETOM_CHECK_PACKAGE"].startswith("git+https://") and "@" in variables["ETOM_CHECK_PACKAGE"]
    )
    # here the pinned URL is the wheel the docs built, from the wheelhouse, with no index
    variables |= {
        "ETOM_CHECK_PACKAGE": "etom-check",
        "ETOM_CHECK_PIP_ARGS": f"--no-index --find-links {workspace / 'wheels'}",
        "ETOM_CHECK_VENV": str(tmp_path / "venv"),
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": _git(workspace, "rev-parse", "HEAD"),
    }
    for name in ("etom-check-junit.xml", "gl-code-quality-report.json"):
        (workspace / name).unlink(missing_ok=True)
    done = _sh("\n".join(template["script"]), workspace, variables)
    assert done.returncode == 0, done.stdout + done.stderr  # a merge request that adds nothing passes
    junit = ET.parse(workspace / reports["junit"]).getroot()
    assert junit.tag == "testsuites" and int(junit.get("tests", "0")) > 10
    quality = json.loads((workspace / reports["codequality"]).read_text(encoding="utf-8"))
    assert [(q["check_name"], q["severity"], q["location"]["path"]) for q in quality] == [
        ("COV-1", "info", "model/organisation.yaml")
    ]
    assert all((workspace / p).is_file() for p in template["artifacts"]["paths"])
    variables.pop("CI_MERGE_REQUEST_DIFF_BASE_SHA")
    done = _sh("\n".join(template["script"]), workspace, variables)
    assert done.returncode == 1  # on a branch pipeline every finding counts


def test_the_jenkinsfile_steps_run(workspace: Path) -> None:
    (jenkinsfile,) = blocks("groovy")
    steps = re.findall(r"sh '([^']+)'", jenkinsfile)
    assert len(steps) == 2
    codes = [_sh(step, workspace).returncode for step in steps]
    assert codes == [0, 1]
    for archived in re.findall(r"(?:junit|artifacts:) '([^']+)'", jenkinsfile):
        for name in archived.split(", "):
            assert (workspace / name).is_file(), name


def test_pre_commit_is_pinned_to_a_commit_that_has_the_hook(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = yaml.safe_load(next(b for b in blocks("yaml") if b.startswith("# .pre-commit-config.yaml")))
    (repo,) = config["repos"]
    assert re.fullmatch(r"[0-9a-f]{40}", repo["rev"]), "pin a commit: there are no release tags"
    hooks_then = _at(repo["rev"], ".pre-commit-hooks.yaml")
    assert hooks_then is None or "id: etom-check" in hooks_then, "the pinned commit has no hook"
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in repo["hooks"]] == [hook["id"]] == ["etom-check"]
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "model/crm.yaml") and not re.search(hook["files"], "README.md")
    entry = shlex.split(hook["entry"])
    os.chdir(workspace)
    try:
        code, out, err = run_cli([*entry[1:], *repo["hooks"][0]["args"]], capsys)
    finally:
        os.chdir(ROOT)
    assert code == 1 and "COV-1" in out, err


def _dockerfile() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    return [
        (line.split()[0].upper(), line.split(None, 1)[1])
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def test_the_dockerfile(workspace: Path) -> None:
    instructions = _dockerfile()
    assert instructions[0][0] == "FROM" and re.fullmatch(r"python:3\.1[1-9]-slim", instructions[0][1])
    for kind, args in instructions:
        if kind == "COPY":
            *sources, _ = args.split()
            for source in sources:
                assert (ROOT / source).exists(), f"COPY {source}: nothing there"
    users = [args for kind, args in instructions if kind == "USER"]
    assert users and users[-1] not in ("root", "0")
    assert ("ENTRYPOINT", '["etom-check"]') in instructions
    assert ("WORKDIR", "/model") in instructions
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8")
    for kind, args in instructions:
        if kind == "COPY":
            for source in args.split()[:-1]:
                assert f"!{source.rstrip('/')}" in ignored.replace("/\n", "\n"), source
    engine = (
        shutil.which("docker") and subprocess.run(["docker", "info"], capture_output=True).returncode == 0
    )
    if not engine:
        assert os.environ.get("ETOM_TEST_DOCKER") != "1", "an engine was expected"
        pytest.skip("no container engine runs here: the Dockerfile was checked, not built")
    (commands,) = [
        b for b in blocks("sh") if b.startswith("docker build")
    ]  # pragma: no cover - needs an engine
    for line in commands.splitlines():  # pragma: no cover
        assert _sh(line, workspace).returncode in (0, 1), line


def test_configuration_examples_are_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_model(tmp_path / "model", model_text(elements=["1.1.1.5"]))
    write_model(tmp_path / "model" / "ci", "stages: [test]\n", "pipeline.yaml")  # excluded by the example
    custom = next(b for b in blocks("yaml") if b.startswith("pack: 1"))
    (tmp_path / "etom-rules.yaml").write_text(custom, encoding="utf-8")
    (toml_block,) = blocks("toml")
    (tmp_path / "pyproject.toml").write_text(toml_block, encoding="utf-8")
    os.chdir(tmp_path)
    try:
        code, _, err = run_cli(["check"], capsys)
        assert code == 2 and "etom-baseline.json: cannot read the baseline" in err  # not written yet
        code, _, err = run_cli(["check", "--baseline", "", "--write-baseline", "etom-baseline.json"], capsys)
        assert code == 1 and "etom-baseline.json" in err and "findings recorded" in err
        for command in ("check", "report", "graph"):
            code, _, err = run_cli([command], capsys)
            assert code == 0, (command, err)  # everything is in the baseline now, in every command
        assert '"COV-1"' in (tmp_path / "etom-baseline.json").read_text(encoding="utf-8")
    finally:
        os.chdir(ROOT)
    (ini_block,) = blocks("ini")
    (tmp_path / "etom.cfg").write_text(ini_block, encoding="utf-8")
    config = read_config(str(tmp_path / "etom.cfg"), required=True)
    assert config is not None
    assert config.values["reports"] == [
        f"sarif:{tmp_path}/etom-check.sarif",
        f"junit:{tmp_path}/etom-check.xml",
    ]
    assert config.values["fail-on"] == "warning" and config.values["exclude"] == ["ci/**"]


def test_custom_pack_example_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = model_text(elements=["1.1.1.5", "1.1.1.4"]).replace(
        "implements: [1.1.1.4]", "implements: [1.1.1.4]\n    external: true"
    )
    model = write_model(tmp_path / "model", text)
    rules = tmp_path / "etom-rules.yaml"
    rules.write_text(next(b for b in blocks("yaml") if b.startswith("pack: 1")), encoding="utf-8")
    code, out, err = run_cli(
        ["check", str(model), "--rules", str(rules), "--select", "ORG", "--lang", "en"], capsys
    )
    assert code == 1, err
    assert "ORG-1 error Element 1.1.1.4 is implemented externally" in out


def test_waiver_example_is_accepted(tmp_path: Path) -> None:
    from checker.engine import check

    waivers = next(b for b in blocks("yaml") if b.startswith("waivers:"))
    model = write_model(tmp_path, model_text(elements=["1.1.1.2"]) + waivers)
    result = check([str(model)], select=["MOD", "FAB-2"])
    assert not [f for f in result.findings if f.rule.startswith("MOD") and f.rule != "MOD-25"]
    assert {f.target for f in result.findings if f.rule == "FAB-2" and f.waived} == {"B"}


pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the recipes are for Linux runners")

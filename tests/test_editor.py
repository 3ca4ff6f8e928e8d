"""Audits filled in an editor are checked in the editor: a schema per rubric, a modeline in the
template, messages people understand — tried in the real YAML language server."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from svccheck.cli.validation import FORMATS
from svccheck.formats.audit import schema as audit_schema
from svccheck.formats.rubric import loading as rubric_files
from tests import lsp
from tests.conftest import app

# Property runs, subprocesses or real terminals, browsers and language servers: seconds.
pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# The audits among the examples (examples/plans/ holds improvement plans, examples/importance/
# importance files).
# The calibration study's scorings (examples/cases/scorings/, over a hundred audits written by
# its assessors) are loaded and scored by tests/test_calibration_study.py; one of them stands for
# them here, so that the language server does not take minutes.
AUDITS = sorted(
    path
    for path in EXAMPLES.rglob("*.yaml")
    if "plans" not in path.parts
    and "importance" not in path.parts
    and ("scorings" not in path.parts or path.parts[-3:] == ("final-3", "h1", "case-13.yaml"))
)
BUILTINS = ["service-excellence", "world-class-practices", "customer-expectations"]


def per_rubric(runner: CliRunner, reference: str) -> dict[str, Any]:
    result = runner.invoke(app, ["schema", "audit", "--rubric", reference])
    assert result.exit_code == 0, result.stderr
    schema: dict[str, Any] = json.loads(result.stdout)
    return schema


def json_view(path: Path) -> Any:
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def rubric_of(path: Path) -> str:
    """The rubric an example names (the bundled examples name built-in rubrics by id)."""
    reference: str = yaml.safe_load(path.read_text(encoding="utf-8"))["rubric"]
    return reference


@pytest.mark.parametrize("example", AUDITS, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_the_examples_fit_their_rubrics_schema(runner: CliRunner, example: Path) -> None:
    jsonschema.validate(json_view(example), per_rubric(runner, rubric_of(example)))


@pytest.mark.parametrize(
    ("answers", "error"),
    [
        pytest.param({"compelling-vison": 3}, "compelling-vison", id="misspelt-id"),
        pytest.param({"compelling-vision": 6}, "6", id="score-above-the-scale"),
        pytest.param({"compelling-vision": 0}, "0", id="score-below-the-scale"),
    ],
)
def test_the_rubric_schema_knows_ids_and_scale(
    runner: CliRunner, answers: dict[str, int], error: str
) -> None:
    schema = per_rubric(runner, "world-class-practices")
    document = {"rubric": "world-class-practices", "answers": answers}
    with pytest.raises(jsonschema.ValidationError, match=error):
        jsonschema.validate(document, schema)


def test_every_item_carries_its_guidance_for_a_hover(runner: CliRunner) -> None:
    schema = per_rubric(runner, "service-culture")
    loaded = rubric_files.load("service-culture")
    answers = schema["properties"]["answers"]["properties"]
    for _, item in loaded.items():
        description = answers[item.id]["description"]
        assert item.question in description
        assert all(text in description for _, text in item.guidance.levels)


def test_schema_rubric_option_is_for_audits_and_importance_only(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "rubric", "--rubric", "service-culture"])
    assert result.exit_code == 2
    assert "--rubric goes with 'svccheck schema audit' or 'schema importance' only" in (
        result.stderr
    )


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_template_starts_with_a_modeline_to_a_schema_beside_it(
    runner: CliRunner, folder: Path
) -> None:
    result = runner.invoke(app, ["template", "service-culture", "-o", "q4.yaml"])
    assert result.exit_code == 0, result.stderr
    first = Path("q4.yaml").read_text(encoding="utf-8").splitlines()[0]
    rubric = rubric_files.load("service-culture")
    schema = f".svccheck/service-culture-v{rubric.version}.schema.json"  # the edition's own
    assert first == f"# yaml-language-server: $schema={schema}"
    assert json.loads(Path(schema).read_text()) == audit_schema.for_rubric(rubric)


@pytest.mark.parametrize(
    "arguments", [["--no-schema", "-o", "q4.yaml"], []], ids=["no-schema", "stdout"]
)
def test_no_modeline_without_a_schema_file(
    runner: CliRunner, folder: Path, arguments: list[str]
) -> None:
    result = runner.invoke(app, ["template", "service-culture", *arguments])
    assert result.exit_code == 0, result.stderr
    text = Path("q4.yaml").read_text() if arguments else result.stdout
    assert "yaml-language-server" not in text
    assert not Path(".svccheck").exists()


def test_an_interactive_save_keeps_the_modeline(runner: CliRunner, folder: Path) -> None:
    runner.invoke(app, ["template", "leadership-strategies", "-o", "q4.yaml"])
    before = Path("q4.yaml").read_text().splitlines()[0]
    result = runner.invoke(app, ["audit", "-o", "q4.yaml"], input="4\n\nq\n")
    assert result.exit_code == 0, result.stderr
    assert Path("q4.yaml").read_text().splitlines()[0] == before


def test_a_new_interactive_audit_gets_the_modeline(runner: CliRunner, folder: Path) -> None:
    arguments = ["audit", "-r", "leadership-strategies", "-o", "new.yaml", "--organization", "A"]
    arguments += ["--unit", "U", "--period", "2026-Q4", "--assessor", "Z"]
    result = runner.invoke(app, arguments, input="q\n")
    assert result.exit_code == 0, result.stderr
    assert Path("new.yaml").read_text().startswith("# yaml-language-server: $schema=.svccheck/")


def patterns(value: Any) -> Iterator[str]:
    """Every regular expression in a schema."""
    if isinstance(value, dict):
        for key, entry in value.items():
            if key == "pattern" and isinstance(entry, str):
                yield entry
            else:
                yield from patterns(entry)
    elif isinstance(value, list):
        for entry in value:
            yield from patterns(entry)


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_every_pattern_is_valid_javascript() -> None:
    found = {p for kind in FORMATS for p in patterns(FORMATS[kind].schema())}
    found |= set(patterns(audit_schema.for_rubric(rubric_files.load("service-culture"))))
    assert found
    script = "for (const p of JSON.parse(process.argv[1])) new RegExp(p, 'u');"
    subprocess.run(["node", "-e", script, json.dumps(sorted(found))], check=True)


# The real language server -------------------------------------------------------------------

needs_server = pytest.mark.skipif(
    lsp.server_path() is None, reason="yaml-language-server is not installed (.ci/run does it)"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[lsp.LanguageServer]:
    started = lsp.LanguageServer(tmp_path_factory.mktemp("editor"))
    yield started
    started.close()


@needs_server
@pytest.mark.parametrize("example", AUDITS, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_the_examples_show_no_diagnostics(
    server: lsp.LanguageServer, example: Path, tmp_path: Path
) -> None:
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps(audit_schema.for_rubric(rubric_files.load(rubric_of(example)))))
    assert server.diagnostics(example, schema=schema) == []


MISTAKES = [
    pytest.param("  service-principles:", "  service-principels: 3", "is not allowed", id="id"),
    pytest.param("  service-principles:", "  service-principles: 6", "maximum of 5", id="score"),
    pytest.param("  service-principles:", "  service-principles: NA", "from 1 to 5", id="NA"),
    pytest.param("period: ", "period: Q3 2026", "2026-Q3", id="period"),
    pytest.param("organization:", "organization: yes", "string", id="yaml-1.1-boolean"),
]


@needs_server
@pytest.mark.parametrize(("line", "written", "message"), MISTAKES)
def test_the_editor_flags_mistakes_on_their_line(
    server: lsp.LanguageServer, runner: CliRunner, folder: Path, line: str, written: str,
    message: str,
) -> None:  # fmt: skip
    assert runner.invoke(app, ["template", "service-culture", "-o", "q4.yaml"]).exit_code == 0
    path = folder / "q4.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, text in enumerate(lines) if text.startswith(line))
    lines[index] = written
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = server.diagnostics(path)
    assert [entry.split(":")[0] for entry in found] == [str(index + 1)], found
    assert message in found[0]
    # svccheck refuses the same file at the same line
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert re.search(rf":{index + 1}:\d+: ", result.stderr), result.stderr


@needs_server
def test_a_hover_over_an_item_shows_its_guidance(
    server: lsp.LanguageServer, runner: CliRunner, folder: Path
) -> None:
    assert runner.invoke(app, ["template", "service-culture", "-o", "q4.yaml"]).exit_code == 0
    path = folder / "q4.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, text in enumerate(lines) if text.startswith("  service-principles:"))
    server.diagnostics(path)
    shown = server.hover(path, index + 1, 5)
    item = next(
        i for _, i in rubric_files.load("service-culture").items() if i.id == "service-principles"
    )
    assert item.question in " ".join(shown.split())

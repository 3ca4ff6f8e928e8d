"""Hostile and broken input: every loader answers with svccheck's own located error, or works.

Nothing from a file may crash svccheck, hang it, exhaust its memory, run code, or reach the
terminal as markup or control sequences.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.core.errors import InputFileError, InvalidFileError, SvccheckError
from svccheck.formats import tree
from svccheck.formats.audit import loading as audit_files
from svccheck.formats.rubric import loading as rubric_files
from tests.conftest import MINI_RUBRIC, Writer

# Property runs, subprocesses or real terminals, browsers and language servers: seconds.
pytestmark = pytest.mark.slow

LOADERS = {
    "rubric": rubric_files.parse_rubric,
    "audit": audit_files.parse_audit,
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding mini.yaml, so that fuzzed audits can name a real rubric."""
    path = tmp_path_factory.mktemp("hostile")
    (path / "mini.yaml").write_text(MINI_RUBRIC, encoding="utf-8")
    return path


def assert_ours(kind: str, text: str, folder: Path) -> None:
    try:
        LOADERS[kind](text, str(folder / "fuzz.yaml"))
    except SvccheckError as error:
        assert error.exit_code == 2
        assert all(line.startswith(str(folder)) or ":" in line for line in error.lines())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(sorted(LOADERS)), text=st.text(max_size=300))
def test_arbitrary_text(folder: Path, kind: str, text: str) -> None:
    assert_ours(kind, text, folder)


TAGS = ["", "!!python/object:os.system ", "!custom ", "!!binary ", "!!set ", "!!omap ", "!!str "]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10), st.floats(allow_nan=True),
    st.sampled_from(["n/a", "mini.yaml", "2026-Q3", "greet", "rubric", "answers", "score"]),
    st.text(max_size=10),
)  # fmt: skip
documents = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "rubric",
                    "answers",
                    "greet",
                    "score",
                    "note",
                    "period",
                    "sections",
                    "id",
                    "items",
                    "scale",
                    "min",
                    "max",
                    "labels",
                    "x",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(sorted(LOADERS)),
    data=documents,
    tag=st.sampled_from(TAGS),
    at=st.integers(0, 200),
)
def test_arbitrary_yaml_documents(folder: Path, kind: str, data: object, tag: str, at: int) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    if tag:  # put a tag in front of some value in the document
        colon = text.find(": ", at)
        text = text[: colon + 2] + tag + text[colon + 2 :] if colon >= 0 else tag + text
    assert_ours(kind, text, folder)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(sorted(LOADERS)), raw=st.binary(max_size=300))
def test_arbitrary_bytes_from_a_file(folder: Path, kind: str, raw: bytes) -> None:
    path = folder / "bytes.yaml"
    path.write_bytes(raw)
    load = rubric_files.load_rubric_file if kind == "rubric" else audit_files.load_audit
    try:
        load(str(path))
    except SvccheckError as error:
        assert error.exit_code == 2


def test_python_tags_never_run(folder: Path) -> None:
    text = "rubric: mini.yaml\norganization: !!python/object/apply:os.system ['touch pwned']\n"
    with pytest.raises(InvalidFileError, match="unsupported tag"):
        audit_files.parse_audit(text, str(folder / "a.yaml"))
    assert not (Path.cwd() / "pwned").exists()


def test_billion_laughs_is_refused_fast() -> None:
    lines = ['lol0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    started = time.perf_counter()
    with pytest.raises(InvalidFileError, match="alias bomb"):
        tree.parse("\n".join(lines), "bomb.yaml")
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[" * 100_000 + "]" * 100_000, id="flow-lists"),
        pytest.param("- " * 100_000 + "x", id="block-lists"),
        pytest.param("".join("  " * i + "k:\n" for i in range(5000)), id="block-mappings"),
    ],
)
@pytest.mark.parametrize("loader", ["C", "pure-Python"])
def test_deep_nesting_is_refused(monkeypatch: pytest.MonkeyPatch, text: str, loader: str) -> None:
    if loader == "pure-Python":
        monkeypatch.setattr(tree, "Loader", yaml.SafeLoader)
    with pytest.raises(InvalidFileError, match=r"nest|depth"):
        tree.parse(text, "deep.yaml")


def test_crlf_and_bom_audit_loads(write: Writer, mini_rubric: Path) -> None:
    path = mini_rubric.parent / "crlf.yaml"
    path.write_bytes(b"\xef\xbb\xbfrubric: mini.yaml\r\nanswers:\r\n  greet: 4\r\n")
    assert audit_files.load_audit(str(path)).audit.answer_map()["greet"].score == 4


def test_tab_indentation_is_located(write: Writer, mini_rubric: Path) -> None:
    path = write("tabs.yaml", "rubric: mini.yaml\nanswers:\n\tgreet: 4\n")
    with pytest.raises(InvalidFileError) as caught:
        audit_files.load_audit(str(path))
    assert caught.value.lines() == [
        f"{path}:3:1: invalid YAML: found character that cannot start any token "
        "(while scanning for the next token); YAML cannot indent with tabs: use spaces"
    ]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("rubric: mini\n")
    real_open = os.open

    def deny(file: str, flags: int, *args: int, **kwargs: int) -> int:
        # Tests run as root, which chmod 000 does not stop: simulate the refusal.
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    with pytest.raises(InputFileError, match="permission denied"):
        audit_files.load_audit(str(path))


# Text from files reaches the terminal as text ------------------------------------------------

# As written in a YAML file: the escapes become ESC, BEL and CSI when the file is read.
EVIL = r"[bold red]Evil[/] [link=http://x]l[/link] \e[2J\e]8;;http://x\at\x9b"


def evil_audit(write: Writer, name: str, period: str, unit: str) -> Path:
    return write(
        name,
        f'rubric: mini.yaml\norganization: "{EVIL}"\nunit: "{unit}"\nassessor: "{EVIL}"\n'
        f'period: {period}\nanswers:\n  greet: {{score: n/a, note: "{EVIL}"}}\n  resolve: 2\n',
    )


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_markup_and_escapes_are_shown_literally_everywhere(
    runner: CliRunner, write: Writer, mini_rubric: Path, fmt: str
) -> None:
    old = evil_audit(write, "old.yaml", "2026-Q1", EVIL)
    new = evil_audit(write, "new.yaml", "2026-Q2", "[i]second[/i]")
    commands = [
        ["score", str(old)],
        ["diff", str(old), str(new)],
        ["trend", str(old), str(new)],
        ["combine", str(old), str(new)],
    ]
    for command in commands:
        result = runner.invoke(app, [*command, "-f", fmt])
        assert result.exit_code == 0, (command, result.stderr)
        assert "\x1b" not in result.stdout, command
        assert "\x9b" not in result.stdout, command
        assert "\x07" not in result.stdout, command
        if fmt == "table":
            assert "[bold red]Evil[/]" in result.stdout or command[0] in ("trend", "combine")


def test_rubric_text_is_shown_literally(runner: CliRunner, write: Writer) -> None:
    path = write(
        "evil.yaml", MINI_RUBRIC.replace("title: Mini rubric", 'title: "[blink]x[/]\\e[5m"')
    )
    result = runner.invoke(app, ["rubrics", "show", str(path)])
    assert result.exit_code == 0
    assert "[blink]x[/]\\x1b[5m" in result.stdout


def test_error_messages_are_neutralised(
    runner: CliRunner, write: Writer, mini_rubric: Path
) -> None:
    path = write("bad.yaml", 'rubric: mini.yaml\nanswers:\n  "gr\\e[2Jeet": 3\n')
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "key 'gr\\x1b[2Jeet' is not a kebab-case id" in result.stderr


def test_raw_control_character_is_located(write: Writer) -> None:
    path = write("raw.yaml", "rubric: mini\norganization: a\x1bb\n")
    with pytest.raises(InvalidFileError) as caught:
        audit_files.load_audit(str(path))
    assert caught.value.lines() == [
        f"{path}:2:16: control character U+001B is not allowed in YAML; inside double quotes "
        "write it as an escape such as \\e or \\x1b"
    ]


def test_json_escapes_controls_but_keeps_the_text(
    runner: CliRunner, write: Writer, mini_rubric: Path
) -> None:
    import json

    result = runner.invoke(
        app, ["score", str(evil_audit(write, "a.yaml", "2026-Q1", "u")), "-f", "json"]
    )
    assert "\\u009b" in result.stdout
    organization = json.loads(result.stdout)["audit"]["organization"]
    assert (
        organization == "[bold red]Evil[/] [link=http://x]l[/link] \x1b[2J\x1b]8;;http://x\x07t\x9b"
    )


# The values YAML really produces, fed to every loader and command ----------------------------

AUDIT_VALUES = [
    pytest.param("organization: 2026-01-01\n", None, id="date-as-text-is-fine"),
    pytest.param("organization: yes\n", "4:15: organization: expected text", id="yaml11-boolean"),
    pytest.param("unit: .nan\n", "4:7: unit: expected text, got .nan", id="nan-as-text"),
    pytest.param("rubric_version: .inf\n", "4:17: rubric_version: must be a finite", id="inf"),
    pytest.param("rubric_version: " + "9" * 5000 + "\n", "is too large", id="5000-digits"),
    pytest.param("1: 3\n", "4:1: the document: unknown key '1'", id="integer-key"),
    pytest.param(".inf: 3\n", "4:1: the document: unknown key '.inf'", id="infinity-key"),
    pytest.param("2026-01-01: 3\n", "unknown key '2026-01-01'", id="date-key"),
    pytest.param("? [a]\n: 3\n", "4:3: a key must be a plain value", id="list-key"),
    pytest.param("date: 2026-02-30\n", "4:7: date: expected an ISO date", id="no-such-day"),
]


@pytest.mark.parametrize(("line", "message"), AUDIT_VALUES)
@pytest.mark.parametrize("command", ["score", "diff", "trend", "combine", "validate"])
def test_yaml_values_in_audits_never_crash(
    runner: CliRunner,
    write: Writer,
    mini_rubric: Path,
    line: str,
    message: str | None,
    command: str,
) -> None:
    path = write("a.yaml", f"svccheck: 1\nrubric: mini.yaml\nperiod: 2026-Q1\n{line}")
    other = write("b.yaml", "rubric: mini.yaml\nperiod: 2026-Q2\n")
    arguments = [command, str(path)] + (
        [str(other)] if command in ("diff", "trend", "combine") else []
    )
    if command == "combine":  # two periods of one (absent) unit, averaged on purpose
        arguments.append("--mixed-periods")
    result = runner.invoke(app, arguments)
    if message is None:
        assert result.exit_code == 0, result.stderr
        return
    assert result.exit_code == 2, result.stderr
    assert "internal error" not in result.stderr
    assert f"{path}:" in result.stderr
    assert message in result.stderr


RUBRIC_VALUES = [
    pytest.param("version: 1", "version: .nan", "version: must be a finite", id="nan-version"),
    pytest.param("    weight: 2", "    weight: .nan", "weight: must be a finite", id="nan-weight"),
    pytest.param("    weight: 2", "    weight: .inf", "weight: must be a finite", id="inf-weight"),
    pytest.param("    weight: 2", "    weight: 1e999", "weight: 1e999 is too large", id="1e999"),
    pytest.param(
        "sections:", "scale: {min: 1, max: 1000000000000}\nsections:", "must be at most 1000",
        id="huge-scale",
    ),
    pytest.param(
        "sections:", "scale: {min: 1, max: 900}\nsections:", "at most 101 points", id="wide-scale"
    ),
    pytest.param(
        "sections:", "target: .nan\nsections:", "target: must be a finite", id="nan-target"
    ),
    pytest.param("title: Mini rubric", "title: 2026-01-01", None, id="date-title-is-text"),
    pytest.param("title: Mini rubric", "title: [a]", "title: expected text", id="list-title"),
    pytest.param("id: mini", "id: 12", "id: expected a kebab-case id, got 12", id="number-id"),
    pytest.param(
        "sections:", "scale: {labels: {1: a, '1': b}}\nsections:", "duplicate key '1'",
        id="colliding-label-keys",
    ),
    pytest.param(
        "sections:", "scale: {min: 0, max: 2, labels: {0: a, 1: b, 02: c}}\nsections:",
        "key '02' is not a whole number", id="leading-zero-label",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "message"), RUBRIC_VALUES)
@pytest.mark.parametrize("command", ["validate", "rubrics-show", "score"])
def test_yaml_values_in_rubrics_never_crash(
    runner: CliRunner, write: Writer, old: str, new: str, message: str | None, command: str
) -> None:
    assert old in MINI_RUBRIC
    rubric_path = write("mini.yaml", MINI_RUBRIC.replace(old, new, 1))
    audit_path = write("a.yaml", "rubric: mini.yaml\nanswers: {greet: 3}\n")
    arguments = {
        "validate": ["validate", str(rubric_path)],
        "rubrics-show": ["rubrics", "show", str(rubric_path)],
        "score": ["score", str(audit_path)],
    }[command]
    result = runner.invoke(app, arguments)
    if message is None:
        assert result.exit_code == 0, result.stderr
        return
    assert result.exit_code == 2, result.stderr
    assert f"{rubric_path}:" in result.stderr
    assert message in result.stderr


def test_validate_lists_every_independent_mistake(
    runner: CliRunner, write: Writer, mini_rubric: Path
) -> None:
    path = write(
        "many.yaml",
        "rubric: mini.yaml\nperiod: Q3 2026\nanswers:\n"
        "  gret: 4\n  resolve: 6\n  billing: {score: 3, note: [a, b]}\n  billing: 2\n",
    )
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    lines = [line.replace(str(path), "FILE") for line in result.stderr.splitlines()]
    assert [line.split(": ", 2)[:2] for line in lines] == [
        ["FILE:2:9", "period"],
        ["FILE:4:3", "answers"],
        ["FILE:5:12", "answers.resolve"],
        ["FILE:6:29", "answers.billing.note"],
        [
            "FILE:7:3",
            "duplicate key 'billing' (first at line 6); YAML would silently keep only the last one",
        ],
    ]


def test_many_unknown_ids_are_all_reported(write: Writer, mini_rubric: Path) -> None:
    count = 20_000
    lines = "".join(f"  wrong-{index}: 3\n" for index in range(count))
    path = write("huge.yaml", f"rubric: mini.yaml\nanswers:\n{lines}")
    with pytest.raises(InvalidFileError) as caught:
        audit_files.load_audit(str(path))
    assert len(caught.value.problems) == count


@pytest.mark.parametrize(
    "reference",
    [
        pytest.param("~n/a", id="tilde-user-from-n/a"),
        pytest.param("~no-such-user-here/r.yaml", id="unknown-user"),
    ],
)
def test_a_home_folder_that_does_not_exist_is_a_located_message(
    runner: CliRunner, write: Writer, reference: str
) -> None:
    # Path.expanduser raises RuntimeError for a user the machine does not know: once a crash.
    path = write("a.yaml", f"rubric: {reference}\nanswers: {{}}\n")
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2, result.stderr
    assert f"{path}:1:9: rubric: '{reference}'" in result.stderr
    assert "is no home folder on this machine" in result.stderr
    shown = runner.invoke(app, ["rubrics", "show", reference])
    assert shown.exit_code == 2, shown.stderr
    assert "is no home folder on this machine" in shown.stderr

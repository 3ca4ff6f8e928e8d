"""The fast command line (:mod:`svccheck.fastcli`) reads what Typer reads, or leaves it to Typer.

* Its table agrees with the Typer declarations: every option it reads is one of the command's,
  with the same parameter and kind of value; the file arguments are the same; and the Typer
  commands pass their parameters on to :mod:`svccheck.report_commands` in its order.
* Property, on generated command lines (options and values of every kind, misspelled, repeated,
  attached, empty, with dashes): whenever the fast command line reads one, Typer calls the report
  command with the same values.
* The golden outputs come out the same through it, and a report command started from the console
  entry point does not import Typer.
"""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from svccheck import cli, fastcli, report_commands
from tests.test_golden import CASES, EXAMPLES, GOLDEN, ROOT
from tests.test_schema_agreement import SETTINGS

# Click's types for each kind of value (Typer carries its own Click; by class name, not import).
KINDS = {
    fastcli.TEXT: "StringParamType",
    fastcli.COUNT: "IntRange",
    fastcli.POINTS: "FloatRange",
    fastcli.GROUP: "TyperChoice",
}


def typer_command(name: str) -> Any:
    """The Click command Typer makes of one report command."""
    group: Any = typer.main.get_command(cli.app)
    return group.commands[name]


@pytest.mark.parametrize("name", list(fastcli.COMMANDS))
def test_the_table_agrees_with_typer(name: str) -> None:
    command = fastcli.COMMANDS[name]
    params = typer_command(name).params
    arguments = [p for p in params if p.param_type_name == "argument"]
    if command.arguments is None:
        assert [(p.name, p.nargs) for p in arguments] == [("paths", -1)]
    else:
        assert [p.name for p in arguments] == list(command.arguments)
        assert all(p.nargs == 1 for p in arguments)
    options = {opt: p for p in params if p.param_type_name == "option" for opt in p.opts}
    for spelling, option in command.options.items():
        declared = options[spelling]
        assert declared.name == option.parameter, spelling
        assert declared.is_flag == (option.kind == fastcli.FLAG), spelling
        assert declared.multiple is False
        assert not declared.secondary_opts or option.kind == fastcli.FLAG
        if option.kind != fastcli.FLAG:
            classes = [kind.__name__ for kind in type(declared.type).__mro__]
            assert KINDS[option.kind] in classes, spelling
        if option.kind in (fastcli.COUNT, fastcli.POINTS):
            assert declared.type.min == (1 if option.kind == fastcli.COUNT else 0), spelling
            assert declared.type.max is None
        if option.kind == fastcli.GROUP:
            choices = tuple(getattr(c, "value", c) for c in declared.type.choices)
            assert choices == ("unit", "assessor")
            assert declared.type.case_sensitive


@pytest.mark.parametrize("name", list(fastcli.COMMANDS))
def test_every_long_option_of_a_report_command_is_in_the_table(name: str) -> None:
    # An option missing here still works (Typer reads the line), but every use of it would
    # start at Typer's pace: a new option belongs in both places.
    params = typer_command(name).params
    declared = {opt for p in params if p.param_type_name == "option" for opt in p.opts}
    long_options = {opt for opt in declared if opt.startswith("--") and opt != "--help"}
    assert sorted(long_options - set(fastcli.COMMANDS[name].options)) == []


@pytest.mark.parametrize("name", list(fastcli.COMMANDS))
def test_typer_passes_every_parameter_in_order(name: str) -> None:
    """cli.py calls report_commands positionally: same names, same order, same defaults."""
    typed = inspect.signature(getattr(cli, name)).parameters
    plain = inspect.signature(getattr(report_commands, name)).parameters
    assert list(typed) == list(plain)
    for parameter in typed.values():
        assert parameter.default == plain[parameter.name].default, parameter.name


SPELLINGS = sorted(
    {spelling for command in fastcli.COMMANDS.values() for spelling in command.options}
    | {"--help", "-h", "--debug", "--version", "--no-all", "--formats", "--", "-x", "-fjson"}
)
VALUES = [
    "json", "table", "md", "Markdown", "a.yaml", "b.yaml", "out.csv", "-", "", "5", "0", "05",
    "+5", "-1", "1e3", "2.5", ".5", "2.", "½", "٣", "unit", "assessor", "Unit", "-x", "60%",
    "a=b", "--format=json", "--top=3", "--top=", "--strict=1", "--by=unit", "-o-", " 5",
]  # fmt: skip
TOKENS = st.sampled_from(SPELLINGS) | st.sampled_from(VALUES)


SIGNATURES = {name: inspect.signature(getattr(report_commands, name)) for name in fastcli.COMMANDS}


def call_of(name: str, files: list[Any], values: dict[str, Any]) -> dict[str, Any]:
    """Every parameter of the report command as a call with these arguments gives it."""
    bound = SIGNATURES[name].bind(*files, **values)
    bound.apply_defaults()
    return dict(bound.arguments)


def typer_call(name: str, arguments: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The values Typer calls the report command with for this command line."""
    calls: list[dict[str, Any]] = []

    def record(*args: Any, **kwargs: Any) -> None:
        calls.append(call_of(name, list(args), kwargs))

    with monkeypatch.context() as patch:
        patch.setattr(report_commands, name, record)
        result = CliRunner().invoke(cli.app, arguments)
    assert result.exit_code == 0, (arguments, result.output)
    assert len(calls) == 1
    return calls[0]


@SETTINGS
@given(
    name=st.sampled_from(list(fastcli.COMMANDS)),
    tokens=st.lists(TOKENS | st.sampled_from(["a.yaml", "b.yaml"]), max_size=7),
)
def test_generated_command_lines(name: str, tokens: list[str]) -> None:
    parsed = fastcli.parse([name, *tokens])
    if parsed is None:
        return
    parsed_name, files, values = parsed
    assert parsed_name == name
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert typer_call(name, [name, *tokens], monkeypatch) == call_of(name, files, values)


KIND_VALUES = {
    fastcli.TEXT: ["json", "MD", "out.csv", "-", "60%", "x y", "é.yaml"],
    fastcli.COUNT: ["1", "3", "007", "0", "+2", "1_0", "٣"],
    fastcli.POINTS: ["0", "2.5", "10", "2.", ".5", "1e1", "nan"],
    fastcli.GROUP: ["unit", "assessor", "Unit", "units"],
}


@st.composite
def plausible(draw: st.DrawFn) -> list[str]:
    """A command line of one report command's own options, values mostly of the right kind."""
    name = draw(st.sampled_from(list(fastcli.COMMANDS)))
    command = fastcli.COMMANDS[name]
    count = 1 if command.arguments is None else len(command.arguments)
    files = count + draw(st.sampled_from([0, 0, 0, 1]))
    tokens = [f"{index}.yaml" for index in range(files)]
    one_each = st.lists(
        st.sampled_from(list(command.options)),
        max_size=4,
        unique_by=lambda spelling: command.options[spelling].parameter,
    )
    spellings = draw(one_each)
    for spelling in spellings:
        kind = command.options[spelling].kind
        if kind == fastcli.FLAG:
            option = [spelling]
        else:
            right = st.sampled_from(KIND_VALUES[kind])
            value = draw(st.one_of(right, right, right, TOKENS))
            joined = draw(st.booleans()) and spelling.startswith("--")
            option = [f"{spelling}={value}"] if joined else [spelling, value]
        at = draw(st.integers(0, len(tokens)))
        tokens[at:at] = option
    return [name, *tokens]


@SETTINGS
@given(arguments=plausible())
def test_plausible_command_lines(arguments: list[str]) -> None:
    parsed = fastcli.parse(arguments)
    if parsed is None:
        return
    name, files, values = parsed
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert typer_call(name, arguments, monkeypatch) == call_of(name, files, values)


@pytest.mark.parametrize(
    "arguments",
    [
        ["score", "a.yaml"],
        ["score", "a.yaml", "-f", "json", "--top=3", "--all", "--fail-under", "60%"],
        ["diff", "a.yaml", "b.yaml", "--fail-on-decline", "2.5", "-o", "-"],
        ["trend", "a.yaml", "-", "b.yaml", "--keep-order", "--format=markdown"],
        ["combine", "a.yaml", "b.yaml", "--by", "assessor", "--mixed-periods", "--force"],
    ],
)
def test_plain_command_lines_are_read(
    arguments: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = fastcli.parse(arguments)
    assert parsed is not None
    name, files, values = parsed
    assert typer_call(name, arguments, monkeypatch) == call_of(name, files, values)


@pytest.mark.parametrize(
    "arguments",
    [
        [],
        ["--debug", "score", "a.yaml"],
        ["score", "a.yaml", "--help"],
        ["score", "a.yaml", "-fjson"],
        ["score", "a.yaml", "-f", "json", "-f", "csv"],
        ["score", "a.yaml", "--top", "+3"],
        ["score", "a.yaml", "--", "b.yaml"],
        ["score"],
        ["diff", "a.yaml"],
        ["trend"],
        ["combine", "a.yaml", "--by", "Unit"],
        ["validate", "a.yaml"],
    ],
)
def test_other_command_lines_are_left_to_typer(arguments: list[str]) -> None:
    assert fastcli.parse(arguments) is None


def test_completion_requests_are_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_SVCCHECK_COMPLETE", "complete_bash")
    assert fastcli.parse(["score", "a.yaml"]) is None


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_examples_match_golden_through_the_fast_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, fmt: str
) -> None:
    monkeypatch.chdir(ROOT)
    target = tmp_path / f"out.{fmt}"
    run = fastcli.command([*EXAMPLES[name], "-f", fmt, "-o", str(target)])
    assert run is not None
    run()
    text = target.read_text(encoding="utf-8").removeprefix("\ufeff")
    assert text == (GOLDEN / f"{name}.{fmt}.txt").read_text(encoding="utf-8")


def test_a_report_command_starts_without_typer() -> None:
    program = (
        "import sys\n"
        "from svccheck import entry\n"
        "sys.argv = ['svccheck', 'score', 'examples/acme-2026-Q3.yaml', '-f', 'json']\n"
        "code = entry.main()\n"
        "print('typer' in sys.modules, code, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stderr.strip() == "False 0"
    assert '"overall"' in done.stdout

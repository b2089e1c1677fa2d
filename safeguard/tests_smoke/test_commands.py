"""Every project management command, given bad arguments: a CommandError, and nothing written."""

import pkgutil
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from .support import case_tables, counts

NO_FILE = "/nonexistent/safeguard-smoke"
# A folder that cannot exist, even for root: its parent is a file.
NO_FOLDER = "{junk}/folder"


def project_commands() -> set[str]:
    """Return the name of every command under safeguard.*.management.commands."""
    names = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("safeguard."):
            continue
        folder = Path(config.path) / "management" / "commands"
        if folder.is_dir():
            names |= {m.name for m in pkgutil.iter_modules([str(folder)]) if not m.ispkg}
    return names


# {command: [arguments]} — each list of arguments is one bad call. "{tmp}" is a fresh folder,
# "{junk}" a file holding neither XML nor CSV.
BAD_CALLS: dict[str, list[list[str]]] = {
    "clocks": [
        [],
        ["list", "--as-of", "notadate"],
        ["list", "--child", "abc"],
        ["list", "--child", "987654321"],
        ["list", "--team", "No such team"],
        ["explain", "notanid"],
        ["explain", "987654321"],
        ["rebuild", "--as-of", "2026-01-01"],
    ],
    "performance": [
        ["snapshot", "--month-end", "notadate"],
        ["snapshot", "--month-end", "9999-12-31"],
        ["snapshot", "--month-end", "2026-02-30"],
        ["backfill", "--months", "-5"],
        ["backfill", "--months", "abc"],
        ["backfill", "--until", "notadate"],
    ],
    "export_annex_a": [
        ["--start", "notadate", "--end", "2026-03-31", "--out", "{tmp}/a.xlsx"],
        ["--start", "2026-04-01", "--end", "2026-03-31", "--out", "{tmp}/a.xlsx"],
        ["--start", "2025-04-01", "--end", "2026-03-31", "--out", f"{NO_FOLDER}/a.xlsx"],
        ["--start", "2025-04-01", "--end", "2026-03-31", "--out", "{tmp}/a.csv"],
    ],
    "export_cin_census": [
        ["--year", "abc", "--out", "{tmp}/cin.xml"],
        ["--year", "-5", "--out", "{tmp}/cin.xml"],
        ["--year", "2026", "--out", f"{NO_FOLDER}/cin.xml"],
    ],
    "export_csc_feed": [
        ["--date", "notadate", "--out", "{tmp}"],
        ["--date", "2026-03-31", "--out", NO_FOLDER],
    ],
    "export_ssda903": [
        ["--year", "abc", "--out", "{tmp}"],
        ["--year", "2026", "--out", NO_FOLDER, "--force"],
    ],
    "import_cin_census": [
        [f"{NO_FILE}/cin.xml"],
        ["{junk}"],
        ["{junk}", "--year", "abc"],
        ["{junk}", "--user", "nobody-at-all"],
    ],
    "import_ssda903": [[NO_FILE], ["{tmp}"], ["{tmp}", "--year", "abc"]],
    "validate_cin_census": [[f"{NO_FILE}/cin.xml"], ["{junk}"], ["{junk}", "--year", "abc"]],
    "validate_ssda903": [[NO_FILE], ["{tmp}", "--year", "abc"]],
    "generate_authority": [
        ["--children", "-5", "--seed", "1"],
        ["--children", "abc", "--seed", "1"],
        ["--children", "10", "--seed", "-1"],
        ["--children", "10", "--seed", "1", "--as-of", "notadate"],
        ["--children", "10", "--seed", "1", "--years", "99"],
        # A database already holding an authority is refused without --replace.
        ["--children", "10", "--seed", "1"],
    ],
    "load_demo": [["--children", "-5"], ["--seed", "abc"]],
    "synthetic_postcodes": [
        [],
        ["--out", "{tmp}"],
        ["--out", f"{NO_FOLDER}/postcodes.csv"],
        ["--out", "{tmp}/postcodes.csv", "--ons-la", "330"],
    ],
    "plan_checks_refresh": [["--as-of", "notadate"]],
    "rebuild_match_keys": [["--children", "-5"]],
}
# {(command, call index): the bug} for failures in apps still being written.
KNOWN_BUGS: dict[tuple[str, int], str] = {}


def test_every_project_command_has_bad_calls():
    # Given the project's commands, then each is tried with bad arguments below
    missing = project_commands() - set(BAD_CALLS)
    assert not missing, f"add bad calls for {sorted(missing)} to BAD_CALLS"


def _params():
    for command, calls in sorted(BAD_CALLS.items()):
        for index, arguments in enumerate(calls):
            marks = []
            if (command, index) in KNOWN_BUGS:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[(command, index)]))
            yield pytest.param(
                command, arguments, id=f"{command}-{index}:{' '.join(arguments)}", marks=marks
            )


@pytest.mark.django_db
@pytest.mark.parametrize(("command", "arguments"), list(_params()))
def test_bad_arguments_give_a_clear_message_and_write_nothing(command, arguments, smoke, tmp_path):
    if command not in project_commands():
        pytest.skip(f"no {command} command in this tree")
    junk = tmp_path / "junk.xml"
    junk.write_text("this is neither XML nor CSV <<<\n")
    argv = [a.replace("{tmp}", str(tmp_path)).replace("{junk}", str(junk)) for a in arguments]
    tables = case_tables()
    before = counts(tables)
    # When the command runs with bad arguments
    with pytest.raises(CommandError) as refused:
        call_command(command, *argv, stdout=_Sink(), stderr=_Sink())
    # Then it says what is wrong, and writes nothing
    assert str(refused.value).strip()
    after = counts(tables)
    assert after == before, {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    assert not [p for p in tmp_path.iterdir() if p != junk], "files written despite the refusal"


class _Sink:
    def write(self, text):
        pass

    def flush(self):
        pass

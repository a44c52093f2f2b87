"""`schedule`: a crontab line and systemd units with absolute paths; --install against a fake
`crontab` command and a units folder under tmp_path (never the real ones)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archive.cli import app
from archive.cron import CRONTAB_ENV, SYSTEMD_DIR_ENV, JobSpec, crontab_line, systemd_units

runner = CliRunner()


@pytest.fixture
def fake_crontab(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `crontab` that keeps its table in a file: `-l` prints it (or fails when empty), `-`
    replaces it from stdin."""
    table = tmp_path / "table"
    script = tmp_path / "crontab"
    script.write_text(
        "#!/bin/sh\n"
        f'T="{table}"\n'
        'if [ "$1" = "-l" ]; then [ -f "$T" ] || { echo "no crontab for u" >&2; exit 1; }; '
        'cat "$T"; exit 0; fi\n'
        'if [ "$1" = "-" ]; then cat > "$T"; exit 0; fi\n'
        "exit 2\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv(CRONTAB_ENV, str(script))
    return table


def test_crontab_line_runs_quiet_update_with_absolute_paths(tmp_path: Path) -> None:
    spec = JobSpec.make("daily", "04:30", Path("rel.db"), ("/venv/bin/blog-archiver",))
    line = crontab_line(spec)
    assert line.startswith("30 4 * * * /venv/bin/blog-archiver update --db /")
    assert str(Path("rel.db").resolve()) in line and "--quiet" in line


@pytest.mark.parametrize(
    ("every", "calendar"),
    [("hourly", "*-*-* *:05:00"), ("daily", "*-*-* 02:05:00"), ("weekly", "Mon *-*-* 02:05:00")],
)
def test_timer_calendar_follows_every(every: str, calendar: str, tmp_path: Path) -> None:
    spec = JobSpec.make(every, "02:05", tmp_path / "a.db", ("/bin/ba",))
    timer = next(text for name, text in systemd_units(spec).items() if name.endswith(".timer"))
    assert f"OnCalendar={calendar}\n" in timer


def test_service_runs_update_of_the_archive(tmp_path: Path) -> None:
    spec = JobSpec.make("daily", "02:05", tmp_path / "my archive.db", ("/bin/ba",))
    service = next(t for n, t in systemd_units(spec).items() if n.endswith(".service"))
    assert f'ExecStart=/bin/ba update --db "{tmp_path / "my archive.db"}" --quiet' in service


@pytest.mark.parametrize("at", ["25:00", "3pm", "12:60"])
def test_a_bad_time_is_a_one_line_error(at: str) -> None:
    result = runner.invoke(app, ["schedule", "--at", at])
    assert result.exit_code == 2 and result.stderr.startswith("Error: --at must be")


def test_schedule_prints_crontab_and_units_without_installing(
    tmp_path: Path, fake_crontab: Path
) -> None:
    result = runner.invoke(app, ["schedule", "--every", "hourly", "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 0, result.output
    assert "update --db " + str(tmp_path / "a.db") in result.stdout
    assert "[Timer]" in result.stdout and "OnCalendar=*-*-* *:17:00" in result.stdout
    assert not fake_crontab.exists()


def test_install_adds_the_line_and_keeps_other_entries(tmp_path: Path, fake_crontab: Path) -> None:
    fake_crontab.write_text("0 1 * * * backup.sh\n")
    db = str(tmp_path / "a.db")
    result = runner.invoke(app, ["schedule", "--db", db, "--install"])
    assert result.exit_code == 0, result.output
    lines = fake_crontab.read_text().splitlines()
    assert lines[0] == "0 1 * * * backup.sh"
    assert len(lines) == 2 and "update --db " + db in lines[1]


def test_installing_again_replaces_the_line(tmp_path: Path, fake_crontab: Path) -> None:
    db = str(tmp_path / "a.db")
    runner.invoke(app, ["schedule", "--db", db, "--install"])
    runner.invoke(app, ["schedule", "--db", db, "--install", "--every", "weekly"])
    lines = fake_crontab.read_text().splitlines()
    assert len(lines) == 1 and " * * 1 " in lines[0]


def test_install_without_a_crontab_command_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CRONTAB_ENV, str(tmp_path / "no-such-crontab"))
    result = runner.invoke(app, ["schedule", "--db", str(tmp_path / "a.db"), "--install"])
    assert result.exit_code == 2 and "install cron, or use --systemd" in result.stderr


@pytest.mark.parametrize(
    ("says", "expected"),
    [("echo 'cron table locked' >&2", "cron table locked"), ("", "exit status 3, no message")],
    ids=["with-message", "silent"],
)
def test_a_crontab_that_refuses_the_table_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, says: str, expected: str
) -> None:
    script = tmp_path / "crontab"
    script.write_text(f'#!/bin/sh\nif [ "$1" = "-l" ]; then exit 0; fi\n{says}\nexit 3\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv(CRONTAB_ENV, str(script))
    result = runner.invoke(app, ["schedule", "--db", str(tmp_path / "a.db"), "--install"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: crontab refused the new table: {expected}"
    ]


def test_install_systemd_writes_service_and_timer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    units = tmp_path / "units"
    monkeypatch.setenv(SYSTEMD_DIR_ENV, str(units))
    result = runner.invoke(
        app, ["schedule", "--db", str(tmp_path / "a.db"), "--install", "--systemd"]
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.suffix for p in units.iterdir())
    assert names == [".service", ".timer"]
    assert "systemctl --user enable --now" in result.stderr

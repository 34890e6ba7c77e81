"""`mamnon bundle`: an installer folder that installs into a fresh virtual environment with no network.

The suite runs offline, so the installing test uses `--this-machine` (the packages of
the running environment packed back into wheels); the `pip download` path is then run
against that folder with `--no-index`, which is exactly what it does online, minus PyPI.
pip is kept away from the network three ways: `--no-index` in the script, PIP_NO_INDEX=1,
and a proxy on a closed local port; PIP_CONFIG_FILE=/dev/null hides this machine's
own pip configuration (extra indexes, find-links) from every pip started here.
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import bundle
from cli.main import cli
from cli.wheel_repack import OWN_PACKAGES, wheel_tags

ROOT = Path(__file__).resolve().parents[2]
THIS_PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"

OFFLINE = {
    "PIP_CONFIG_FILE": os.devnull,
    "PIP_NO_INDEX": "1",
    "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    # Port 9 (discard) on loopback has no listener: any attempt to fetch fails at once.
    "http_proxy": "http://127.0.0.1:9",
    "https_proxy": "http://127.0.0.1:9",
    "HTTP_PROXY": "http://127.0.0.1:9",
    "HTTPS_PROXY": "http://127.0.0.1:9",
}


def _offline_env(home: Path) -> dict:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": "C.UTF-8",
           "MAMNON_HOME": str(home / "app"), "PYTHON": sys.executable}
    env.update(OFFLINE)
    return env


@pytest.fixture(scope="module")
def this_machine_bundle(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("usb") / "mamnon-cai-dat"
    result = CliRunner().invoke(cli, ["bundle", "-o", str(out), "--this-machine"])
    assert result.exit_code == 0, result.output
    return out, result.output


def _project(wheel_name: str) -> str:
    return wheel_name.split("-")[0].lower().replace("_", "-")


def test_own_packages_are_the_ones_setup_cfg_installs():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    included = [line.strip() for line in cfg["options.packages.find"]["include"].splitlines() if line.strip()]
    assert sorted(p for p in included if "." not in p and "*" not in p) == sorted(OWN_PACKAGES)


def test_markers_are_read_for_the_target_not_for_this_machine():
    requires_of = {
        "click": ["colorama; platform_system == 'Windows'"],
        "colorama": [],
        "textual": ["markdown-it-py[linkify]>=2.1", "tree-sitter>=0.25; extra == 'syntax'",
                    "typing-extensions>=4.4; python_version < '3.12'"],
        "markdown-it-py": ["mdurl~=0.1", "linkify-it-py>=1,<3; extra == 'linkify'"],
        "mdurl": [],
        "linkify-it-py": ["uc-micro-py"],
    }
    roots = ["click>=8.1", "textual>=8.0,<9"]
    win311 = bundle.Target(bundle.SYSTEMS["windows"], "3.11").environment()
    linux313 = bundle.Target(bundle.SYSTEMS["linux"], "3.13").environment()

    reached, missing = bundle.walk(requires_of, roots, win311)
    # colorama only on Windows, linkify only through the [linkify] extra, never tree-sitter.
    assert reached == ["click", "colorama", "linkify-it-py", "markdown-it-py", "mdurl", "textual"]
    assert missing == ["typing-extensions>=4.4", "uc-micro-py"]

    reached, missing = bundle.walk(requires_of, roots, linux313)
    assert reached == ["click", "linkify-it-py", "markdown-it-py", "mdurl", "textual"]
    assert missing == ["uc-micro-py"]


def test_wheel_file_name_holds_every_tag_of_the_installed_wheel():
    text = ("Wheel-Version: 1.0\nRoot-Is-Purelib: false\n"
            "Tag: cp311-cp311-manylinux_2_17_x86_64\nTag: cp311-cp311-manylinux2014_x86_64\n")
    assert wheel_tags(text) == "cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64"
    assert wheel_tags("Wheel-Version: 1.0\n") == "py3-none-any"


def test_this_machine_bundle_holds_mamnon_every_dependency_and_the_scripts(this_machine_bundle):
    out, output = this_machine_bundle
    names = sorted(p.name for p in (out / "wheels").glob("*.whl"))
    projects = {_project(n) for n in names}
    needed = {"mamnon", "pip", "textual", "peewee", "openpyxl", "python-calamine", "xlsxwriter", "click",
              "platformdirs", "rich", "psycopg2-binary"}  # the test extra installed psycopg2-binary here
    assert needed <= projects
    # Progress: one line per packed dependency, numbered against the total.
    packed = [line for line in output.splitlines() if line.startswith("[2] Đóng gói ")]
    assert len(packed) == len(names) - 1
    assert packed[-1].startswith(f"[2] Đóng gói {len(packed)}/{len(packed)}: ")
    assert f"Xong: {len(names)} tệp wheel" in output
    with zipfile.ZipFile(out / "wheels" / next(n for n in names if n.startswith("mamnon-"))) as zf:
        listed = zf.namelist()
    assert "tui/app.tcss" in listed and "mamnon/data/who/" in "".join(listed)
    assert not [n for n in listed if "__pycache__" in n]
    for script in ("cai-dat.sh", "cai-dat.bat", "README-cai-dat.txt"):
        assert (out / script).is_file()


def test_windows_script_is_crlf_utf8_and_installs_without_index(this_machine_bundle):
    out, _ = this_machine_bundle
    raw = (out / "cai-dat.bat").read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") > 20
    text = raw.decode("utf-8")
    lines = text.splitlines()
    first_code = next(i for i, line in enumerate(lines) if not line.startswith(("@echo", "rem ")))
    assert lines[first_code] == "chcp 65001 >nul"
    assert '--no-index --find-links "%HERE%wheels"' in text
    assert '--upgrade pip "mamnon[postgres]" || goto loi' in text
    assert f"py -{THIS_PYTHON}" not in text or "for %%V in" in text
    assert "Đã cài xong mamnon" in text


def test_install_script_installs_into_a_fresh_venv_without_network(this_machine_bundle, tmp_path):
    out, _ = this_machine_bundle
    env = _offline_env(tmp_path)
    done = subprocess.run(["sh", str(out / "cai-dat.sh")], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Đã cài xong mamnon" in done.stdout
    launcher = tmp_path / ".local" / "bin" / "mamnon"
    assert launcher.is_symlink()

    db = tmp_path / "truong-mau.sqlite"
    demo = subprocess.run([str(launcher), "--db", str(db), "demo"], capture_output=True, text=True, env=env, cwd=tmp_path,
                          timeout=300)
    assert demo.returncode == 0, demo.stderr
    info = subprocess.run([str(launcher), "--db", str(db), "info"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert info.returncode == 0, info.stderr
    assert "Trường" in info.stdout

    # The installed copy is the new environment's own, not this checkout seen through a link.
    venv_python = tmp_path / "app" / "venv" / "bin" / "python"
    where = subprocess.run([str(venv_python), "-c", "import cli, tui, mamnon; print(cli.__file__, tui.__file__)"],
                           capture_output=True, text=True, env=env, cwd=tmp_path)
    assert where.returncode == 0, where.stderr
    assert all(str(tmp_path / "app" / "venv") in p for p in where.stdout.split())

    # the postgres extra came from the USB folder too: the PostgreSQL driver loads
    driver = subprocess.run([str(venv_python), "-c", "import psycopg2; print(psycopg2.__file__)"],
                            capture_output=True, text=True, env=env, cwd=tmp_path)
    assert driver.returncode == 0, driver.stderr
    assert str(tmp_path / "app" / "venv") in driver.stdout


def test_install_fails_when_a_wheel_is_missing_so_nothing_comes_from_elsewhere(this_machine_bundle, tmp_path):
    out, _ = this_machine_bundle
    partial = tmp_path / "thieu"
    shutil.copytree(out, partial)
    for wheel in (partial / "wheels").glob("textual-*.whl"):
        wheel.unlink()
    env = _offline_env(tmp_path)
    done = subprocess.run(["sh", str(partial / "cai-dat.sh")], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert done.returncode != 0
    assert "textual" in (done.stdout + done.stderr).lower()
    assert not (tmp_path / ".local" / "bin" / "mamnon").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux") or THIS_PYTHON not in bundle.PYTHON_VERSIONS,
                    reason="the wheels packed here are for this Linux Python only")
def test_download_path_resolves_a_target_from_a_local_folder_only(this_machine_bundle, tmp_path, monkeypatch):
    out, _ = this_machine_bundle
    for key, value in OFFLINE.items():
        monkeypatch.setenv(key, value)
    runner = CliRunner()
    again = tmp_path / "bo-cai"
    result = runner.invoke(cli, ["bundle", "-o", str(again), "--system", "linux", "--python", THIS_PYTHON,
                                 "--find-links", str(out / "wheels"), "--no-index"])
    assert result.exit_code == 0, result.output
    assert f"[2] Tải gói 1/1: Linux x64, Python {THIS_PYTHON}…" in result.output
    before = sorted(_project(p.name) for p in (out / "wheels").glob("*.whl"))
    after = sorted(_project(p.name) for p in (again / "wheels").glob("*.whl"))
    assert after == before
    assert not (again / ".dang-tai").exists()

    # The packed python-calamine is a Linux build: a Windows bundle cannot be made from it.
    windows = runner.invoke(cli, ["bundle", "-o", str(tmp_path / "win"), "--system", "windows", "--python",
                                  THIS_PYTHON, "--find-links", str(out / "wheels"), "--no-index"])
    assert windows.exit_code == 1
    assert f"Không tải được gói cho Windows x64, Python {THIS_PYTHON}" in windows.output
    assert "python-calamine" in windows.output
    assert not (tmp_path / "win").exists()  # nothing half-made is left to copy to a USB stick


def test_bundle_refuses_a_folder_with_files_and_an_unsupported_python(tmp_path):
    runner = CliRunner()
    (tmp_path / "cu.txt").write_text("x")
    used = runner.invoke(cli, ["bundle", "-o", str(tmp_path), "--this-machine"])
    assert used.exit_code == 1 and "đã có tệp" in used.output
    old = runner.invoke(cli, ["bundle", "-o", str(tmp_path / "moi"), "--python", "3.9"])
    assert old.exit_code == 2 and "3.9" in old.output and "3.11" in old.output


def test_root_help_lists_bundle():
    result = CliRunner().invoke(cli, ["--help"])
    assert "bundle" in result.output


# --- the postgres extra, with pip download replaced by a stand-in (no network, no real wheels) ----------


def _fake_wheel(folder: Path, project: str, target: bundle.Target) -> Path:
    """A minimal wheel named for the target; no Requires-Dist, so the asked list is the whole closure."""
    dist = project.replace("-", "_")
    tag = f"cp{target.python.replace('.', '')}"
    path = folder / f"{dist}-1.0-{tag}-{tag}-{target.system.pip_platforms[0]}.whl"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{dist}-1.0.dist-info/METADATA", f"Metadata-Version: 2.1\nName: {project}\nVersion: 1.0\n")
    return path


@pytest.fixture
def fake_pip(monkeypatch):
    """Records what each target asked pip for and drops a wheel per requirement in the staging folder."""
    from packaging.requirements import Requirement

    asked: dict[str, list[str]] = {}

    def download(target, requirements, dest, shared, find_links, no_index):
        asked.setdefault(target.label, []).extend(requirements)
        for line in requirements:
            _fake_wheel(dest, Requirement(line).name, target)

    monkeypatch.setattr(bundle, "_pip_download", download)
    return asked


@pytest.mark.parametrize("flag", [[], ["--postgres"]])
def test_postgres_driver_is_carried_for_every_target_and_installed_by_both_scripts(fake_pip, tmp_path, flag):
    out = tmp_path / "bo-cai"
    result = CliRunner().invoke(cli, ["bundle", "-o", str(out), *flag])
    assert result.exit_code == 0, result.output
    labels = [f"{system}, Python {v}" for system in ("Windows x64", "Linux x64") for v in bundle.PYTHON_VERSIONS]
    assert sorted(fake_pip) == sorted(labels)
    for label in labels:
        assert "psycopg2-binary>=2.9" in fake_pip[label], label
    wheels = sorted(p.name for p in (out / "wheels").glob("psycopg2_binary-*.whl"))
    assert wheels == sorted(f"psycopg2_binary-1.0-cp{v.replace('.', '')}-cp{v.replace('.', '')}-{platform}.whl"
                            for platform in ("win_amd64", "manylinux_2_17_x86_64")
                            for v in bundle.PYTHON_VERSIONS)
    sh = (out / "cai-dat.sh").read_text(encoding="utf-8")
    bat = (out / "cai-dat.bat").read_bytes().decode("utf-8")
    assert '--upgrade pip "mamnon[postgres]"\n' in sh
    assert '--upgrade pip "mamnon[postgres]" || goto loi' in bat
    assert "psycopg2-binary" in (out / "README-cai-dat.txt").read_bytes().decode("utf-8")
    assert "Kèm PostgreSQL (psycopg2-binary)" in result.output


def test_no_postgres_leaves_the_driver_out(fake_pip, tmp_path):
    out = tmp_path / "bo-cai"
    result = CliRunner().invoke(cli, ["bundle", "-o", str(out), "--no-postgres", "--system", "linux",
                                      "--python", "3.12"])
    assert result.exit_code == 0, result.output
    assert list(fake_pip) == ["Linux x64, Python 3.12"]
    assert not [r for r in fake_pip["Linux x64, Python 3.12"] if r.startswith("psycopg2")]
    assert "textual<9,>=8.0" in fake_pip["Linux x64, Python 3.12"]  # the ordinary requirements still asked
    assert not list((out / "wheels").glob("psycopg2*"))
    sh = (out / "cai-dat.sh").read_text(encoding="utf-8")
    assert "--upgrade pip mamnon\n" in sh and "mamnon[" not in sh
    assert "mamnon[" not in (out / "cai-dat.bat").read_bytes().decode("utf-8")
    assert "psycopg2" not in (out / "README-cai-dat.txt").read_bytes().decode("utf-8")
    assert "Kèm PostgreSQL" not in result.output


def test_this_machine_without_the_driver_installed_says_so_and_installs_plain_mamnon(tmp_path, monkeypatch):
    import importlib.metadata as md

    real = md.distribution

    def without_psycopg2(name):
        if name.lower().replace("_", "-") == "psycopg2-binary":
            raise md.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(bundle.md, "distribution", without_psycopg2)
    out = tmp_path / "bo-cai"
    result = CliRunner().invoke(cli, ["bundle", "-o", str(out), "--this-machine"])
    assert result.exit_code == 0, result.output
    assert "psycopg2-binary>=2.9 chưa cài trên máy này" in result.output
    assert not list((out / "wheels").glob("psycopg2*"))
    assert "mamnon[" not in (out / "cai-dat.sh").read_text(encoding="utf-8")

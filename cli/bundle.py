"""The offline installer folder of `mamnon bundle`: wheels for every target plus install scripts.

Two ways to fill `wheels/`:
- for chosen targets (Windows x64 / Linux x64 × Python 3.11–3.13), with `pip download`
  (needs the Internet, or `--find-links` + `--no-index` to a folder of wheels);
- `--this-machine`: the packages installed here, packed back into wheels — no network
  at all, for computers like this one (same system, same Python version).

pip evaluates environment markers against the computer it runs on, not the target
(`pip download --platform win_amd64 click` leaves out colorama, which click needs on
Windows), so after each download the requirements of every wheel are read again with
the target's markers and whatever is missing is downloaded too, until nothing is.

The `postgres` extra (psycopg2-binary) is carried by default: a school on a LAN server opens
`--db postgresql://…` and has no Internet to fetch the driver later.
"""

from __future__ import annotations

import importlib.metadata as md
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path
from typing import Callable, Iterable

from cli import bundle_scripts
from cli.wheel_repack import normalized, repack
from mamnon.errors import MamnonError
from mamnon.i18n import _
from mamnon.progress import Progress, ensure

try:
    from packaging.requirements import Requirement
except ImportError:  # a plain install of mamnon has no packaging; pip, which bundling needs anyway, has it
    from pip._vendor.packaging.requirements import Requirement

POSTGRES_EXTRA = "postgres"
# python_requires >=3.11 (python-calamine>=0.9 publishes no 3.10 wheel); 3.13 is the newest tested.
PYTHON_VERSIONS = ("3.11", "3.12", "3.13")


@dataclass(frozen=True)
class System:
    key: str
    label: str
    pip_platforms: tuple[str, ...]
    markers: dict


SYSTEMS = {
    "windows": System("windows", "Windows x64", ("win_amd64",),
                      {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
                       "platform_machine": "AMD64"}),
    # glibc 2.17 and newer (pip also accepts the older manylinux tags it implies).
    "linux": System("linux", "Linux x64", ("manylinux_2_17_x86_64", "manylinux2014_x86_64"),
                    {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
                     "platform_machine": "x86_64"}),
}


@dataclass(frozen=True)
class Target:
    system: System
    python: str

    @property
    def label(self) -> str:
        return f"{self.system.label}, Python {self.python}"

    def environment(self) -> dict:
        env = {"python_version": self.python, "python_full_version": f"{self.python}.0",
               "implementation_name": "cpython", "platform_python_implementation": "CPython",
               "implementation_version": f"{self.python}.0", "platform_release": "", "platform_version": ""}
        env.update(self.system.markers)
        return env


def targets(systems: Iterable[str], pythons: Iterable[str]) -> list[Target]:
    return [Target(SYSTEMS[s], p) for s in systems for p in pythons]


def root_requirements() -> list[str]:
    """mamnon's install_requires as installed (the extras: test, bench, postgres are left out)."""
    return [r for r in (md.requires("mamnon") or []) if "extra==" not in r.replace(" ", "")]


def extra_requirements(extra: str) -> list[str]:
    """The requirements mamnon's `extra` adds, without their `extra == …` marker ('psycopg2-binary>=2.9')."""
    out = []
    for line in md.requires("mamnon") or []:
        req = Requirement(line)
        if req.marker is not None and req.marker.evaluate({"extra": extra}) and not req.marker.evaluate({"extra": ""}):
            out.append(f"{req.name}{req.specifier}")
    return out


def _applies(req: Requirement, env: dict, extra: str = "") -> bool:
    return req.marker is None or req.marker.evaluate({**env, "extra": extra})


# --- what a folder of wheels holds, and what it lacks for a target ---------------------------


def wheel_metadata(path: Path) -> tuple[str, list[str]]:
    """(normalized project name, Requires-Dist lines) of a wheel file."""
    with zipfile.ZipFile(path) as zf:
        meta = next(n for n in zf.namelist() if n.count("/") == 1 and n.endswith(".dist-info/METADATA"))
        message = Parser().parsestr(zf.read(meta).decode("utf-8"))
    return normalized(message["Name"]), message.get_all("Requires-Dist") or []


def walk(requires_of: dict[str, list[str]], roots: list[str], env: dict) -> tuple[list[str], list[str]]:
    """(projects reached, requirements not in requires_of) from roots under the target's markers.

    requires_of maps a normalized project name to its Requires-Dist lines. Extras are
    followed: 'markdown-it-py[linkify]' brings the requirements marked extra == "linkify".
    """
    reached: list[str] = []
    missing: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    todo = [Requirement(r) for r in roots if _applies(Requirement(r), env)]
    while todo:
        req = todo.pop()
        name = normalized(req.name)
        if name not in requires_of:
            missing.setdefault(name, f"{req.name}{req.specifier}")
            continue
        if name not in reached:
            reached.append(name)
        for extra in ("", *sorted(req.extras)):
            if (name, extra) in seen:
                continue
            seen.add((name, extra))
            for line in requires_of[name]:
                child = Requirement(line)
                # Lines under an extra count only for that extra; the others for every one.
                under_extra = child.marker is not None and "extra" in str(child.marker)
                if under_extra != bool(extra) or not _applies(child, env, extra):
                    continue
                todo.append(child)
    return sorted(reached), sorted(missing.values())


def missing_for(requires_of: dict[str, list[str]], roots: list[str], env: dict) -> list[str]:
    return walk(requires_of, roots, env)[1]


def folder_requirements(folder: Path) -> dict[str, list[str]]:
    return dict(wheel_metadata(p) for p in sorted(folder.glob("*.whl")))


# --- building ---------------------------------------------------------------------------------


@dataclass
class BundleResult:
    folder: Path
    wheels: list[str]
    targets: list[str]
    postgres: bool = False


def _pip_download(target: Target, requirements: list[str], dest: Path, shared: Path,
                  find_links: list[str], no_index: bool) -> None:
    cmd = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--progress-bar", "off",
           "--only-binary=:all:", "--implementation", "cp", "--python-version", target.python,
           "-d", str(dest), "--find-links", str(shared)]
    for platform in target.system.pip_platforms:
        cmd += ["--platform", platform]
    for link in find_links:
        cmd += ["--find-links", link]
    if no_index:
        cmd.append("--no-index")
    done = subprocess.run(cmd + requirements, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-8:])
        raise MamnonError(_("Không tải được gói cho {target} (pip báo lỗi):\n{tail}").format(
            target=target.label, tail=tail))


def _download_target(target: Target, wheels: Path, staging: Path, find_links: list[str],
                     no_index: bool, say: Callable[[str], None], extra: list[str] = ()) -> None:
    """Download until the target's own marker-evaluated closure (with the extra's requirements) is complete."""
    roots = root_requirements() + ["pip"] + list(extra)
    asked = list(roots)
    for _attempt in range(10):
        _pip_download(target, asked, staging, wheels, find_links, no_index)
        missing = missing_for(folder_requirements(staging), roots, target.environment())
        if not missing:
            return
        say(_("      thêm {count} gói chỉ cần trên {system}: {names}").format(
            count=len(missing), system=target.system.label, names=", ".join(missing)))
        asked = missing
    raise MamnonError(_("Không đủ gói cho {target} sau 10 lần tải: {names}").format(
        target=target.label, names=", ".join(missing)))


def this_machine_closure(extra: list[str] = ()) -> list[str]:
    """Installed distributions mamnon needs here (markers of this computer), pip and `extra` included."""
    installed: dict[str, list[str]] = {}
    for dist in md.distributions():
        name = dist.metadata["Name"]
        if name:
            installed.setdefault(normalized(name), dist.requires or [])
    needed, lacking = walk(installed, root_requirements() + ["pip"] + list(extra), _this_environment())
    if lacking:
        raise MamnonError(_("Máy này thiếu gói mà mamnon cần: {names}").format(names=", ".join(lacking)))
    return needed


def _this_environment() -> dict:
    try:
        from packaging.markers import default_environment
    except ImportError:
        from pip._vendor.packaging.markers import default_environment
    return default_environment()


def this_machine_label() -> str:
    system = {"win32": "Windows", "linux": "Linux"}.get(sys.platform, sys.platform)
    return _("{system} (máy này), Python {version}").format(
        system=system, version=f"{sys.version_info.major}.{sys.version_info.minor}")


def build_bundle(out: Path, systems: list[str], pythons: list[str], *, this_machine: bool = False,
                 find_links: list[str] = (), no_index: bool = False, postgres: bool = True,
                 say: Callable[[str], None] = print, progress: Progress | None = None) -> BundleResult:
    """Fill `out` with wheels/, cai-dat.sh, cai-dat.bat and README-cai-dat.txt.

    postgres: carry the `postgres` extra's wheels (psycopg2-binary) for every target, and make the
    scripts install `mamnon[postgres]`. With this_machine it is carried only if installed here.

    progress: one step per package packed (--this-machine) or per target downloaded. A cancel, a
    Ctrl+C or any failure removes what was made: a half-made bundle on a USB stick would look complete.
    """
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise MamnonError(_("Thư mục {folder} đã có tệp: hãy chọn một thư mục trống hoặc chưa có.").format(folder=out))
    existed = out.exists()
    try:
        return _fill(out, systems, pythons, this_machine, list(find_links), no_index, postgres, say,
                     ensure(progress))
    except BaseException:
        # A half-made bundle on a USB stick would look complete: leave nothing behind.
        if existed:
            for child in out.iterdir():
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        else:
            shutil.rmtree(out, ignore_errors=True)
        raise


def _installed(requirement: str) -> bool:
    try:
        md.distribution(Requirement(requirement).name)
    except md.PackageNotFoundError:
        return False
    return True


def _fill(out: Path, systems: list[str], pythons: list[str], this_machine: bool, find_links: list[str],
          no_index: bool, postgres: bool, say: Callable[[str], None], progress: Progress) -> BundleResult:
    wheels = out / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    say(_("[1] Đóng gói mamnon từ bản đang cài…"))
    progress.stage(0, _("Đóng gói mamnon"))
    repack("mamnon", wheels)
    extra = extra_requirements(POSTGRES_EXTRA) if postgres else []
    if this_machine and extra and not all(_installed(r) for r in extra):
        # Nothing is downloaded with --this-machine: what is not installed here cannot be carried.
        say(_("      {names} chưa cài trên máy này: bộ cài không kèm PostgreSQL (chỉ dùng tệp SQLite).").format(
            names=", ".join(extra)))
        extra, postgres = [], False
    if this_machine:
        names = [n for n in this_machine_closure(extra) if n != "mamnon"]
        progress.stage(len(names), _("Đóng gói"))
        for i, name in enumerate(names, 1):
            line = _("Đóng gói {i}/{n}: {name}").format(i=i, n=len(names), name=name)
            say(f"[2] {line}")
            progress.step(line)
            repack(name, wheels)
            progress.advance()
        labels = [this_machine_label()]
        pythons = [f"{sys.version_info.major}.{sys.version_info.minor}"]
    else:
        chosen = targets(systems, pythons)
        labels = [t.label for t in chosen]
        staging_root = out / ".dang-tai"
        progress.stage(len(chosen), _("Tải gói"))
        for i, target in enumerate(chosen, 1):
            line = _("Tải gói {i}/{n}: {target}").format(i=i, n=len(chosen), target=target.label)
            say(f"[2] {line}…")
            progress.step(line)
            staging = staging_root / f"{target.system.key}-{target.python}"
            staging.mkdir(parents=True)
            _download_target(target, wheels, staging, find_links, no_index, say, extra)
            new = [p for p in staging.glob("*.whl") if not (wheels / p.name).exists()]
            for p in new:
                shutil.move(str(p), wheels / p.name)
            say(_("      xong: {count} gói, {new} tệp mới").format(
                count=len(list(staging.glob("*.whl"))) + len(new), new=len(new)))
            progress.advance()
        shutil.rmtree(staging_root)
    version = md.version("mamnon")
    bundle_scripts.write_scripts(out, version=version, pythons=pythons, labels=labels,
                                 extras=[POSTGRES_EXTRA] if postgres else [])
    names = sorted(p.name for p in wheels.glob("*.whl"))
    size = sum((wheels / n).stat().st_size for n in names)
    say(_("[3] Xong: {count} tệp wheel ({size} MB) trong {folder}").format(
        count=len(names), size=f"{size / 1_048_576:.1f}", folder=wheels))
    return BundleResult(out, names, labels, postgres)

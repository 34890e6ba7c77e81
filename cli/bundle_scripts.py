"""The install scripts and the Vietnamese README written into a bundle folder.

Both scripts make a virtual environment *without* pip and install with the pip wheel
carried in wheels/ (a wheel runs as `python pip-….whl/pip`): Debian and Ubuntu ship
Python without `ensurepip` unless python3-venv is installed, which needs the Internet.
"""

from __future__ import annotations

from pathlib import Path

_SH = r"""#!/bin/sh
# Cài mamnon {version} từ thư mục này, không cần Internet (Linux).
# Cách dùng: sh cai-dat.sh      (cài vào ~/.local/share/mamnon, đổi bằng biến MAMNON_HOME)
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
DEST=${{MAMNON_HOME:-$HOME/.local/share/mamnon}}
BIN=${{MAMNON_BIN:-$HOME/.local/bin}}
PY=""
for candidate in ${{PYTHON:-}} {candidates}; do
    if command -v "$candidate" >/dev/null 2>&1; then
        version=$("$candidate" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)
        case " {pythons} " in
            *" $version "*) PY=$candidate; break ;;
        esac
    fi
done
if [ -z "$PY" ]; then
    echo "Không tìm thấy Python phù hợp. Bộ cài này dùng cho Python: {pythons}." >&2
    echo "Hãy cài một trong các bản đó (gói python3 của hệ điều hành) rồi chạy lại." >&2
    exit 1
fi
PIPWHL=$(ls "$HERE"/wheels/pip-*.whl | head -n 1)
echo "Dùng $PY ($version). Tạo môi trường trong $DEST/venv …"
"$PY" -m venv --without-pip --clear "$DEST/venv"
echo "Cài mamnon từ $HERE/wheels (không dùng mạng) …"
PIP_NO_INDEX=1 "$DEST/venv/bin/python" "$PIPWHL/pip" install --no-index --find-links "$HERE/wheels" \
    --disable-pip-version-check --no-warn-script-location --upgrade pip {package}
mkdir -p "$BIN"
ln -sf "$DEST/venv/bin/mamnon" "$BIN/mamnon"
echo ""
echo "Đã cài xong mamnon {version}."
echo "Mở chương trình: $BIN/mamnon"
echo "Thử với một trường mẫu: $BIN/mamnon --db truong-mau.sqlite demo --open"
case ":$PATH:" in
    *":$BIN:"*) ;;
    *) echo "(Thêm $BIN vào PATH để chỉ cần gõ: mamnon)" ;;
esac
"""  # i18n-skip: file content of the bundle made for Vietnamese schools

_BAT = r"""@echo off
rem Cài mamnon {version} từ thư mục này, không cần Internet (Windows 10/11).
rem Cách dùng: bấm đúp vào cai-dat.bat  (cài vào %LOCALAPPDATA%\mamnon, đổi bằng biến MAMNON_HOME)
chcp 65001 >nul
setlocal
set "HERE=%~dp0"
if "%MAMNON_HOME%"=="" set "MAMNON_HOME=%LOCALAPPDATA%\mamnon"
set "PY="
for %%V in ({pythons_desc}) do (
    if not defined PY (
        py -%%V -c "import sys" >nul 2>nul && set "PY=py -%%V"
    )
)
if not defined PY (
    python -c "import sys; sys.exit(0 if '%%d.%%d' %% sys.version_info[:2] in '{pythons}'.split() else 1)" >nul 2>nul && set "PY=python"
)
if not defined PY (
    echo Không tìm thấy Python phù hợp. Bộ cài này dùng cho Python: {pythons}.
    echo Hãy cài Python 64-bit từ bộ cài python.org, đánh dấu "Add python.exe to PATH", rồi chạy lại.
    pause
    exit /b 1
)
for %%W in ("%HERE%wheels\pip-*.whl") do set "PIPWHL=%%~fW"
echo Dùng %PY%. Tạo môi trường trong %MAMNON_HOME%\venv ...
%PY% -m venv --without-pip --clear "%MAMNON_HOME%\venv" || goto loi
echo Cài mamnon từ %HERE%wheels (không dùng mạng) ...
set "PIP_NO_INDEX=1"
"%MAMNON_HOME%\venv\Scripts\python.exe" "%PIPWHL%\pip" install --no-index --find-links "%HERE%wheels" --disable-pip-version-check --no-warn-script-location --upgrade pip {package} || goto loi
set "LAUNCHER=%USERPROFILE%\Desktop\Mamnon.bat"
if not exist "%USERPROFILE%\Desktop" set "LAUNCHER=%MAMNON_HOME%\Mamnon.bat"
> "%LAUNCHER%" echo @echo off
>> "%LAUNCHER%" echo chcp 65001 ^>nul
>> "%LAUNCHER%" echo "%MAMNON_HOME%\venv\Scripts\mamnon.exe" %%*
echo.
echo Đã cài xong mamnon {version}.
echo Mở chương trình: bấm đúp vào %LAUNCHER%
echo Hoặc trong cửa sổ lệnh: "%MAMNON_HOME%\venv\Scripts\mamnon.exe"
pause
exit /b 0
:loi
echo Cài đặt không thành công: xem thông báo ở trên.
pause
exit /b 1
"""  # i18n-skip: file content of the bundle made for Vietnamese schools

_README = """BỘ CÀI MAMNON {version} — KHÔNG CẦN INTERNET
=============================================

Bộ cài này dùng cho: {labels}.
Thư mục wheels/ chứa mamnon và mọi gói nó cần ({count} tệp).
{postgres_line}
TRƯỚC KHI CÀI: máy cần có Python ({pythons}).
  - Windows 10/11: cài Python 64-bit bằng bộ cài của python.org (chép sẵn vào USB),
    đánh dấu ô "Add python.exe to PATH".
  - Linux: Python 3 của hệ điều hành (Ubuntu 22.04 trở lên, Debian 12 trở lên).

CÀI ĐẶT
  - Windows: bấm đúp vào cai-dat.bat. Chương trình được cài vào
    %LOCALAPPDATA%\\mamnon; trên màn hình nền có tệp Mamnon.bat để mở.
  - Linux: mở cửa sổ dòng lệnh trong thư mục này, gõ:  sh cai-dat.sh
    Chương trình được cài vào ~/.local/share/mamnon; lệnh mở là ~/.local/bin/mamnon

Không cần quyền quản trị. Cài lại (bản mới hơn) bằng cách chạy lại tệp cài đặt:
dữ liệu của trường (tệp .sqlite) không bị động đến.

SAU KHI CÀI
  Thử với một trường mẫu:   mamnon --db truong-mau.sqlite demo --open
  Dùng thật:                 mamnon   (lần đầu: khai báo trường và năm học)

Cửa sổ dòng lệnh nên rộng ít nhất 80 cột, cao 24 dòng. Trên Windows nên dùng
Windows Terminal; cửa sổ cmd cũ cũng dùng được (chọn phông Consolas hoặc Cascadia Mono
để hiện đủ dấu tiếng Việt). Xem thêm docs/install.md trong mã nguồn.
"""  # i18n-skip: file content of the bundle made for Vietnamese schools


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


_POSTGRES_LINE = ("Kèm psycopg2-binary: mở được cơ sở dữ liệu PostgreSQL trên máy chủ của trường\n"
                  "(mamnon --db postgresql://…), không cần tải thêm gì.\n")  # i18n-skip: README content


def install_spec(extras: list[str]) -> str:
    """What pip installs: 'mamnon', or '"mamnon[postgres]"' (quoted: sh would expand the brackets)."""
    return f'"mamnon[{",".join(extras)}]"' if extras else "mamnon"


def write_scripts(out: Path, *, version: str, pythons: list[str], labels: list[str],
                  extras: list[str] = ()) -> None:
    """extras: mamnon's extras whose wheels are in wheels/ (the scripts install them too)."""
    newest_first = sorted(pythons, key=lambda v: tuple(int(x) for x in v.split(".")), reverse=True)
    candidates = " ".join(f"python{v}" for v in newest_first) + " python3"
    values = {"version": version, "pythons": " ".join(pythons), "pythons_desc": " ".join(newest_first),
              "candidates": candidates, "labels": "; ".join(labels),
              "count": len(list((out / "wheels").glob("*.whl"))), "package": install_spec(list(extras)),
              "postgres_line": _POSTGRES_LINE if "postgres" in extras else ""}
    sh = out / "cai-dat.sh"
    sh.write_text(_SH.format(**values), encoding="utf-8", newline="\n")
    sh.chmod(0o755)
    # cmd.exe reads a batch file line by line in the console's code page: CRLF, and UTF-8
    # only after the `chcp 65001` on the third line (the lines before it are comments).
    (out / "cai-dat.bat").write_bytes(_crlf(_BAT.format(**values)).encode("utf-8"))
    (out / "README-cai-dat.txt").write_bytes(_crlf(_README.format(**values)).encode("utf-8"))

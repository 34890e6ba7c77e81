"""`mamnon --lang en` speaks English from the first line of help to the last line of an error.

Each test runs the real command line in a subprocess: the language is chosen in
cli/__init__ before any command module is imported, which an in-process CliRunner
(already imported in Vietnamese) cannot show. The same commands without --lang
must stay Vietnamese, the default.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def mamnon(args, tmp_path):
    env = dict(os.environ)
    env.pop("MAMNON_LANG", None)  # tests/conftest.py pins Vietnamese for the in-process suite
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # no saved `mamnon lang` choice of the developer
    env["MAMNON_DB"] = str(tmp_path / "khong-co.sqlite")
    return subprocess.run([sys.executable, "-c", "from cli.main import main; main()", *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=120)


def test_root_help_in_english(tmp_path):
    result = mamnon(["--lang", "en", "-h"], tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "mamnon — preschool management that runs without a network." in out
    assert "Type `mamnon` (without a command) to open the interface." in out
    assert "Show this help and exit." in out
    assert "--user NAME" in out
    # the one-line summaries of the commands come from the same catalogue
    assert "Show one indicator of one unit over the merged periods." in out
    assert "Xem một chỉ tiêu" not in out
    assert "quản lý trường mầm non" not in out and "Hiện hướng dẫn" not in out


def test_subcommand_help_in_english_with_its_examples(tmp_path):
    result = mamnon(["--lang", "en", "template", "write", "-h"], tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Usage: mamnon template write [OPTIONS] TEMPLATE" in out
    assert "Write a standard Excel template, blank or pre-filled with the school's data." in out
    assert "Examples:" in out and "Ví dụ" not in out
    # the examples are commands: typed the same in every language
    assert "mamnon template write danh-sach-tre -o danh-sach-tre.xlsx" in out
    assert "-o, --output FILE.xlsx" in out and "Excel file to write (.xlsx), required." in out
    assert "Ghi một mẫu" not in out


def test_usage_error_in_english(tmp_path):
    result = mamnon(["--lang", "en", "--bogus"], tmp_path)
    assert result.returncode == 2
    err = result.stderr
    assert "Error: No such option" in err and "--bogus" in err
    assert "Type «mamnon -h» for help." in err
    assert "Lỗi" not in err and "Không có tùy chọn" not in err


def test_command_errors_and_output_in_english(tmp_path):
    missing = mamnon(["--lang", "en", "trend", "KHONG_CO", "--db-url", str(tmp_path / "ls.sqlite")], tmp_path)
    assert missing.returncode == 1
    assert missing.stderr.startswith("Error: No indicator with code «KHONG_CO»")
    info = mamnon(["--lang", "en", "info"], tmp_path)
    assert info.returncode == 0, info.stderr
    assert f"Data file:    {tmp_path / 'khong-co.sqlite'} (environment variable MAMNON_DB)" in info.stdout
    assert "The file does not exist yet" in info.stdout


def test_vietnamese_stays_the_default(tmp_path):
    root = mamnon(["-h"], tmp_path)
    assert "mamnon — quản lý trường mầm non, chạy không cần mạng." in root.stdout
    assert "Hiện hướng dẫn này rồi thoát." in root.stdout and "Show this help" not in root.stdout
    sub = mamnon(["template", "write", "-h"], tmp_path)
    assert "Ghi một mẫu Excel chuẩn, trống hoặc điền sẵn dữ liệu của trường." in sub.stdout
    assert "Ví dụ:" in sub.stdout and "Examples:" not in sub.stdout
    bad = mamnon(["--bogus"], tmp_path)
    assert bad.returncode == 2
    assert "Lỗi: Không có tùy chọn --bogus." in bad.stderr
    assert "Gõ «mamnon -h» để xem hướng dẫn." in bad.stderr
    info = mamnon(["info"], tmp_path)
    assert "Tệp chưa có: sẽ được tạo khi chạy" in info.stdout

"""The interface language: Vietnamese in the source, English from a gettext catalogue.

The Vietnamese text is the message id (staff and the forms speak Vietnamese, so
the source reads like the screen). `_()` looks the text up in the catalogue of the
chosen language; Vietnamese needs no catalogue. `C_(context, text)` is the same lookup for a text
that needs a different English in one kind of place (a narrow column's short form).

The language is fixed for the life of a process and chosen before any screen or
command module is imported (click help texts and Textual bindings are built at
import time): `--lang` on the command line, then MAMNON_LANG, then the choice
saved by `mamnon lang` / Hệ thống → Ngôn ngữ, then Vietnamese.
Printed forms and workbooks stay Vietnamese in every language: they are the
official forms the office above reads (docs/i18n.md).
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "mamnon"
DEFAULT = "vi"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
ENV_VAR = "MAMNON_LANG"
LOCALE_DIR = Path(__file__).parent / "locale"
SETTING_FILENAME = "ngon-ngu.txt"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_current = DEFAULT


def _(message: str) -> str:
    """The message in the interface language (the Vietnamese text itself by default)."""
    return _translation.gettext(message)


def C_(context: str, message: str) -> str:
    """The message as it reads in `context` (gettext's msgctxt): one Vietnamese text may need two English
    forms, e.g. `C_("cột hẹp", "Nhẹ cân")` is "Underwt." in a narrow table column while `_("Nhẹ cân")`
    stays "Underweight" wherever there is room. Vietnamese needs no context: the text comes back as is."""
    return _translation.pgettext(context, message)


def N_(message: str) -> str:
    """Marks a text for the catalogue without translating it here: a label the core keeps in Vietnamese
    (it also goes into workbooks and printed forms) and a screen translates where it shows it, `_(label)`."""
    return message


def current_language() -> str:
    return _current


def set_language(code: str) -> None:
    """Switch the catalogue; an unknown code is refused so a typo never silently shows Vietnamese."""
    global _translation, _current
    code = (code or DEFAULT).strip().lower()
    if code not in LANGUAGES:
        from mamnon.errors import MamnonError

        known = ", ".join(LANGUAGES)
        raise MamnonError(f"Ngôn ngữ «{code}» không có (chọn một trong: {known}).")
    if code == DEFAULT:
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[code])
    _current = code


def setting_path() -> Path:
    """The saved choice lives with the user's settings, not in a school's database:
    one PC may open several schools' files, and the language belongs to the person."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("mamnon", appauthor=False)) / SETTING_FILENAME


def saved_language() -> str | None:
    try:
        text = setting_path().read_text(encoding="utf-8").strip().lower()
    except OSError:
        return None
    return text if text in LANGUAGES else None


def save_language(code: str) -> Path:
    code = code.strip().lower()
    set_language(code)  # refuses unknown codes before anything is written
    path = setting_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(code + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


def language_from_argv(argv: list[str]) -> str | None:
    """`--lang en` / `--lang=en` anywhere before a `--` (read before click parses)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            return None
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def choose_language(argv: list[str], environ=os.environ) -> str:
    """The language for this process; an unknown choice falls through to the next source."""
    for candidate in (language_from_argv(argv), environ.get(ENV_VAR)):
        if candidate and candidate.strip().lower() in LANGUAGES:
            return candidate.strip().lower()
    return saved_language() or DEFAULT

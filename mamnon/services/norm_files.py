"""Norm sets travel as files: a province (or office) publishes its figures, schools load them.

The file is the shipped norms.json format ({"sets": [{"code", "name", "stages":
{stage: figures}}]}), so a province starts from `export_norm_sets()` and edits
figures. Loading stores every set and stage whose figures differ from the
latest version as a new version (older versions stay, so past days' checks can
still be explained); identical ones are left alone, so loading twice changes
nothing. Everything is checked first and written in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from mamnon.db import database
from mamnon.errors import MamnonError, NotFound, ValidationError
from mamnon.i18n import _
from mamnon.models.meals import STAGES
from mamnon.reference import STAGE_LABELS
from mamnon.services import menus, permissions

FORMAT = "mamnon-norms"


@dataclass(frozen=True)
class NormLoadResult:
    added: tuple[str, ...]
    """"code / stage vN" of each new version stored."""
    unchanged: int


def export_norm_sets() -> dict:
    """The latest version of every set, in the file format."""
    sets: dict[str, dict] = {}
    for r in menus.list_norm_sets():
        entry = sets.setdefault(r.code, {"code": r.code, "name": r.name, "stages": {}})
        figures = {f: getattr(r, f) for f in menus.NORM_FIELDS}
        figures.update(daily_need_min=r.daily_need_min, daily_need_max=r.daily_need_max,
                       meal_split=[list(x) for x in r.meal_split], source=r.source, note=r.note)
        entry["stages"][r.stage] = figures
    return {"format": FORMAT, "default": menus.default_norm_code(), "sets": list(sets.values())}


def export_text() -> str:
    return json.dumps(export_norm_sets(), ensure_ascii=False, indent=2) + "\n"


def _text(value) -> str:
    """As norm_form_for shows figures, so an unchanged file compares equal."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:g}"
    return str(value)


def _form(name: str, figures: dict) -> menus.NormForm:
    split = figures.get("meal_split") or []
    return menus.NormForm(
        name=name, **{f: _text(figures.get(f)) for f in menus.NORM_FIELDS},
        source=_text(figures.get("source")), note=_text(figures.get("note")),
        daily_need_min=_text(figures.get("daily_need_min")), daily_need_max=_text(figures.get("daily_need_max")),
        meal_split=menus.format_meal_split([(m, float(lo), float(hi)) for m, lo, hi in split]))


def _same(form: menus.NormForm, code: str, stage: str) -> bool:
    try:
        return menus.norm_form_for(code, stage) == form
    except NotFound:
        return False


def _in_file(file_name: str, message: str) -> str:
    return _("Tệp {file}: {message}").format(file=file_name, message=message) if file_name else message


def _stage(stage: str) -> str:
    return _(STAGE_LABELS[stage]).lower()


def parse_norm_file(text: str, file_name: str = "") -> list[tuple[str, str, menus.NormForm]]:
    """(code, stage, form) for every set and stage of a norm file; MamnonError naming what is wrong."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise MamnonError(_in_file(file_name, _("không đọc được (không phải tệp định mức JSON): {error}.")
                                   .format(error=exc))) from None
    sets = data.get("sets") if isinstance(data, dict) else None
    if not isinstance(sets, list) or not sets:
        raise MamnonError(_in_file(file_name, _("không có mục «sets» (danh sách định mức).")))
    out = []
    for i, s in enumerate(sets, start=1):
        if not isinstance(s, dict) or not s.get("code") or not isinstance(s.get("stages"), dict):
            raise MamnonError(_in_file(file_name, _("định mức thứ {n} thiếu «code» hoặc «stages».").format(n=i)))
        for stage, figures in s["stages"].items():
            if stage not in STAGES or not isinstance(figures, dict):
                raise MamnonError(_in_file(file_name, _("định mức «{code}»: cấp học «{stage}» không hợp lệ "
                                                        "(chỉ {allowed}).").format(
                    code=s["code"], stage=stage, allowed=", ".join(STAGES))))
            try:
                form = _form(str(s.get("name") or s["code"]), figures)
            except (TypeError, ValueError):
                raise MamnonError(_in_file(file_name, _("định mức «{code}», {stage}: «meal_split» phải là danh "
                                                        "sách [bữa, % thấp, % cao].").format(
                    code=s["code"], stage=_stage(stage)))) from None
            out.append((str(s["code"]), stage, form))
    return out


def load_norm_sets(text: str, file_name: str = "") -> NormLoadResult:
    """Store the file's figures as new versions where they differ; all or nothing."""
    permissions.require("menus.edit")
    entries = parse_norm_file(text, file_name)
    added, unchanged = [], 0
    with database.atomic():
        for code, stage, form in entries:
            if _same(form, code, stage):
                unchanged += 1
                continue
            try:
                row = menus.save_norm_version(code, stage, form)
            except ValidationError as exc:
                details = "; ".join(exc.errors.values())
                raise MamnonError(_in_file(file_name, _("định mức «{code}», {stage}: {details}").format(
                    code=code, stage=_stage(stage), details=details))) from None
            added.append(_("{code} / {stage} bản {version}").format(code=code, stage=_stage(stage),
                                                                     version=row.version))
    return NormLoadResult(tuple(added), unchanged)

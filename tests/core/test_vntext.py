"""Vietnamese folding for search and collation for names, as the issue specifies."""

import unicodedata

import pytest

from mamnon.vntext import fold, name_sort_key, normalize_name, search_tokens, split_name, text_sort_key


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Nguyễn Thị Đào", "nguyen thi dao"),
        ("ĐẶNG  VĂN   ẤT", "dang van at"),
        ("Hoàng Ngọc Ánh", "hoang ngoc anh"),
        (unicodedata.normalize("NFD", "Nguyễn Thị Hương"), "nguyen thi huong"),
        ("Ưu Ơn Ưng", "uu on ung"),
        ("", ""),
    ],
)
def test_fold_removes_every_diacritic(text, folded):
    assert fold(text) == folded


def test_search_tokens_fold_the_query():
    assert search_tokens("  Nguyễn  thi ") == ["nguyen", "thi"]


@pytest.mark.parametrize(
    "name, parts",
    [
        ("Nguyễn Văn An", ("Nguyễn", "Văn", "An")),
        ("Lan", ("", "", "Lan")),
        ("Lê Na", ("Lê", "", "Na")),
        ("Nguyễn Thị Minh Khai", ("Nguyễn", "Thị Minh", "Khai")),
    ],
)
def test_split_name_family_middle_given(name, parts):
    assert split_name(name) == parts


def sort_names(names):
    return sorted(names, key=name_sort_key)


def test_names_sort_by_given_name_first():
    assert sort_names(["Nguyễn Văn Bình", "Trần Thị An", "Lê Cường"]) == [
        "Trần Thị An", "Nguyễn Văn Bình", "Lê Cường",
    ]


def test_same_given_name_then_middle_then_family():
    assert sort_names(["Trần Văn An", "Lê Văn An", "Phạm Bảo An", "An"]) == [
        "An", "Phạm Bảo An", "Lê Văn An", "Trần Văn An",
    ]


def test_d_comes_before_dd_dang_vs_duong():
    # Đ is a letter after D, so Dương sorts before Đặng (unlike a code-point or ASCII sort
    # that would put "Dang" before "Duong").
    assert sorted(["Đặng", "Dương", "Dũng", "Đào"], key=text_sort_key) == ["Dũng", "Dương", "Đào", "Đặng"]
    assert sort_names(["Đặng Văn Minh", "Dương Văn Minh"]) == ["Dương Văn Minh", "Đặng Văn Minh"]


def test_o_before_o_circumflex_ngoc_vs_ngo():
    # Ngọc = n g o c, Ngô = n g ô: o < ô decides before the tone of ọ or the extra c.
    assert sorted(["Ngô", "Ngọc", "Nga"], key=text_sort_key) == ["Nga", "Ngọc", "Ngô"]
    assert sort_names(["Lê Thị Ngô", "Lê Thị Ngọc"]) == ["Lê Thị Ngọc", "Lê Thị Ngô"]


def test_letter_order_a_a_breve_a_circumflex():
    assert sorted(["Ân", "An", "Ăn", "Bảo"], key=text_sort_key) == ["An", "Ăn", "Ân", "Bảo"]


def test_tones_break_ties_in_dictionary_order():
    # ngang, huyền, hỏi, ngã, sắc, nặng
    assert sorted(["Ạn", "Án", "Ãn", "Ản", "Àn", "An"], key=text_sort_key) == ["An", "Àn", "Ản", "Ãn", "Án", "Ạn"]


def test_letters_outrank_tones():
    # "Án" is a prefix of "Anh" in letters, so it sorts first whatever its tone.
    assert sorted(["Anh", "Án"], key=text_sort_key) == ["Án", "Anh"]
    assert sorted(["Ánh", "Anh"], key=text_sort_key) == ["Anh", "Ánh"]


def test_u_horn_and_o_horn_are_letters_of_their_own():
    assert sorted(["Ưng", "Uyên", "Vân", "Ơn", "Ông", "Oanh"], key=text_sort_key) == [
        "Oanh", "Ông", "Ơn", "Uyên", "Ưng", "Vân",
    ]


def test_sort_ignores_case_and_unicode_form():
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    assert name_sort_key(nfd)[:3] == name_sort_key("nguyễn thị ánh")[:3]


def test_one_word_and_four_word_names_sort_among_others():
    names = ["Nguyễn Thị Minh Khai", "Khánh", "Trần Khai", "Lê Văn Hùng"]
    assert sort_names(names) == ["Lê Văn Hùng", "Trần Khai", "Nguyễn Thị Minh Khai", "Khánh"]


def test_normalize_name_capitalises_each_word():
    assert normalize_name("  nguyễn   THỊ ánh ") == "Nguyễn Thị Ánh"


def test_labels_with_numbers_sort_by_value():
    assert sorted(["Mầm 10", "Mầm 2", "Lá 1", "Mầm 1", "Chồi"], key=text_sort_key) == [
        "Chồi", "Lá 1", "Mầm 1", "Mầm 2", "Mầm 10"]

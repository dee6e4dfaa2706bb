"""Repair of OCR damage (pipeline/repair.py): each row a damaged reading, the
printed form, and whether the repair is certain enough to make."""
from __future__ import annotations

import pytest

from pipeline.normalize import canonical
from pipeline.repair import bare, repair_ocr_text

REPAIRED = [  # (as OCR read it, as printed)
    ("Căn cứ luật Đất đai ngày 29 tháng 11 năm 2013;", "Căn cứ Luật Đất đai ngày 29 tháng 11 năm 2013;"),
    ("Căn cứ nghị định số 61/2018/NĐ-CP", "Căn cứ Nghị định số 61/2018/NĐ-CP"),
    ("Theo đê nghị của UBND huyện Châu Thành", "Theo đề nghị của UBND huyện Châu Thành"),
    ("Quảng Ngãi, ngày tháng I1 năm 2024", "Quảng Ngãi, ngày tháng 11 năm 2024"),
    ("VĂN PHÒNG CHÍNH PHÙ\nSố: 3354/VPCP-KGVX", "VĂN PHÒNG CHÍNH PHỦ\nSố: 3354/VPCP-KGVX"),
    ("sẽ kiếm tra từ 02 đến 03 đơn vị cấp xã", "sẽ kiểm tra từ 02 đến 03 đơn vị cấp xã"),
    ("2. Kiếm tra đột xuất", "2. Kiểm tra đột xuất"),
    ("Ủy ban Mặt trận Tố quốc Việt Nam thành phố", "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố"),
    ("Căn cứ Luật Tố chức chính quyên địa phương ngày 19 tháng 6 năm 2015;",
     "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"),
    ("Luật sửa đối, bố sung một số điều", "Luật sửa đổi, bổ sung một số điều"),
    ("Nghị đinh số 37/2019/NĐ-CP quy định chỉ tiết thi hành", "Nghị định số 37/2019/NĐ-CP quy định chi tiết thi hành"),
    ("Kê hoạch cải cách hành chỉnh năm 2024", "Kế hoạch cải cách hành chính năm 2024"),
    ("Ủy ban nhân dân huyện Châu. Thành thực hiện", "Ủy ban nhân dân huyện Châu Thành thực hiện"),
    ("hoàn thành./.\n(ơi nhận:\n- Thường trực Tỉnh ủy;", "hoàn thành./.\nNơi nhận:\n- Thường trực Tỉnh ủy;"),
    ("Ủy ban nhân dân huyện Phù .Cát và Ủy ban nhân dân huyện. An Lão",
     "Ủy ban nhân dân huyện Phù Cát và Ủy ban nhân dân huyện An Lão"),
    ("Quảng Ngãi, ngày l6 tháng 01 năm 2025", "Quảng Ngãi, ngày 16 tháng 01 năm 2025"),
    ("ỦY BAN NHÂN DÂN TỈNH TÂY.\nNINH\nSố: 3745/QĐ-UBND", "ỦY BAN NHÂN DÂN TỈNH TÂY\nNINH\nSố: 3745/QĐ-UBND"),
    ("ỦY BAN NHÂN DÂN TỈNH TÂY. NINH", "ỦY BAN NHÂN DÂN TỈNH TÂY NINH"),  # a speck inside a header line
    ("Số: 32KH-UBND", "Số: 32/KH-UBND"),
    ("Số: 1813QĐ-UBND", "Số: 1813/QĐ-UBND"),
    ("Số: 52/2017QĐ-UBND", "Số: 52/2017/QĐ-UBND"),
    ("Số: 09CTr-TU", "Số: 09/CTr-TU"),
    ("theo Kế hoạch số 164KH-UBND ngày 09/12/2019", "theo Kế hoạch số 164/KH-UBND ngày 09/12/2019"),
    ("Số: 28/2001/CT-ÙB", "Số: 28/2001/CT-UB"),
    ("CHÍ THỊ", "CHỈ THỊ"),
    ("QUYÉT ĐỊNH", "QUYẾT ĐỊNH"),
    ("KÉ HOẠCH", "KẾ HOẠCH"),
    ("Hà Nội, ngay 02 thang 08 nam 2007", "Hà Nội, ngày 02 tháng 08 năm 2007"),
    ("Kiên Giang, ngày 03 thang 3 năm 2020", "Kiên Giang, ngày 03 tháng 3 năm 2020"),
    ("Căn cú Luật Tổ chức chính quyền địa phương", "Căn cứ Luật Tổ chức chính quyền địa phương"),
    ("Căn cứ Quyết đinh số 225/QĐ-TTg", "Căn cứ Quyết định số 225/QĐ-TTg"),
    ("Ủy ban nhân đân tỉnh", "Ủy ban nhân dân tỉnh"),
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TICH", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"),
    ("KT. CHỦ TỊCH\nPHÓ CHU TỊCH", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"),
    ("Nơi nhân:\n- Bộ Nội vụ;", "Nơi nhận:\n- Bộ Nội vụ;"),
    ("VE VIỆC BAN HÀNH KẾ HOẠCH", "VỀ VIỆC BAN HÀNH KẾ HOẠCH"),
    ("I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nH. NỘI DUNG", "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nII. NỘI DUNG"),
    ("I. MỤC ĐÍCH\nII. NỘI DUNG\nHI. TỔ CHỨC THỰC HIỆN", "I. MỤC ĐÍCH\nII. NỘI DUNG\nIII. TỔ CHỨC THỰC HIỆN"),
    ("Quảng Ngãi, ngày4tháng 01 năm 2025", "Quảng Ngãi, ngày 4 tháng 01 năm 2025"),
    ("Quảng Ngãi, ngày 04tháng 02 năm 2025", "Quảng Ngãi, ngày 04 tháng 02 năm 2025"),
    ("CẤP XÃ CỦA TỈNH VĨNH LONG NAM 2025", "CẤP XÃ CỦA TỈNH VĨNH LONG NĂM 2025"),
    ("công tác cải cách hành chính nam 2023", "công tác cải cách hành chính năm 2023"),
    ("KIỂM TRA CẢI CÁCH HÀNH CHÍNH NÁM 2024", "KIỂM TRA CẢI CÁCH HÀNH CHÍNH NĂM 2024"),
    ("I. MỤC ĐÍCH\nII. NỘI DUNG\nIH. TỔ CHỨC THỰC HIỆN", "I. MỤC ĐÍCH\nII. NỘI DUNG\nIII. TỔ CHỨC THỰC HIỆN"),
    # a heading after II. is III.: a numeral read as II. again lost a bar
    ("I. MỤC ĐÍCH\nII. NỘI DUNG\nII. TỔ CHỨC THỰC HIỆN\nIV. KINH PHÍ",
     "I. MỤC ĐÍCH\nII. NỘI DUNG\nIII. TỔ CHỨC THỰC HIỆN\nIV. KINH PHÍ"),
    ("I. MỤC ĐÍCH\nII. NỘI DUNG\nH. TỔ CHỨC", "I. MỤC ĐÍCH\nII. NỘI DUNG\nIII. TỔ CHỨC"),
    ("1. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nII. NỘI DUNG", "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nII. NỘI DUNG"),
    ("I. KẾT QUẢ\nII. TỒN TẠI\n1H. KIẾN NGHỊ", "I. KẾT QUẢ\nII. TỒN TẠI\nIII. KIẾN NGHỊ"),
    # the legislature after QH / UBTVQH is a number: I read for 1, or a bar read twice
    ("Số: 1687/NQ-UBTVQHI5", "Số: 1687/NQ-UBTVQH15"),
    ("Nghị quyết số 76/2025/UBTVQHI15 ngày 14 tháng 4 năm 2025", "Nghị quyết số 76/2025/UBTVQH15 ngày 14 tháng 4 năm 2025"),
    ("Luật số 72/2025/QHl5;", "Luật số 72/2025/QH15;"),
    # a quarter is I–IV: the bars of its Roman numeral read as 1 or l
    ("3. Thời gian kiểm tra: Quý II1/2020.", "3. Thời gian kiểm tra: Quý III/2020."),
    ("- Thời gian thực hiện: Quý 11/2023 và những năm tiếp theo.", "- Thời gian thực hiện: Quý II/2023 và những năm tiếp theo."),
    ("hoàn thành trong Quý 1V/2026", "hoàn thành trong Quý IV/2026"),
    ("- Thời gian: Quý II - II năm 2023;", "- Thời gian: Quý II - III năm 2023;"),
    # the Chủ tịch item of a Nơi nhận
    ("Nơi nhận:\n- Bộ Nội vụ;\n-T, các PCT UBND tỉnh;", "Nơi nhận:\n- Bộ Nội vụ;\n-CT, các PCT UBND tỉnh;"),
    ("- CT; các PCT UBND tỉnh;", "- CT, các PCT UBND tỉnh;"),
    ("Số: 3354/VPCP-KGVX\nV/ ban hành Thông tư hướng dẫn", "Số: 3354/VPCP-KGVX\nV/v ban hành Thông tư hướng dẫn"),
    # marks between the words of a fixed phrase of three words or more
    ("Sở Lao: động Thương binh và Xã hội, Ban Quản lý", "Sở Lao động - Thương binh và Xã hội, Ban Quản lý"),
    ("Bộ Lao động -. Thương binh và Xã hội", "Bộ Lao động - Thương binh và Xã hội"),
    ("- Khối Ủy ban nhân-dân cấp huyện:", "- Khối Ủy ban nhân dân cấp huyện:"),
    # a speck read as a stop between two words in small letters
    ("từ Quý II năm 2024 đến. hết Quý III năm 2024", "từ Quý II năm 2024 đến hết Quý III năm 2024"),
    ("Kế hoạch CCHC của cơ. quan, đơn vị", "Kế hoạch CCHC của cơ quan, đơn vị"),
]

KEPT = [  # readings that are right, or whose printed form is not certain
    "TM. ỦY BAN NHÂN DÂN", "TP. HỒ CHÍ MINH", "III. TỔ CHỨC THỰC HIỆN", "TUQ. CHỦ TỊCH",
    "Số: 32/KH-UBND",
    "Số: 05-NQ/HU",  # a party number: dash, no slash to add
    "Điều 3KH",  # no body after the type: not a ký hiệu
    "Điều2KH-UBND",  # digits glued to a word are not a number
    "Uỷ ban nhân dân tỉnh",  # old tone placement is a spelling, not damage
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Cần cù, sáng tạo trong lao động",  # both words differ from Căn cứ: another phrase
    "CHU TICH",  # no word of the phrase read right: not anchored
    "nhằm cải cách hành chính",
    "H. NỘI DUNG",  # no heading I. before it: the numeral is not proven
    "I. MỤC ĐÍCH\nI. NỘI DUNG",  # a second I. may start a new part: not proven
    "I. MỤC ĐÍCH\nII. NỘI DUNG\nIII. TỔ CHỨC\nI. PHỤ LỤC\nII. BIỂU MẪU",  # a part restarts at I.
    "1. MỤC ĐÍCH\n2. NỘI DUNG",  # headings numbered in Arabic figures
    "1. Mục đích\nII. NỘI DUNG",  # a sub-heading, not a numeral of the top level
    "IV. KINH PHÍ\nH. TỔ CHỨC",  # not the bars of II. or III.
    "ngay 5 thang",  # not a whole date
    "KẾ HOẠCH",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM 2025",  # the Nam of Việt Nam
    "tỉnh Quảng Nam 2024",
    "đồng chí Nguyễn Văn Nam 2020",  # a name, written with a capital
    "nam 20235",  # not a year
    "Quảng Ngãi, ngày tháng 01 năm 2025",  # the day left blank: nothing to space
    "Nghị quyết số 203/2025/QH15;",
    "Số: 12/2024/QH1X",  # not a number once the bars are read as 1
    "Luật số 05/QHI",  # QH1 is no reading to prove: only bars, no digit
    "- Thời gian thực hiện: Quý 1/2023.",  # a quarter written in digits
    "Quý III năm 2024",
    "từ Quý II - IV năm 2023",  # a real range
    "Quý 5/2023",  # no quarter: not a misread numeral either
    "- Trợ lý TTCP, Cổng TTĐTCP; các Vụ: KTTH, QHQT;",  # a real `;` inside an item
    "- T, các Phó Chủ tịch",  # not the fixed item
    "V/ Ban Chỉ đạo",  # not followed by the lower-case trích yếu
    "Bộ Lao động – Thương binh và Xã hội",  # an en dash is the same mark
    "Độc lập -\nTự do - Hạnh phúc",  # wrapped: the line break is a space
    "Ủy ban nhân dân. Ban Chỉ đạo",  # the mark is after the phrase
    "Chủ tịch, Phó Chủ tịch",  # Chủ tịch alone is two words: too short to prove
    "hoàn thành trước ngày 30. Sở Nội vụ",  # a stop before a capital may end a sentence
    "kinh phí. Các sở",
    "các tài liệu khác v.v. theo quy định",  # an abbreviation with stops
    "tại TP. Hồ Chí Minh",
    "Căn cứ luật hiện hành, các sở",  # no document named: a common noun
    "ngày tháng I3 năm 2024",  # no month 13: left as read
    "kiểm tra tại xã. Sở Nội vụ chủ trì",  # a sentence ends after the kind word: no place named
    "gọi nhận: nhiệm vụ",  # not at the start of a line
    "VỀ VIỆC BAN HÀNH QUY CHẾ CÔNG SỞ.\nỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",  # a title's stop, a new block
    "TM. ỦY BAN NHÂN DÂN\nKT.\nCHỦ TỊCH",  # marks keep their stops
    "theo luật Đất đai",  # not a Căn cứ line
    "xem tr. 5",
    "năm 2023.\ncác nội dung",  # the next line: the stop may end an item
]


@pytest.mark.parametrize("damaged, printed", REPAIRED)
def test_damage_is_repaired_and_reported(damaged, printed):
    text, warnings = repair_ocr_text(damaged)
    assert text == printed
    assert warnings and all(w.startswith("OCR text repaired: ") for w in warnings)


@pytest.mark.parametrize("text", KEPT)
def test_uncertain_or_right_text_is_kept(text):
    assert repair_ocr_text(text) == (text, [])


def test_each_repair_is_one_warning_naming_both_readings():
    text, warnings = repair_ocr_text("Số: 32KH-UBND\nCHÍ THỊ\nCăn cú Luật")
    assert text == "Số: 32/KH-UBND\nCHỈ THỊ\nCăn cứ Luật"
    assert warnings == ["OCR text repaired: '32KH-UBND' read as '32/KH-UBND'",
                        "OCR text repaired: 'CHÍ THỊ' read as 'CHỈ THỊ'",
                        "OCR text repaired: 'Căn cú' read as 'Căn cứ'"]


def test_repair_keeps_line_breaks_of_a_wrapped_phrase():
    text, _ = repair_ocr_text("của Ủy ban nhân\nđân tỉnh")
    assert text == "của Ủy ban nhân\ndân tỉnh"


@pytest.mark.parametrize("text", ["Ủy ban nhân dân tỉnh Kiên Giang", "ĐỘC LẬP", "Đường số 5", "ß und ﬁ"])
def test_bare_keeps_offsets(text):
    assert len(bare(text)) == len(text)


def test_repaired_text_is_canonical():
    damaged = canonical("Số: 32KH-UBND\nQUYÉT ĐỊNH")
    text, _ = repair_ocr_text(damaged)
    assert canonical(text) == text

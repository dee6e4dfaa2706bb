"""The zones of a document (Nghị định 30/2020/NĐ-CP, Phụ lục I): header, type line and
title, the authority line, the preamble (`Căn cứ …` up to `QUYẾT ĐỊNH:`), the body
outline, the closing, and the parts of a file holding several documents."""
from __future__ import annotations

import pytest

from pipeline.layout import analyse
from pipeline.normalize import canonical
from pipeline.textfold import fold

QD = (
    "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
    "Số: 2074/QĐ-UBND\n\nQuảng Ngãi, ngày 20 tháng 12 năm 2021\n\nQUYẾT ĐỊNH\n"
    "Về việc ban hành Kế hoạch tuyên truyền cải cách hành chính giai đoạn 2022-2025\n\n"
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\n\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày\n19/6/2015;\n\n"
    "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách\n"
    "hành chính nhà nước giai đoạn 2021 - 2030;\n\n"
    "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 1865/TTr-SNV ngày 10/12/2021.\n\n"
    "QUYẾT ĐỊNH:\n\n"
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch tuyên truyền cải cách hành chính giai đoạn 2022-2025.\n\n"
    "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.\n\n"
    "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ chịu trách nhiệm thi hành Quyết định này./.\n\n"
    "Nơi nhận:\n- Như Điều 3;\n- Bộ Nội vụ;\n- Lưu: VT, NC.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Phước Hiền\n"
)
PLAN_BODY = (
    "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\n- Đánh giá kết quả thực hiện nhiệm vụ.\n\n2. Yêu cầu\n\n"
    "- Kiểm tra đúng trọng tâm, trọng điểm.\n\n"
    "II. NỘI DUNG, ĐỐI TƯỢNG KIỂM TRA\n\n1. Nội dung kiểm tra\n\n- Công tác chỉ đạo, điều hành.\n\n"
    "2. Đối tượng kiểm tra\n\n2.1. Cấp tỉnh: 05 sở, ban, ngành.\n\n2.2. Cấp huyện:\n\n"
    "a) Ủy ban nhân dân huyện An Biên;\n\nb) Ủy ban nhân dân thành phố Rạch Giá.\n\n"
    "III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ: chủ trì, phối hợp triển khai Kế hoạch.\n\n"
    "2. Các sở, ban, ngành:\n\na) Xây dựng báo cáo tự kiểm tra;\n\nb) Chuẩn bị hồ sơ, tài liệu.\n\n"
)
PLAN = (
    "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG\n\nSố: 32/KH-UBND\n\nKiên Giang, ngày 03 tháng 3 năm 2020\n\nKẾ HOẠCH\n"
    "Kiểm tra công tác cải cách hành chính năm 2020\n\n"
    "Căn cứ Quyết định số 225/QĐ-TTg ngày 04 tháng 02 năm 2016 của Thủ tướng Chính phủ;\n\n"
    "Thực hiện Kế hoạch số 164/KH-UBND ngày 09 tháng 12 năm 2019 của Ủy ban nhân dân tỉnh về công tác\n"
    "cải cách hành chính năm 2020, Ủy ban nhân dân tỉnh ban hành Kế hoạch kiểm tra công tác cải cách hành\n"
    "chính năm 2020, như sau:\n\n" + PLAN_BODY +
    "Nơi nhận:\n- Bộ Nội vụ;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Thị Minh Phụng\n"
)
RESOLUTION = (
    "ỦY BAN THƯỜNG VỤ\nQUỐC HỘI\nSố: 1687/NQ-UBTVQH15\n\nHà Nội, ngày 16 tháng 6 năm 2025\n\nNGHỊ QUYẾT\n\n"
    "VỀ VIỆC SẮP XẾP CÁC ĐƠN VỊ HÀNH CHÍNH CẤP XÃ CỦA TỈNH VĨNH LONG NĂM 2025\n\nỦY BAN THƯỜNG VỤ QUỐC HỘI\n\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\n\n"
    "Xét đề nghị của Chính phủ tại Tờ trình số 336/TTr-CP ngày 09 tháng 5 năm 2025,\n\nQUYẾT NGHỊ:\n\n"
    "Điều 1. Sắp xếp các đơn vị hành chính cấp xã của tỉnh Vĩnh Long\n\n"
    "Điều 2. Hiệu lực thi hành\n\nNơi nhận:\n- Chính phủ;\n\nTM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCHỦ TỊCH\n\nTrần Thanh Mẫn\n"
)
FLAT_QD = (
    "ỦY BAN NHÂN DÂN TỈNH TÂY NINH\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
    "Số: 3745/QĐ-UBND Tây Ninh, ngày 30 tháng 12 năm 2021 QUYẾT ĐỊNH VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH SỬ DỤNG "
    "ĐẤT NĂM 2022 HUYỆN CHÂU THÀNH ỦY BAN NHÂN DÂN TỈNH TÂY NINH\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
    "Theo đề nghị của UBND huyện Châu Thành tại Tờ trình số 308/TTr-UBND ngày 10 tháng 12 năm 2021.\n"
    "QUYẾT ĐỊNH\nĐiều 1.\nPhê duyệt Kế hoạch sử dụng đất năm 2022 huyện Châu Thành.\n"
)
DIRECTIVE = (
    "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\n\nSố: 07/CT-UBND\n\nLâm Đồng, ngày 26 tháng 4 năm 2023\n\nCHỈ THỊ\n"
    "Về việc chấn chỉnh lề lối làm việc, tăng cường kỷ luật, kỷ cương hành chính\n\n"
    "Trong thời gian qua, thực hiện chỉ đạo của UBND tỉnh tại Chỉ thị số 07/CT-UBND ngày 31/5/2021, các sở,\n"
    "ban, ngành đã có nhiều chuyển biến.\n\n1. Thủ trưởng các sở, ban, ngành chấn chỉnh lề lối làm việc.\n\n"
    "2. Sở Nội vụ theo dõi, kiểm tra việc thực hiện Chỉ thị này./.\n\n"
    "Nơi nhận:\n- Bộ Nội vụ;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nTrần Văn Hiệp\n"
)


def layout_of(text: str):
    return analyse(canonical(text))


# -- preamble --------------------------------------------------------------------------------------

PREAMBLE_ROWS = [
    # text, preamble opens with, text right after the preamble opens with
    (QD, "Căn cứ Luật Tổ chức chính quyền", "QUYẾT ĐỊNH:"),
    (RESOLUTION, "Căn cứ Luật Tổ chức chính quyền", "QUYẾT NGHỊ:"),
    (PLAN, "Căn cứ Quyết định số 225/QĐ-TTg", "I. MỤC ĐÍCH, YÊU CẦU"),
    (PLAN.replace("Căn cứ Quyết định số 225/QĐ-TTg ngày 04 tháng 02 năm 2016 của Thủ tướng Chính phủ;\n\n", ""),
     "Thực hiện Kế hoạch số 164/KH-UBND", "I. MỤC ĐÍCH, YÊU CẦU"),
    (FLAT_QD, "Căn cứ Luật Tổ chức chính quyền", "QUYẾT ĐỊNH"),
    (QD.replace("Căn cứ Luật Tổ chức", "Xét đề nghị của Giám đốc Sở Nội vụ;\n\nCăn cứ Luật Tổ chức"),
     "Xét đề nghị của Giám đốc Sở Nội vụ", "QUYẾT ĐỊNH:"),
    ("Số: /KH-UBND\n\nNghi Xuân, ngày   tháng 3 năm 2022\n\nKẾ HOẠCH\n"
     "Kiểm tra công tác cải cách hành chính Nhà nước năm 2022\n\n"
     "Căn cứ Kế hoạch số 520/KH-UBND ngày 24/12/2021 của UBND tỉnh về ban hành kế hoạch Cải cách hành chính\n"
     "tỉnh Hà Tĩnh năm 2022; UBND huyện ban hành Kế hoạch kiểm tra công tác CCHC Nhà nước năm 2022, với\n"
     "những nội dung như sau:\n\n" + PLAN_BODY,
     "Căn cứ Kế hoạch số 520/KH-UBND", "I. MỤC ĐÍCH"),
    # a scan broke a clause's list of documents: the next item on a line of its own
    ("Số: 109/KH-UBND\n\nTiền Giang, ngày 04 tháng 5 năm 2021\n\nKẾ HOẠCH\nKhảo sát sự hài lòng\n\n"
     "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện cơ chế một cửa;\n"
     "Kế hoạch số 342/KH-UBND ngày 08 tháng 12 năm 2020 của Ủy ban nhân dân tỉnh.\n"
     "Ủy ban nhân dân tỉnh ban hành Kế hoạch khảo sát, với các nội dung sau:\n\n" + PLAN_BODY,
     "Căn cứ Nghị định số 61/2018/NĐ-CP", "I. MỤC ĐÍCH"),
]


@pytest.mark.parametrize("text, opens, followed_by", PREAMBLE_ROWS, ids=[f"{i:02d}" for i in range(len(PREAMBLE_ROWS))])
def test_preamble_span(text, opens, followed_by):
    layout = layout_of(text)
    assert layout.preamble is not None
    start, end = layout.preamble
    assert layout.text[start:].startswith(opens)
    assert layout.text[end:].lstrip().startswith(followed_by)


def test_plan_preamble_closes_with_the_issuing_sentence():
    layout = layout_of(PLAN)
    start, end = layout.preamble
    assert layout.text[start:end].rstrip().endswith("như sau:")


def test_no_preamble_in_a_directive_without_clauses():
    assert layout_of(DIRECTIVE).preamble is None


def test_type_title_and_authority_line():
    layout = layout_of(QD)
    assert layout.doc_type_word == "QUYẾT ĐỊNH"
    assert [line.text for line in layout.title_lines] == [
        "Về việc ban hành Kế hoạch tuyên truyền cải cách hành chính giai đoạn 2022-2025"]
    assert layout.authority_line.text == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"


def test_flattened_header_is_cut_at_its_anchors():
    texts = [segment.text for segment in layout_of(FLAT_QD).segments]
    assert "Số: 3745/QĐ-UBND" in texts
    assert "Tây Ninh, ngày 30 tháng 12 năm 2021" in texts
    assert layout_of(FLAT_QD).authority_line.text == "ỦY BAN NHÂN DÂN TỈNH TÂY NINH"


def test_closing_starts_at_noi_nhan():
    layout = layout_of(QD)
    start, end = layout.closing
    assert layout.text[start:].startswith("Nơi nhận:")
    assert "Trần Phước Hiền" in layout.text[start:end]


# -- outline ---------------------------------------------------------------------------------------

SECTION_ROWS = [
    (PLAN, [("I", None), ("I.1", "I"), ("I.2", "I"), ("II", None), ("II.1", "II"), ("II.2", "II"),
            ("II.2.1", "II.2"), ("II.2.2", "II.2"), ("II.2.2.a", "II.2.2"), ("II.2.2.b", "II.2.2"),
            ("III", None), ("III.1", "III"), ("III.2", "III"), ("III.2.a", "III.2"), ("III.2.b", "III.2")]),
    (QD, [("Điều 1", None), ("Điều 2", None), ("Điều 3", None)]),
    (RESOLUTION, [("Điều 1", None), ("Điều 2", None)]),
    ("KẾ HOẠCH\nTổ chức thực hiện\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ\n\n2. Các sở, ban, ngành\n\n"
     "a) Xây dựng kế hoạch;\n\nb) Báo cáo kết quả.\n\nV. KINH PHÍ\n",
     [("IV", None), ("IV.1", "IV"), ("IV.2", "IV"), ("IV.2.a", "IV.2"), ("IV.2.b", "IV.2"), ("V", None)]),
    ("KẾ HOẠCH\nChuyển đổi số năm 2025\n\n1. Mục tiêu\n\n1.1. Mục tiêu chung\n\n1.2. Mục tiêu cụ thể\n\n"
     "2. Nhiệm vụ\n\n2.1. Hoàn thiện thể chế\n",
     [("1", None), ("1.1", "1"), ("1.2", "1"), ("2", None), ("2.1", "2")]),
    ("KẾ HOẠCH\nKiểm tra năm 2024\n\nI. MỤC ĐÍCH\n\na) Đánh giá kết quả;\n\nb) Chấn chỉnh hạn chế.\n\n"
     "II. YÊU CẦU\n", [("I", None), ("I.a", "I"), ("I.b", "I"), ("II", None)]),
    ("QUYẾT ĐỊNH\nBan hành Quy chế\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\nQUYẾT ĐỊNH:\n\n"
     "Điều 1: Ban hành kèm theo Quyết định này Quy chế làm việc.\n\nĐiều 2: Hiệu lực thi hành\n\n"
     "1. Quyết định này có hiệu lực từ ngày ký.\n\n2. Bãi bỏ Quyết định số 12/QĐ-UBND.\n",
     [("Điều 1", None), ("Điều 2", None), ("Điều 2.1", "Điều 2"), ("Điều 2.2", "Điều 2")]),
]


@pytest.mark.parametrize("text, expected", SECTION_ROWS, ids=[f"{i:02d}" for i in range(len(SECTION_ROWS))])
def test_section_ids_and_parents(text, expected):
    layout = layout_of(text)
    assert [(s.id, s.parent) for s in layout.sections] == expected


def test_section_heading_and_span():
    layout = layout_of(PLAN)
    by_id = {s.id: s for s in layout.sections}
    assert by_id["II"].heading == "NỘI DUNG, ĐỐI TƯỢNG KIỂM TRA"
    assert by_id["II.2.1"].heading == "Cấp tỉnh:"
    two = layout.text[by_id["II.2"].start:by_id["II.2"].end]
    assert "2.2. Cấp huyện" in two and "III. TỔ CHỨC" not in two
    assert layout.section_at(layout.text.index("Rạch Giá")) == "II.2.2.b"


# -- parts ------------------------------------------------------------------------------------------

ATTACHED_PLAN = (
    "KẾ HOẠCH\n\nTuyên truyền cải cách hành chính giai đoạn 2022-2025\n"
    "(Kèm theo Quyết định số 2074/QĐ-UBND ngày 20/12/2021 của Chủ tịch UBND tỉnh Quảng Ngãi)\n\n"
    + PLAN_BODY + "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Phước Hiền\n"
)
OUTLINE_FORM = (
    "ĐỀ CƯƠNG\n\nBÁO CÁO KẾT QUẢ TỰ KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2022\n"
    "(Kèm theo Kế hoạch số 32/KH-UBND ngày 03/3/2022 của UBND tỉnh)\n\nI. KẾT QUẢ THỰC HIỆN\n\n1. Công tác chỉ đạo\n"
)

PART_ROWS = [
    (QD, ["Quyết định"], [None]),
    (PLAN, ["Kế hoạch"], [None]),
    (QD + "\n" + ATTACHED_PLAN, ["Quyết định", "Kế hoạch"],
     [None, "Tuyên truyền cải cách hành chính giai đoạn 2022-2025"]),
    (QD + "\n" + ATTACHED_PLAN + "\n" + OUTLINE_FORM, ["Quyết định", "Kế hoạch", "Đề cương"],
     [None, "Tuyên truyền cải cách hành chính giai đoạn 2022-2025",
      "BÁO CÁO KẾT QUẢ TỰ KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2022"]),
]


@pytest.mark.parametrize("text, types, titles", PART_ROWS, ids=[f"{i:02d}" for i in range(len(PART_ROWS))])
def test_parts(text, types, titles):
    layout = layout_of(text)
    assert [fold(p.doc_type or "") for p in layout.parts] == [fold(t) for t in types]
    assert [p.title for p in layout.parts] == titles


def test_first_part_ends_where_the_attached_plan_begins():
    layout = layout_of(QD + "\n" + ATTACHED_PLAN)
    assert layout.text[layout.first_part_end:].startswith("KẾ HOẠCH")
    assert "Trần Phước Hiền" in layout.text[:layout.first_part_end]
    assert layout.sections[0].id == "Điều 1"


# -- rows added for bugs fixed ---------------------------------------------------------------

def test_preamble_of_a_copy_that_lost_its_line_breaks():
    text = canonical(
        "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Số: 2877/QĐ-UBND "
        "Cần Thơ, ngày 20 tháng 11 năm 2019 QUYẾT ĐỊNH BAN HÀNH KẾ HOẠCH KIỂM SOÁT THỦ TỤC HÀNH CHÍNH "
        "NĂM 2020 CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ Căn cứ Luật Tổ chức chính quyền địa phương "
        "ngày 19 tháng 6 năm 2015; Xét đề nghị của Chánh Văn phòng tại Tờ trình số 1850/TTr-VPUB ngày "
        "12 tháng 11 năm 2019, QUYẾT ĐỊNH: Điều 1. Ban hành Kế hoạch.\n")
    start, end = analyse(text).preamble
    assert text[start:].startswith("Căn cứ Luật") and text[end:].startswith("QUYẾT ĐỊNH:")


def test_plan_preamble_wrapped_after_a_comma_runs_to_the_sentence_end():
    text = canonical(
        "KẾ HOẠCH\nKiểm tra công tác cải cách hành chính năm 2021\n\n"
        "Thực hiện Kế hoạch số 45/KH-UBND ngày 20/01/2021 của Ủy ban nhân dân tỉnh, Kế hoạch số\n"
        "12/KH-UBND ngày 25/01/2021 của Ủy ban nhân dân huyện về cải cách hành chính các tỉnh,\n"
        "Ủy ban nhân dân huyện ban hành Kế hoạch kiểm tra như sau:\n\nI. MỤC ĐÍCH, YÊU CẦU\n")
    start, end = analyse(text).preamble
    assert text[start:end].rstrip().endswith("như sau:")

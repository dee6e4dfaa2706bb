"""Timelines from real phrases of CCHC plans (dev documents and RECORD.md)."""
import json
from pathlib import Path

import pytest

from pipeline.extract.timelines import extract_timelines
from pipeline.flow import process
from pipeline.normalize import canonical

CANON = Path("/tmp/canon")

ROWS = [
    # periods: quarters, months, ranges
    ("3. Thời gian kiểm tra: Quý III/2020.", [("period", "2020-07", "2020-09")]),
    ("- Thời gian: Quý II - III năm 2023;", [("period", "2023-04", "2023-09")]),
    ("các Đoàn kiểm tra tổ chức kiểm tra từ Quý II năm 2024 đến hết Quý III năm 2024.",
     [("period", "2024-04", "2024-09")]),
    ("Sở KH&CN\n\nCác sở, ban, ngành tỉnh\n\nQuí IV-2025\n", [("period", "2025-10", "2025-12")]),
    ("hoàn thành trong quý ba năm 2023", [("period", "2023-07", "2023-09")]),
    ("Quý 4/2026", [("period", "2026-10", "2026-12")]),
    ("+ Đoàn kiểm tra của UBND huyện dự kiến: Tháng 6 - 7/2022 (tập trung kiểm tra",
     [("period", "2022-06", "2022-07")]),
    ("- Đợt 2: Vào tháng 10- 11 năm 2022 (kiểm tra, đánh giá tổng thể",
     [("period", "2022-10", "2022-11")]),
    ("Đồng ý tổ chức Hội nghị toàn quốc vào tháng 12 năm 2010 tại Hà Nội",
     [("period", "2010-12", "2010-12")]),
    ("tổ chức tập huấn từ ngày 15/5/2023 đến ngày 30/6/2023", [("period", "2023-05-15", "2023-06-30")]),
    ("- Thời gian thực hiện: năm 2023.", [("period", "2023", "2023")]),
    ("Thời gian thực hiện: giai đoạn 2021-2025", [("period", "2021", "2025")]),
    ("có thể tiến tới thí điểm (2025 - 2026).", [("period", "2025", "2026")]),
    ("Sở Tài chính\n\nCác sở, ngành\n\nNăm 2025 - 2026\n\nNghị định", [("period", "2025", "2026")]),
    # deadlines
    ("+ Các đơn vị, địa phương tự kiểm tra: Hoàn thành trước tháng 5 năm 2022.",
     [("deadline", None, "2022-05")]),
    ("+ Đợt 1: Trước ngày 20/5/2022", [("deadline", None, "2022-05-20")]),
    ("gửi báo cáo chậm nhất ngày 20/5/2022", [("deadline", None, "2022-05-20")]),
    ("báo cáo Thủ tướng Chính phủ trước ngày 30 tháng 11 năm 2012.", [("deadline", None, "2012-11-30")]),
    ("a) Đến hết năm 2025: Có ≥ 30% DNNVV", [("deadline", None, "2025")]),
    ("Đến năm 2030, 100% hồ sơ được số hóa", [("deadline", None, "2030")]),
    ("gửi về Sở Nội vụ trước 30/9 để tổng hợp", [("deadline", None, None)]),
    # ongoing
    ("- Thời gian thực hiện: Quý I/2023 và những năm tiếp theo.", [("ongoing", "2023-01", None)]),
    ("- Thời gian thực hiện: thường xuyên trong năm 2023 và những năm tiếp theo.",
     [("ongoing", "2023", None)]),
    ("thường xuyên trong năm 2023", [("ongoing", "2023", "2023")]),
    ("chính thức hoạt động từ ngày 01 tháng 7 năm 2025.", [("ongoing", "2025-07-01", None)]),
    ("kết nối dữ liệu với Trung tâm dữ liệu quốc gia (2026 trở đi).", [("ongoing", "2026", None)]),
    ("huy động doanh nghiệp tham gia (xuyên suốt 2025 -\n2035).", [("ongoing", "2025", "2035")]),
    # recurring and relative: no dates
    ("Thời gian báo cáo: chậm nhất ngày 05 của các tháng 3, tháng 6, tháng 9, tháng 12.",
     [("recurring", None, None)]),
    ("định kỳ trước\nngày 01/6 và 15/11 hằng năm (hoặc đột xuất khi có yêu cầu)", [("recurring", None, None)]),
    ("Ban điều hành họp định kỳ mỗi quý một lần", [("recurring", None, None)]),
    ("gửi báo cáo đến Sở Nội vụ trước 05 ngày làm việc.", [("relative", None, None)]),
    ("trong thời hạn 10 ngày làm việc kể từ ngày kiểm tra, Đoàn kiểm tra thông báo",
     [("relative", None, None)]),
    # nothing: cited documents, issue date, assessed and budget years, plan periods
    ("Căn cứ Kế hoạch số 520/KH-UBND ngày 24/12/2021 của UBND tỉnh", []),
    ("Thực hiện Kế hoạch số 164/KH-UBND ngày 09 tháng 12 năm 2019 của Ủy ban nhân dân tỉnh", []),
    ("Nghi Xuân, ngày tháng 3 năm 2022", []),
    # a scan damaged the cited document's `ngày`: still its date
    ("Quyết định số 1028/QĐ-UBND tigàv 5 tháng 4 năm 2023 của Ủy ban nhân dân tỉnh", []),
    ("Kiên Giang, ngày 03 tháng 3 năm 2020", []),
    ("Kế hoạch kiểm tra công tác cải cách hành chính năm 2020", []),
    ("thẩm định đánh giá, xác định Chỉ số CCHC năm 2021 (có kế hoạch riêng).", []),
    ("nguồn kinh phí CCHC năm 2023 cấp cho Sở Nội vụ", []),
    ("lập dự toán ngân sách năm 2024", []),
    ("Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030", []),
    ("Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030", []),
    ("Quy chế làm việc của Ủy ban nhân dân Thành phố nhiệm kỳ\n2021-2026;", []),
    ("tổng hợp báo cáo kết quả CCHC quý I/2023", []),
    ("số liệu tính từ năm 2020 đến nay", []),
    ("- Thời gian: Thường xuyên trong năm không báo trước thời gian;", []),
    # forms of other provinces and years (content variants)
    ("- Thời gian: 6 tháng cuối năm 2024.", [("period", "2024-07", "2024-12")]),
    ("tổ chức tập huấn trong 6 tháng đầu năm 2023", [("period", "2023-01", "2023-06")]),
    ("Kết quả thực hiện công tác CCHC 6 tháng đầu năm 2023", []),
    ("Kế hoạch cải cách hành chính những tháng cuối năm 2025 như sau:", []),
    ("hoàn thành việc số hóa hồ sơ lưu trữ vào cuối năm 2019.", [("period", "2019", "2019")]),
    ("3. Phấn đấu đến cuối năm 2022, trên 50% thủ tục hành chính", [("deadline", None, "2022")]),
    ("- Phấn đấu đến ngày 31/12/2025, 100% thủ tục hành chính", [("deadline", None, "2025-12-31")]),
    ("thời gian từ ngày 15/3 đến ngày 30/4/2019.", [("period", "2019-03-15", "2019-04-30")]),
    ("tổ chức từ ngày 15/12 đến ngày 15/01/2024", [("period", "2023-12-15", "2024-01-15")]),
    ("- Thời gian kiểm tra: tháng 9 năm 2023.", [("period", "2023-09", "2023-09")]),
    ("1. Tập huấn điều tra viên: tuần thứ 2 của tháng 7/2020.", [("period", "2020-07", "2020-07")]),
    ("Tự kiểm tra 02 đợt trong năm: đợt 1: tháng 5/2023; đợt 2: tháng 10/2023.",
     [("period", "2023-05", "2023-05"), ("period", "2023-10", "2023-10")]),
    ("Rà soát thủ tục hành chính\nPhòng Tư pháp\nQuý I, II năm 2016\n2", [("period", "2016-01", "2016-06")]),
    ("Số hóa kết quả giải quyết TTHC\nVăn phòng UBND tỉnh\nNăm 2022\n4\n", [("period", "2022", "2022")]),
    ("Đánh giá, tổng kết thực hiện Kế hoạch\nPhòng Nội vụ\nQuý I/2017\n", [("period", "2017-01", "2017-03")]),
    ("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH\nNĂM 2023\nCăn cứ", []),
    ("Phạm vi: đánh giá kết quả thực hiện nhiệm vụ CCHC từ ngày 01/01/2022 đến ngày 31/12/2022.", []),
    ("Số liệu báo cáo tính từ ngày 15/12/2021 đến ngày 14/12/2022.", []),
    ("- Thời gian: hằng quý.", [("recurring", None, None)]),
    ("Tuyên truyền CCHC\nSở Văn hóa, Thể thao và Du lịch\nHằng quý\n", [("recurring", None, None)]),
    ("báo cáo kết quả thực hiện theo định kỳ quý, 6 tháng, năm;", [("recurring", None, None)]),
    ("- Báo cáo quý: chậm nhất ngày 15 của tháng cuối quý.", [("recurring", None, None)]),
    ("gửi về Phòng Nội vụ định kỳ trước ngày 15 hằng tháng.", [("recurring", None, None)]),
    ("Duy trì áp dụng TCVN ISO 9001:2015 tại Bộ phận Một cửa", []),
    ("kinh phí 60.000.000 đồng từ ngân sách huyện năm 2021; điện thoại 0237.3838.112", []),
]


def _keys(items):
    return [(t.kind, t.start, t.end) for t in items]


@pytest.mark.parametrize("phrase, expected", ROWS)
def test_phrase(phrase, expected):
    assert _keys(extract_timelines(phrase)) == expected


def test_span_points_at_text():
    text = "Nội dung: báo cáo trước ngày 20/5/2022 để tổng hợp."
    [item] = extract_timelines(text)
    assert text[item.span[0]:item.span[1]] == item.text == "trước ngày 20/5/2022"
    assert item.section is None


def test_skip_spans_are_left_out():
    text = "Hà Nội, ngày 01 tháng 3 năm 2022\nThời gian: Quý III/2022."
    header = (0, text.index("\n"))
    assert _keys(extract_timelines(text, skip=[header])) == [("period", "2022-07", "2022-09")]
    assert extract_timelines(text, skip=[(0, len(text))]) == []


@pytest.mark.skipif(not (CANON / "004_170eeb0380cd80e2.txt").exists(), reason="dev canon not built")
def test_real_plan_reads_its_inspection_window():
    text = (CANON / "004_170eeb0380cd80e2.txt").read_text(encoding="utf-8")
    dated = {(t.start, t.end) for t in extract_timelines(text) if t.start or t.end}
    assert dated == {("2024-04", "2024-09")}


# -- whole plan excerpts of other provinces, levels, years and layouts ---------
# Each tests/data/content_variants/timelines_targets/<name>.txt has <name>.json beside it,
# labelled by reading RECORD.md (not from this code's output).

VARIANTS = Path(__file__).parent / "data" / "content_variants" / "timelines_targets"
VARIANT_NAMES = sorted(p.stem for p in VARIANTS.glob("*.txt"))


def _expected_timelines(name):
    items = json.loads((VARIANTS / f"{name}.json").read_text(encoding="utf-8"))["timelines"]
    dated = {(t["kind"], t["start"], t["end"]) for t in items if t["start"] or t["end"]}
    undated = {t["kind"] for t in items if not (t["start"] or t["end"])}
    return dated, undated


def _found_timelines(items):
    dated = {(t.kind, t.start, t.end) for t in items if t.start or t.end}
    undated = {t.kind for t in items if not (t.start or t.end)}
    return dated, undated


def test_there_are_enough_variants():
    assert len(VARIANT_NAMES) >= 10


@pytest.mark.parametrize("name", VARIANT_NAMES)
def test_variant_text_without_skip(name):
    text = canonical((VARIANTS / f"{name}.txt").read_text(encoding="utf-8"))
    assert _found_timelines(extract_timelines(text)) == _expected_timelines(name)


@pytest.mark.parametrize("name", VARIANT_NAMES)
def test_variant_through_the_pipeline(name):
    record = process(VARIANTS / f"{name}.txt")
    assert _found_timelines(record.timelines) == _expected_timelines(name)

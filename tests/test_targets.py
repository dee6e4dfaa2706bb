"""Targets from real phrases of CCHC plans (dev documents and RECORD.md)."""
import json
from pathlib import Path

import pytest

from pipeline.extract.targets import extract_targets
from pipeline.flow import process
from pipeline.normalize import canonical

CANON = Path("/tmp/canon")

ROWS = [
    # percentages to reach or cover
    ("b) Kiểm tra từ 30% số cơ quan hành chính nhà nước thuộc Ủy ban nhân dân tỉnh", [(30, None, "%")]),
    ("triển khai thực hiện công tác tự kiểm tra và kiểm tra đạt từ 30% trở lên đối với các đơn vị trực thuộc.",
     [(30, None, "%")]),
    ("a) Đến hết năm 2025: Có ≥\n30% DNNVV, HTX, HKD trên địa bàn Tỉnh ứng dụng công nghệ số.", [(30, None, "%")]),
    ("đ) Đến hết năm 2045: 100%\nDNNVV, HTX, HKD trên địa bàn Tỉnh ứng dụng công nghệ số.", [(100, None, "%")]),
    ("- Phấn đấu trên 90% hồ sơ được giải quyết đúng hạn.", [(90, None, "%")]),
    ("Tỷ lệ hài lòng của người dân đạt 95,5%", [(95.5, None, "%")]),
    ("kiểm tra từ 30% đến 50% số cơ quan, đơn vị", [(30, 50, "%")]),
    # counts of bodies an activity covers
    ("Kiểm tra từ 30% số cơ quan hành chính; 10 Ủy ban nhân dân cấp xã.",
     [(30, None, "%"), (10, None, "Ủy ban nhân dân cấp xã")]),
    ("c) Cấp xã: Chọn 02 xã thuộc Ủy ban nhân dân cấp huyện được chọn kiểm tra.", [(2, None, "xã")]),
    ("- Đợt 2: Kiểm tra 17 xã, thị trấn gắn với việc thẩm định", [(17, None, "xã, thị trấn")]),
    ("1. Đối tượng được kiểm tra (dự kiến kiểm tra 22 cơ quan, đơn vị, địa phương), cụ thể:",
     [(22, None, "cơ quan, đơn vị, địa phương")]),
    ("(mỗi địa phương cấp huyện sẽ kiểm tra từ 02 đến 03 đơn vị cấp xã).", [(2, 3, "đơn vị cấp xã")]),
    ("- Đối tượng kiểm tra: 06 cơ quan chuyên môn thuộc UBND thành phố, 02 cơ quan được tổ chức theo "
     "ngành dọc đóng trên địa bàn thành phố; 03 UBND quận, huyện.",
     [(6, None, "cơ quan chuyên môn"), (2, None, "cơ quan"), (3, None, "UBND quận, huyện")]),
    ("Khảo sát 500 doanh nghiệp trên địa bàn tỉnh", [(500, None, "doanh nghiệp")]),
    # nothing: refs, dates, durations, frequencies, report contents, facts
    ("Căn cứ Kế hoạch số 164/KH-UBND ngày 09 tháng 12 năm 2019 của Ủy ban nhân dân tỉnh", []),
    ("gửi báo cáo đến Sở Nội vụ trước 05 ngày làm việc.", []),
    ("Ban điều hành CCHC cấp huyện, cấp xã họp định kỳ mỗi quý một lần", []),
    ("* Việc kiểm tra, tự kiểm tra công tác CCHC định kỳ được thực hiện vào 2 đợt.", []),
    ("báo cáo kết quả thực hiện 07 chỉ tiêu", []),
    ("theo quy định tại khoản 1 điều 7 Nghị định số 26/2020/NĐ-CP", []),
    ("Sau khi sắp xếp, tỉnh Vĩnh Long có 124 đơn vị hành chính cấp xã,\ngồm 105 xã và 19 phường", []),
    ("Báo Đấu thầu đưa tin, theo khảo sát, có tới 80 nghìn công ty cổ phần là công ty gia đình. "
     "Có trên 90% doanh nghiệp chép điều lệ mẫu trong Luật Doanh nghiệp.", []),
    ("Năm 2021, tỷ lệ hồ sơ đúng hạn đã đạt 85% so với năm trước", []),
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch", []),
    ("VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH SỬ DỤNG ĐẤT NĂM 2022 HUYỆN CHÂU THÀNH", []),
    ("Đoàn kiểm tra gồm 05 thành viên, làm việc tại 3 phòng chuyên môn", []),
    # forms of other provinces and years (content variants)
    ("- Kiểm tra đột xuất không dưới 20% số cơ quan, đơn vị.", [(20, None, "%")]),
    ("kiểm tra ngẫu nhiên ít nhất 20% hồ sơ đã giải quyết trong kỳ.", [(20, None, "%")]),
    ("3. Tỷ lệ hồ sơ tiếp nhận trực tuyến đạt tối thiểu 30%.", [(30, None, "%")]),
    ("4. Mức độ hài lòng của người dân đạt tỷ lệ 90% trở lên.", [(90, None, "%")]),
    ("1. Khảo sát tại 12 sở, ban, ngành và 10 UBND cấp huyện;",
     [(12, None, "sở, ban, ngành"), (10, None, "UBND cấp huyện")]),
    ("- Chọn hai xã làm điểm thí điểm tiếp nhận hồ sơ trực tuyến.", [(2, None, "xã")]),
    ("Đối tượng: kiểm tra 100% cơ quan chuyên môn và 06/18 xã, thị trấn", [(100, None, "%"), (6, None, "xã, thị trấn")]),
    ("- Phòng Tư pháp chủ trì kiểm tra từ 3 đến 5 UBND xã, thị trấn về cơ chế một cửa.",
     [(3, 5, "UBND xã, thị trấn")]),
    ("Triển khai phần mềm một cửa điện tử tại 05 xã", [(5, None, "xã")]),
    ("Rà soát TTHC sau sắp xếp\nSở Tư pháp\n4\nKiểm tra công tác CCHC tại 20 xã, phường\nSở Nội vụ",
     [(20, None, "xã, phường")]),
    ("Chỉ số CCHC năm 2018 của xã xếp thứ 3/11 xã, thị trấn của huyện, đạt 85,6%.", []),
    ("I. KẾT QUẢ THỰC HIỆN NĂM 2018\nTỷ lệ hồ sơ giải quyết đúng hạn đạt 98,2%.\n\n"
     "II. MỤC TIÊU\n2. Trên 95% hồ sơ được giải quyết đúng hạn.", [(95, None, "%")]),
    ("Tỷ lệ hồ sơ trực tuyến tăng 5% so với cùng kỳ năm 2022.", []),
    ("Tổng kinh phí: 285.000.000 đồng; liên hệ: 0252.3822.115.", []),
    ("Kiểm tra việc thực hiện 07 chỉ tiêu của Kế hoạch; việc kiểm tra thực hiện 02 đợt.", []),
    ("Số phiếu khảo sát: 1.500 phiếu; mỗi cơ quan không dưới 30 phiếu.", []),
    ("IV. KIỂM TRA, ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN\nKiểm tra ít nhất 30% số cơ quan, đơn vị.\n", [(30, None, "%")]),
    ("PHẦN I. TÌNH HÌNH THỰC HIỆN NĂM 2022\nTỷ lệ đúng hạn đạt 85%.\nPHẦN II. KẾ HOẠCH NĂM 2023\n"
     "- Kiểm tra 05 cơ quan, tối thiểu 40% hồ sơ.\n", [(5, None, "cơ quan"), (40, None, "%")]),
]


def _keys(items):
    return [(t.value, t.max, t.unit) for t in items]


@pytest.mark.parametrize("phrase, expected", ROWS)
def test_phrase(phrase, expected):
    assert _keys(extract_targets(phrase)) == expected


def test_span_points_at_text():
    text = "Kiểm tra 17 xã, thị trấn gắn với việc thẩm định."
    [item] = extract_targets(text)
    assert text[item.span[0]:item.span[1]] == item.text == "17 xã, thị trấn"
    assert item.object and item.object.startswith("gắn với")
    assert item.section is None


def test_skip_spans_are_left_out():
    text = "Kiểm tra 17 xã, thị trấn."
    assert extract_targets(text, skip=[(0, len(text))]) == []


@pytest.mark.skipif(not (CANON / "001_7bee4535614414f0.txt").exists(), reason="dev canon not built")
def test_real_plan_reads_its_coverage():
    text = (CANON / "001_7bee4535614414f0.txt").read_text(encoding="utf-8")
    keys = {(t.value, t.unit == "%") for t in extract_targets(text)}
    assert keys == {(30.0, True), (10.0, False), (2.0, False)}


# -- whole plan excerpts of other provinces, levels, years and layouts ---------
# Each tests/data/content_variants/timelines_targets/<name>.txt has <name>.json beside it,
# labelled by reading RECORD.md (not from this code's output).

VARIANTS = Path(__file__).parent / "data" / "content_variants" / "timelines_targets"
VARIANT_NAMES = sorted(p.stem for p in VARIANTS.glob("*.txt"))


def _expected_targets(name):
    items = json.loads((VARIANTS / f"{name}.json").read_text(encoding="utf-8"))["targets"]
    return {(float(value), bool(is_percent)) for value, is_percent in items}


def _found_targets(items):
    return {(float(t.value), t.unit == "%") for t in items}


@pytest.mark.parametrize("name", VARIANT_NAMES)
def test_variant_text_without_skip(name):
    text = canonical((VARIANTS / f"{name}.txt").read_text(encoding="utf-8"))
    assert _found_targets(extract_targets(text)) == _expected_targets(name)


@pytest.mark.parametrize("name", VARIANT_NAMES)
def test_variant_through_the_pipeline(name):
    record = process(VARIANTS / f"{name}.txt")
    assert _found_targets(record.targets) == _expected_targets(name)

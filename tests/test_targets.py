"""Targets from real phrases of CCHC plans (dev documents and RECORD.md)."""
from pathlib import Path

import pytest

from pipeline.extract.targets import extract_targets

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

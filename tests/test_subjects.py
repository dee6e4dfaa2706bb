"""Inspection subjects from real phrases of CCHC inspection plans (dev documents, RECORD.md)."""
import json
from pathlib import Path

import pytest

from pipeline.agencies import agency_key
from pipeline.extract.subjects import extract_inspection_subjects
from pipeline.normalize import canonical

DEV = Path("/work/shared/eval/dev")
HEAD = "2. Đối tượng kiểm tra trực tiếp: Các sở, ban, ngành tỉnh và Ủy ban nhân dân cấp huyện, cụ thể như sau:\n\n"


def keys(names):
    return [agency_key(n) for n in names]


ROWS = [
    # a head distributed over a list
    (HEAD + "a) Cấp tỉnh gồm các Sở: Kế hoạch và Đầu tư, Lao động - Thương binh và Xã hội, Tài chính.",
     ["Sở Kế hoạch và Đầu tư", "Sở Lao động - Thương binh và Xã hội", "Sở Tài chính"]),
    (HEAD + "a) Cấp tỉnh gồm các Sở: Văn hóa và Thể thao, Giáo dục và Đào tạo.",
     ["Sở Văn hóa và Thể thao", "Sở Giáo dục và Đào tạo"]),
    (HEAD + "a) Cấp huyện gồm các Phòng: Nội vụ, Tư pháp.", ["Phòng Nội vụ", "Phòng Tư pháp"]),
    # district bodies over a list of names: the kind is a fact of the map
    (HEAD + "b) Cấp huyện gồm Ủy ban nhân dân các huyện, thành phố: An Biên, Hòn Đất, Kiên Lương, Rạch Giá và Hà Tiên.",
     ["Ủy ban nhân dân huyện An Biên", "Ủy ban nhân dân huyện Hòn Đất", "Ủy ban nhân dân huyện Kiên Lương",
      "Ủy ban nhân dân thành phố Rạch Giá", "Ủy ban nhân dân thành phố Hà Tiên"]),
    ("1. Đối tượng được kiểm tra, cụ thể:\n\n- Khối Ủy ban nhân dân cấp huyện: Tây Sơn, Tuy Phước, Hoài Ân, "
     "Vân Canh (mỗi địa phương cấp huyện sẽ kiểm tra từ 02 đến 03 đơn vị cấp xã).",
     ["Ủy ban nhân dân huyện Tây Sơn", "Ủy ban nhân dân huyện Tuy Phước", "Ủy ban nhân dân huyện Hoài Ân",
      "Ủy ban nhân dân huyện Vân Canh"]),
    # scans: a stray stop inside a name, `;` for `,`
    ("1. Đối tượng được kiểm tra, cụ thể:\n\n- Khối Ủy ban nhân dân cấp huyện: Tây Sơn, Tuy. Phước, Hoài Ân; "
     "Vân Canh (mỗi địa phương cấp huyện sẽ kiểm tra từ 02 đến 03 đơn vị cấp xã).",
     ["Ủy ban nhân dân huyện Tây Sơn", "Ủy ban nhân dân huyện Tuy Phước", "Ủy ban nhân dân huyện Hoài Ân",
      "Ủy ban nhân dân huyện Vân Canh"]),
    ("b) Đối tượng kiểm tra chuyên đề: Ủy ban nhân dân huyện Phù .Cát và Ủy ban nhân dân huyện. An Lão (mỗi địa "
     "phương cấp huyện).", ["Ủy ban nhân dân huyện Phù Cát", "Ủy ban nhân dân huyện An Lão"]),
    ("- Đối tượng kiểm tra: Sở Tư pháp, Sở Y tế. Thời gian kiểm tra, Sở Nội vụ.", ["Sở Tư pháp", "Sở Y tế"]),
    ("- Đối tượng kiểm tra: UBND các huyện: Nghi Xuân, Can Lộc.",
     ["Ủy ban nhân dân huyện Nghi Xuân", "Ủy ban nhân dân huyện Can Lộc"]),
    # full names after a colon
    ("1. Đối tượng được kiểm tra (dự kiến kiểm tra 22 cơ quan, đơn vị, địa phương), cụ thể:\n\n"
     "- Khối cơ quan thuộc tỉnh: Sở Kế hoạch và Đầu tư, Sở Công Thương, Sở Nông nghiệp và Phát triển nông thôn, "
     "Sở Lao động – Thương binh và Xã hội, Ban Quản lý Khu kinh tế tỉnh.",
     ["Sở Kế hoạch và Đầu tư", "Sở Công Thương", "Sở Nông nghiệp và Phát triển nông thôn",
      "Sở Lao động - Thương binh và Xã hội", "Ban Quản lý Khu kinh tế tỉnh"]),
    ("1. Đối tượng được kiểm tra:\n\n- Khối cơ quan Trung ương trên địa bàn tỉnh: Cục Hải quan Bình Định.",
     ["Cục Hải quan Bình Định"]),
    ("b) Đối tượng kiểm tra chuyên đề công tác giải quyết thủ tục hành chính: Ủy ban nhân dân huyện Phù Cát và "
     "Ủy ban nhân dân huyện An Lão (mỗi địa phương cấp huyện sẽ kiểm tra từ 02 đến 03 đơn vị cấp xã).",
     ["Ủy ban nhân dân huyện Phù Cát", "Ủy ban nhân dân huyện An Lão"]),
    ("3. Đơn vị được kiểm tra: Sở Tư pháp, Sở Xây dựng, UBND huyện Châu Thành.",
     ["Sở Tư pháp", "Sở Xây dựng", "Ủy ban nhân dân huyện Châu Thành"]),
    ("Đoàn kiểm tra sẽ kiểm tra tại các cơ quan, đơn vị sau: Sở Y tế, Sở Giao thông vận tải.",
     ["Sở Y tế", "Sở Giao thông vận tải"]),
    ("II. ĐỐI TƯỢNG KIỂM TRA\n\n- Sở Nội vụ, Sở Tài chính.\n\n- Phòng Nội vụ huyện Nghi Xuân.\n\nIII. THỜI GIAN",
     ["Sở Nội vụ", "Sở Tài chính", "Phòng Nội vụ huyện Nghi Xuân"]),
    # counted heads, several lists on one line, a full name inside a list of districts
    ("1. Đối tượng kiểm tra\n\nNăm 2016, Đoàn kiểm tra của tỉnh kiểm tra 05 sở: Tư pháp, Xây dựng, Công Thương, "
     "Y tế, Nội vụ và 03 UBND huyện: Bố Trạch, Quảng Ninh, Lệ Thủy; UBND thị xã Ba Đồn.",
     ["Sở Tư pháp", "Sở Xây dựng", "Sở Công Thương", "Sở Y tế", "Sở Nội vụ", "Ủy ban nhân dân huyện Bố Trạch",
      "Ủy ban nhân dân huyện Quảng Ninh", "Ủy ban nhân dân huyện Lệ Thủy", "Ủy ban nhân dân thị xã Ba Đồn"]),
    ("Đoàn kiểm tra tiến hành kiểm tra 03 phòng: Nội vụ, Tư pháp, Y tế.", ["Phòng Nội vụ", "Phòng Tư pháp", "Phòng Y tế"]),
    ("2. Đối tượng kiểm tra: 04 sở, ngành: Sở Tư pháp, Sở Xây dựng, Ban Dân tộc tỉnh, Bảo hiểm xã hội tỉnh; "
     "02 huyện: Bình Sơn, Mộ Đức.",
     ["Sở Tư pháp", "Sở Xây dựng", "Ban Dân tộc tỉnh", "Bảo hiểm xã hội tỉnh", "Ủy ban nhân dân huyện Bình Sơn",
      "Ủy ban nhân dân huyện Mộ Đức"]),
    ("II. ĐỐI TƯỢNG KIỂM TRA\n\n2. UBND các xã: Tịnh Khê, Tịnh Ấn Tây.",
     ["Ủy ban nhân dân xã Tịnh Khê", "Ủy ban nhân dân xã Tịnh Ấn Tây"]),
    # a table under `Đối tượng kiểm tra … như sau:`, one cell a line
    ("Đối tượng kiểm tra và thời gian kiểm tra cụ thể như sau:\n\nSTT\nĐơn vị được kiểm tra\nThời gian kiểm tra\n"
     "1\nSở Giáo dục và Đào tạo\nTháng 7/2024\n2\nUBND thành phố Vĩnh Yên\nTháng 8/2024\n\nIII. NỘI DUNG KIỂM TRA",
     ["Sở Giáo dục và Đào tạo", "Ủy ban nhân dân thành phố Vĩnh Yên"]),
    # unnamed counts and groups are not subjects
    ("- Đối tượng kiểm tra: 06 cơ quan chuyên môn thuộc UBND thành phố, 02 cơ quan được tổ chức theo ngành dọc "
     "đóng trên địa bàn thành phố, đơn vị sự nghiệp thành phố; 03 UBND quận, huyện.", []),
    ("- Đối tượng kiểm tra: sở, ban, ngành thành phố, cơ quan được tổ chức theo ngành dọc đóng trên địa bàn "
     "thành phố, đơn vị sự nghiệp thành phố, UBND quận, huyện, UBND xã, phường, thị trấn;", []),
    (HEAD + "c) Cấp xã: Chọn 02 xã thuộc Ủy ban nhân dân cấp huyện được chọn kiểm tra.", []),
    ("b) Thời gian, đối tượng kiểm tra:\n\n- Thời gian: Quý II - III năm 2023;", []),
    # a negated trigger, and names outside any trigger
    ("4. Đối với các cơ quan, địa phương không thuộc đối tượng kiểm tra trực tiếp: Tổ chức tự kiểm tra, kiểm tra "
     "cấp dưới và gửi báo cáo về Ủy ban nhân dân tỉnh (qua Sở Nội vụ) trước ngày 30/9/2020.", []),
    ("- Ngoài các đối tượng kiểm tra theo Kế hoạch này, quyết định việc kiểm tra đột xuất tại một số cơ quan.", []),
    ("- Kiểm tra tình hình giải quyết thủ tục hành chính tại các Chi nhánh Văn phòng Đăng ký đất đai trực thuộc "
     "Sở Tài nguyên và Môi trường.", []),
    ("- Bao gồm các cơ quan: Sở Nội vụ, Văn phòng Ủy ban nhân dân tỉnh, Sở Tư pháp.", []),
    ("b) Báo cáo phục vụ Đoàn kiểm tra: các cơ quan, đơn vị, địa phương được kiểm tra gửi báo cáo đến Sở Nội vụ "
     "trước 05 ngày làm việc.", []),
]


@pytest.mark.parametrize("text, want", ROWS)
def test_inspection_subjects(text, want):
    assert keys(extract_inspection_subjects(text)) == keys(want)


def test_names_are_written_in_full():
    text = HEAD + "b) Cấp huyện gồm Ủy ban nhân dân các huyện, thành phố: Rạch Giá."
    assert extract_inspection_subjects(text) == ["Ủy ban nhân dân thành phố Rạch Giá"]


def test_skip_spans_are_left_out():
    text = "- Đối tượng kiểm tra: Sở Nội vụ, Sở Tài chính."
    assert extract_inspection_subjects(text, skip=[(0, len(text))]) == []


@pytest.mark.parametrize("stem", ["001_7bee4535614414f0", "004_170eeb0380cd80e2", "003_c0a46b905892e1bc"])
def test_dev_documents_match_gold(stem):
    doc, gold = DEV / "docs" / f"{stem}.txt", DEV / "gold" / f"{stem}.json"
    if not doc.exists() or not gold.exists():
        pytest.skip("dev set not available")
    text = canonical(doc.read_text(encoding="utf-8"))
    wanted = json.loads(gold.read_text(encoding="utf-8"))["inspection_subjects"]
    assert sorted(keys(extract_inspection_subjects(text))) == sorted(keys(wanted))

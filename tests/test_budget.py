"""Budget: funding-source sentences, from real phrases of CCHC plans (corpus and dev documents)."""
from pathlib import Path

import pytest

from pipeline.extract.budget import budget_spans, extract_budget

ROOT = Path(__file__).resolve().parents[1]

ROWS = [
    # a KINH PHÍ section: its money sentences, not its heading
    ("III. KINH PHÍ\n\nKinh phí hoạt động của Đoàn kiểm tra được đảm bảo từ nguồn ngân sách huyện "
     "bố trí cho hoạt động công tác CCHC năm 2022.\n\nIV. TỔ CHỨC THỰC HIỆN",
     ["Kinh phí hoạt động của Đoàn kiểm tra được đảm bảo từ nguồn ngân sách huyện bố trí cho "
      "hoạt động công tác CCHC năm 2022."]),
    ("VI. KINH PHÍ THỰC HIỆN\n\nKinh phí tổ chức kiểm tra việc thực hiện nhiệm vụ CCHC và kiểm tra "
     "chuyên đề được bố trí từ nguồn kinh phí CCHC Ủy ban nhân dân tỉnh đã giao cho Sở Nội vụ trong "
     "năm 2024./.\n\nĐỀ CƯƠNG BÁO CÁO\n\nPhục vụ kiểm tra toàn diện công tác cải cách hành chính năm 2024",
     ["Kinh phí tổ chức kiểm tra việc thực hiện nhiệm vụ CCHC và kiểm tra chuyên đề được bố trí từ "
      "nguồn kinh phí CCHC Ủy ban nhân dân tỉnh đã giao cho Sở Nội vụ trong năm 2024."]),
    # a numbered sub-heading, letter items, a page break inside the second sentence
    ("7. Kinh phí thực hiện kiểm tra\n\na) Kinh phí thực hiện kiểm tra định kỳ, kiểm tra đột xuất được "
     "chi từ nguồn kinh phí CCHC năm 2023 cấp cho Sở Nội vụ;\n\nb) Kinh phí kiểm tra hoạt động xây dựng, "
     "áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia TCVN ISO "
     "9001:2015 được\n\nchi từ nguồn kinh phí được UBND thành phố cấp cho Ban Quản lý ISO thành phố Cần "
     "Thơ năm 2023.\n\nTrên đây là Kế hoạch kiểm tra công tác CCHC năm 2023 của thành phố.",
     ["Kinh phí thực hiện kiểm tra định kỳ, kiểm tra đột xuất được chi từ nguồn kinh phí CCHC năm 2023 "
      "cấp cho Sở Nội vụ;",
      "Kinh phí kiểm tra hoạt động xây dựng, áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng "
      "theo tiêu chuẩn quốc gia TCVN ISO 9001:2015 được chi từ nguồn kinh phí được UBND thành phố cấp "
      "cho Ban Quản lý ISO thành phố Cần Thơ năm 2023."]),
    # a section whose sentences name money, and one line that does not
    ("III. KINH PHÍ THỰC HIỆN\n\nCơ quan tài chính huyện cân đối ngân sách, tham mưu bố trí nguồn kinh "
     "phí thực hiện các nhiệm vụ theo kế hoạch này theo định mức, chế độ quy định và khả năng ngân "
     "sách.\n\nCơ quan thực hiện: Phòng Tài chính - Kế hoạch, Phòng Nội vụ, các ngành liên quan.",
     ["Cơ quan tài chính huyện cân đối ngân sách, tham mưu bố trí nguồn kinh phí thực hiện các nhiệm vụ "
      "theo kế hoạch này theo định mức, chế độ quy định và khả năng ngân sách."]),
    ("6. Kinh phí thực hiện\n\n- Ngân sách địa phương: chi\ncho lập - vận hành hệ thống, thuê/mua hạ tầng "
     "công nghệ thông tin, bảo trì dữ\nliệu, đào tạo cán bộ.\n\n- Hỗ trợ từ ngân sách Trung\nương: Đề xuất "
     "hỗ trợ một phần cho các nhiệm vụ mang tính liên vùng.\n\n7. Tổ chức thực hiện",
     ["Ngân sách địa phương: chi cho lập - vận hành hệ thống, thuê/mua hạ tầng công nghệ thông tin, "
      "bảo trì dữ liệu, đào tạo cán bộ.",
      "Hỗ trợ từ ngân sách Trung ương: Đề xuất hỗ trợ một phần cho các nhiệm vụ mang tính liên vùng."]),
    # an item opening with Kinh phí: both its sentences
    ("2. Kinh phí thực hiện Kế hoạch này: Do ngân sách nhà nước đảm bảo theo phân cấp quản lý ngân sách "
     "nhà nước hiện hành. Việc lập dự toán, quản lý, sử dụng, thanh toán, quyết toán kinh phí thực hiện "
     "theo Luật Ngân sách nhà nước và các văn bản hướng dẫn thi hành.\n\n3. Giao Công an tỉnh chủ trì",
     ["Kinh phí thực hiện Kế hoạch này: Do ngân sách nhà nước đảm bảo theo phân cấp quản lý ngân sách "
      "nhà nước hiện hành.",
      "Việc lập dự toán, quản lý, sử dụng, thanh toán, quyết toán kinh phí thực hiện theo Luật Ngân sách "
      "nhà nước và các văn bản hướng dẫn thi hành."]),
    # outside a funding section: sentences that name a source
    ("- Các nhiệm vụ của Ban điều hành CCHC huyện do Phòng Nội vụ chủ trì tham mưu triển khai thực hiện "
     "sử dụng từ nguồn kinh phí CCHC hàng năm do ngân sách huyện phân bổ.",
     ["Các nhiệm vụ của Ban điều hành CCHC huyện do Phòng Nội vụ chủ trì tham mưu triển khai thực hiện "
      "sử dụng từ nguồn kinh phí CCHC hàng năm do ngân sách huyện phân bổ."]),
    ("chuẩn bị kinh phí thực hiện (nằm trong kinh phí thực hiện nhiệm vụ cải cách hành chính năm 2020) "
     "do Ủy ban nhân dân tỉnh phân bổ.",
     ["chuẩn bị kinh phí thực hiện (nằm trong kinh phí thực hiện nhiệm vụ cải cách hành chính năm 2020) "
      "do Ủy ban nhân dân tỉnh phân bổ."]),
    ("Kinh phí thực hiện được bố trí trong dự toán ngân sách hằng năm của các cơ quan, đơn vị.",
     ["Kinh phí thực hiện được bố trí trong dự toán ngân sách hằng năm của các cơ quan, đơn vị."]),
    ("Khuyến khích huy động từ nguồn xã hội hóa để triển khai các mô hình.",
     ["Khuyến khích huy động từ nguồn xã hội hóa để triển khai các mô hình."]),
    # rows that give nothing
    ("6. Thực hiện cơ chế tự chủ về sử dụng kinh phí quản lý hành chính tại cơ quan hành chính; tổ chức "
     "thực hiện các kiến nghị sau thanh tra, kiểm tra, kiểm toán nhà nước về tài chính, ngân sách.", []),
    ("- Tình hình tổ chức thực hiện các kiến nghị sau thanh tra, kiểm tra, kiểm toán nhà nước về tài "
     "chính, ngân sách (nếu có).", []),
    ("a) Thẩm định dự toán kinh\nphí phù hợp với khả năng ngân sách.", []),
    ("- Bố trí đủ nguồn tài chính và nhân lực cho cải cách hành chính.", []),
    ("Kết quả dự kiến\n\nNguồn kinh phí\n\nI\n\nHoàn thiện thể chế, ban hành quy định", []),
    ("2.1. Thành lập Đoàn kiểm tra: Giao Phòng Nội vụ chủ trì phối hợp với các phòng, đơn vị liên quan "
     "tham mưu UBND huyện thành lập Đoàn kiểm tra.", []),
    ("III. KINH PHÍ", []),
]


@pytest.mark.parametrize("text,expected", ROWS)
def test_extract_budget(text, expected):
    assert extract_budget(text) == expected


def test_spans_point_into_the_text_and_skip_drops_whole_sentences():
    text = ROWS[0][0]
    (start, end), = budget_spans(text)
    assert text[start:end].startswith("Kinh phí hoạt động") and text[start:end].endswith("năm 2022.")
    assert extract_budget(text, skip=[(start - 5, end + 1)]) == []
    assert extract_budget(text, skip=[(start, start + 10)]) == ROWS[0][1]  # a citation inside it


def test_corpus_plans_each_name_their_funding():
    """Every seed plan has a funding section or sentence; none repeats one."""
    from pipeline.normalize import canonical
    for path in sorted((ROOT / "corpus" / "docs").glob("*.txt")):
        found = extract_budget(canonical(path.read_text(encoding="utf-8")))
        assert found and len(found) == len(set(found)), path.name
        assert all("kinh phí" in s.lower() or "ngân sách" in s.lower() for s in found)

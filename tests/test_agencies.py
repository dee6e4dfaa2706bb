"""Agency names from real phrases of CCHC documents: display form, comparison key, lists."""
import pytest

from pipeline.agencies import agency_key, canonical_agency, list_end, split_bodies

CANONICAL = [
    ("UBND huyện", "Ủy ban nhân dân huyện"),
    ("Văn phòng HĐND & UBND huyện", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"),
    ("Phòng Văn hóa & Thông tin", "Phòng Văn hóa và Thông tin"),
    ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
    ("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Uỷ ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),
    ("Sở Lao động – Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"),
    ("Phòng Tài chính-Kế hoạch", "Phòng Tài chính - Kế hoạch"),
    ("Sở Tài chính (cơ quan chủ trì)", "Sở Tài chính"),
    ("Văn phòng  UBND\nthành phố", "Văn phòng Ủy ban nhân dân thành phố"),
]


@pytest.mark.parametrize("raw, want", CANONICAL)
def test_canonical_agency(raw, want):
    assert canonical_agency(raw) == want


SAME_KEY = [
    ("UBND thành phố", "Ủy ban nhân dân Thành phố"),
    ("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Văn phòng HĐND & UBND huyện", "Văn phòng HĐND và UBND huyện"),
    ("Sở Lao động – Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"),
    ("Công An Thành phố", "Công an thành phố"),
]


@pytest.mark.parametrize("a, b", SAME_KEY)
def test_agency_key_joins_spellings(a, b):
    assert agency_key(a) == agency_key(b)


def test_agency_key_keeps_bodies_apart():
    assert agency_key("Sở Nội vụ") != agency_key("Phòng Nội vụ")


def bodies(text):
    return [(p.kind, p.name) for p in split_bodies(text) if p.kind != "other"]


B, G = "body", "group"
LISTS = [
    ("Phòng Nội vụ; các ngành liên quan, UBND xã - thị trấn",
     [(B, "Phòng Nội vụ"), (G, "Các ngành liên quan"), (G, "Ủy ban nhân dân xã - thị trấn")]),
    ("Sở Nội vụ, Văn phòng UBND thành phố, Sở Tư pháp và các sở, ngành có liên quan",
     [(B, "Sở Nội vụ"), (B, "Văn phòng Ủy ban nhân dân thành phố"), (B, "Sở Tư pháp"),
      (G, "Các sở, ngành có liên quan")]),
    # a comma inside a name: the next word is no head
    ("Sở Văn hóa, Thể thao và Du lịch, Sở Nội vụ", [(B, "Sở Văn hóa, Thể thao và Du lịch"), (B, "Sở Nội vụ")]),
    ("Trung tâm Văn hóa - Thể thao và Truyền thanh; Phòng Nội vụ",
     [(B, "Trung tâm Văn hóa - Thể thao và Truyền thanh"), (B, "Phòng Nội vụ")]),
    ("Văn phòng HĐND & UBND huyện", [(B, "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện")]),
    ("Chánh Văn phòng Đoàn Đại biểu Quốc hội, Hội đồng nhân dân và Ủy ban nhân dân tỉnh, Giám đốc Sở Tư pháp",
     [(B, "Văn phòng Đoàn Đại biểu Quốc hội, Hội đồng nhân dân và Ủy ban nhân dân tỉnh"), (B, "Sở Tư pháp")]),
    # persons stand for their bodies
    ("Lãnh đạo UBND thành phố", [(B, "Ủy ban nhân dân thành phố")]),
    ("Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Thủ trưởng các sở, ban, ngành thuộc tỉnh",
     [(B, "Văn phòng Ủy ban nhân dân tỉnh"), (B, "Sở Nội vụ"), (G, "Các sở, ban, ngành thuộc tỉnh")]),
    ("Trưởng phòng Nội vụ", [(B, "Phòng Nội vụ")]),
    ("Chủ tịch Ủy ban nhân dân huyện, thành phố", [(G, "Ủy ban nhân dân huyện, thành phố")]),
    # a bare local head takes the unit its list ends with
    ("Chính phủ, Hội đồng nhân dân, Ủy ban nhân dân tỉnh Vĩnh Long",
     [(B, "Chính phủ"), (B, "Hội đồng nhân dân tỉnh Vĩnh Long"), (B, "Ủy ban nhân dân tỉnh Vĩnh Long")]),
    # a wrapped name and stacked names of one table cell
    ("Sở Khoa học và Công\nnghệ", [(B, "Sở Khoa học và Công nghệ")]),
    ("Các sở, ngành, UBND xã, phường, đặc khu\nSở Tài chính",
     [(G, "Các sở, ngành"), (G, "Ủy ban nhân dân xã, phường, đặc khu"), (B, "Sở Tài chính")]),
    ("Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh, Liên minh Hợp tác xã Tỉnh",
     [(B, "Hiệp hội Doanh nghiệp tỉnh"), (B, "Hội Nông dân tỉnh"), (B, "Liên minh Hợp tác xã Tỉnh")]),
    # a proper name closes its body's name; heads that are whole names; a 2025 joined name
    ("Báo Quảng Ngãi, Cổng Thông tin điện tử tỉnh", [(B, "Báo Quảng Ngãi"), (B, "Cổng Thông tin điện tử tỉnh")]),
    ("Liên đoàn Lao động tỉnh, Tỉnh đoàn, Hội Liên hiệp Phụ nữ tỉnh",
     [(B, "Liên đoàn Lao động tỉnh"), (B, "Tỉnh đoàn"), (B, "Hội Liên hiệp Phụ nữ tỉnh")]),
    ("Báo và Phát thanh, Truyền hình Quảng Ngãi", [(B, "Báo và Phát thanh, Truyền hình Quảng Ngãi")]),
    ("Công chức Văn phòng - Thống kê xã, Công chức Địa chính - Xây dựng xã",
     [(B, "Công chức Văn phòng - Thống kê xã"), (B, "Công chức Địa chính - Xây dựng xã")]),
    ("Ngân hàng Nhà nước Việt Nam Chi nhánh tỉnh Gia Lai", [(B, "Ngân hàng Nhà nước Việt Nam Chi nhánh tỉnh Gia Lai")]),
    ("cán bộ, công chức, viên chức", []),
    # words that are no bodies
    ("Báo cáo", []),
    ("Thường xuyên", []),
    ("Quý II - III năm 2023", []),
    ("Đoàn kiểm tra", []),
    ("Ban điều hành CCHC cấp huyện", [(G, "Ban điều hành CCHC cấp huyện")]),
]


@pytest.mark.parametrize("text, want", LISTS)
def test_split_bodies(text, want):
    assert bodies(text) == want


OPEN_LISTS = [
    ("Giao ", "Sở Nội vụ tham mưu UBND thành phố", "Sở Nội vụ"),
    ("giao ", "Bộ Kế hoạch và Đầu tư theo chức năng, nhiệm vụ được giao", "Bộ Kế hoạch và Đầu tư"),
    ("yêu cầu ", "Bộ Lao động - Thương binh và Xã hội khẩn trương hoàn thành", "Bộ Lao động - Thương binh và Xã hội"),
    ("phối hợp với ", "Văn phòng UBND tỉnh; Sở Tư pháp và các cơ quan, tổ chức có liên quan tham mưu",
     "Văn phòng UBND tỉnh; Sở Tư pháp"),
    ("phối hợp với ", "Công an Thành phố và các đơn vị có liên quan đảm bảo kết nối", "Công an Thành phố"),
    ("Giao ", "Phòng Nội vụ thường xuyên theo dõi", "Phòng Nội vụ"),
    ("Giao ", "Chính phủ, căn cứ vào Nghị quyết này", "Chính phủ"),
    ("", "Ban Chỉ đạo cải cách hành chính tỉnh có trách nhiệm giúp UBND tỉnh", "Ban Chỉ đạo cải cách hành chính tỉnh"),
    ("", "Hội đồng Dân tộc, các Ủy ban của Quốc hội, Đoàn đại biểu Quốc hội và đại biểu Quốc hội tỉnh Vĩnh Long, "
         "trong phạm vi nhiệm vụ", "Hội đồng Dân tộc, các Ủy ban của Quốc hội, Đoàn đại biểu Quốc hội và đại biểu "
                                   "Quốc hội tỉnh Vĩnh Long"),
    ("phối hợp với ", "Đài Phát thanh và Truyền hình tỉnh, Báo Thừa Thiên Huế đẩy mạnh tuyên truyền",
     "Đài Phát thanh và Truyền hình tỉnh, Báo Thừa Thiên Huế"),
    ("phối hợp với ", "Sở Nội vụ thanh tra công vụ", "Sở Nội vụ"),
    ("Giao ", "công chức Văn hóa - Xã hội phối hợp với Đài Truyền thanh xã", "công chức Văn hóa - Xã hội"),
    ("giao ", "các phòng, đơn vị liên quan", ""),
    ("giao ", "nhiệm vụ cho một số doanh nghiệp", ""),
]


@pytest.mark.parametrize("verb, rest, want", OPEN_LISTS)
def test_list_end(verb, rest, want):
    text = verb + rest
    assert text[len(verb):list_end(text, len(verb))] == want

"""The closing (Nghị định 30/2020/NĐ-CP, Phụ lục I, ô 7 and 9): the signature block
(quyền hạn, chức vụ, họ tên người ký) and Nơi nhận, in the forms Word, web and PDF
copies print them; party documents as Hướng dẫn 36-HD/VPTW prints them."""
from __future__ import annotations

import pytest

from pipeline.flow import read_header
from pipeline.layout import analyse
from pipeline.normalize import canonical
from pipeline.textfold import fold, fold_ascii

HEAD = (
    "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
    "Số: 32/KH-UBND\n\nKiên Giang, ngày 03 tháng 3 năm 2020\n\nKẾ HOẠCH\n"
    "Kiểm tra công tác cải cách hành chính năm 2020\n\n"
    "Thực hiện Kế hoạch số 164/KH-UBND ngày 09 tháng 12 năm 2019 của Ủy ban nhân dân tỉnh, Ủy ban nhân dân\n"
    "tỉnh ban hành Kế hoạch kiểm tra công tác cải cách hành chính năm 2020, như sau:\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\n- Đánh giá đúng thực chất mức độ triển khai nhiệm vụ.\n\n"
    "II. TỔ CHỨC THỰC HIỆN\n\nSở Nội vụ chủ trì, phối hợp với các cơ quan liên quan triển khai Kế hoạch này./.\n\n"
)
RECIPIENTS = "Nơi nhận:\n- Bộ Nội vụ;\n- TT. HĐND tỉnh;\n- CT và các PCT. UBND tỉnh;\n- Lưu: VT, NC.\n\n"


def closing(signature: str, recipients: str = RECIPIENTS) -> str:
    return HEAD + recipients + signature + "\n"


def header_of(text: str) -> dict:
    return read_header(analyse(canonical(text)), [])


def _ids(rows, column):
    return [f"{i:02d}-{fold_ascii(str(row[column]))[:40]}" for i, row in enumerate(rows)]


# -- người ký ---------------------------------------------------------------------------------------

PARTY_CLOSING = (
    "ĐẢNG BỘ TỈNH AN GIANG\nHUYỆN ỦY CHỢ MỚI\n*\nSố 05-KH/HU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
    "Chợ Mới, ngày 15 tháng 3 năm 2021\n\nKẾ HOẠCH\nThực hiện Nghị quyết về đẩy mạnh cải cách hành chính\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n\n- Quán triệt sâu rộng Nghị quyết trong cán bộ, đảng viên.\n\n"
    "Nơi nhận:\n- Ban Thường vụ Tỉnh ủy (b/c),\n- Các chi, đảng bộ cơ sở,\n- Lưu Văn phòng Huyện ủy.\n\n"
    "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nNguyễn Văn Thuận\n"
)
QD_THEN_PLAN = (
    "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\n\nSố: 254/QĐ-UBND\n\nSơn La, ngày 17 tháng 02 năm 2023\n\nQUYẾT ĐỊNH\n\n"
    "BAN HÀNH KẾ HOẠCH THỰC HIỆN CÔNG TÁC BẢO VỆ BÍ MẬT NHÀ NƯỚC NĂM 2023\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n\n"
    "Căn cứ Luật Bảo vệ bí mật nhà nước ngày 15 tháng 11 năm 2018;\n\nQUYẾT ĐỊNH:\n\n"
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện công tác bảo vệ bí mật nhà nước năm 2023.\n\n"
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n\n"
    "Nơi nhận:\n- Bộ Công an (Cục A03 - để b/c);\n- Như Điều 3;\n- Lưu: VT, NC.\n\n"
    "CHỦ TỊCH\n\nHoàng Quốc Khánh\n\n"
    "KẾ HOẠCH\n\nThực hiện công tác bảo vệ bí mật nhà nước năm 2023\n"
    "(Kèm theo Quyết định số 254/QĐ-UBND ngày 17/02/2023 của Chủ tịch UBND tỉnh)\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n\n- Triển khai thực hiện nghiêm túc Luật Bảo vệ bí mật nhà nước.\n\n"
    "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Hồng Minh\n"
)

PIPE_CLOSING = ("| Nơi nhận: | TM. ỦY BAN NHÂN DÂN |\n| - Bộ Nội vụ; | CHỦ TỊCH |\n"
                "| - Lưu: VT, NC. | |\n| | Lê Anh Dũng |\n")

SIGNER_ROWS = [
    # text, authority, position, name (authority and position are compared folded, as the scorer does)
    (closing("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLê Anh Dũng"), "TM. Ủy ban nhân dân", "Chủ tịch", "Lê Anh Dũng"),
    (closing("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Thị Minh Phụng"),
     "KT. Chủ tịch", "Phó Chủ tịch", "Lê Thị Minh Phụng"),
    (closing("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\n\n\nDương Tấn Hiền"), "KT. Chủ tịch", "Phó Chủ tịch", "Dương Tấn Hiền"),
    (closing("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Văn Chiến"),
     "KT. Chủ tịch", "Phó Chủ tịch", "Trần Văn Chiến"),
    (closing("TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n\nNguyễn Văn Hùng"),
     "KT. Chánh Văn phòng", "Phó Chánh Văn phòng", "Nguyễn Văn Hùng"),
    (closing("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn Quang Tuấn"), "KT. Giám đốc", "Phó Giám đốc", "Nguyễn Quang Tuấn"),
    (closing("", recipients="Nơi nhận:\n- Như trên;\n- TTg, các PTTg: Vương Đình Huệ, Trịnh Đình Dũng;\n"
                            "- Lưu: VT, ĐMDN (2b). Trung Anh BỘ TRƯỞNG, CHỦ NHIỆM Mai Tiến Dũng\n"),
     None, "Bộ trưởng, Chủ nhiệm", "Mai Tiến Dũng"),
    (closing("KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM Nguyễn Khắc Định",
             recipients="Nơi nhận: - Như trên; - TTCP, các PTTg (để b/c); - Lưu: VT, KGVX (3).\n"),
     "KT. Bộ trưởng, Chủ nhiệm", "Phó Chủ nhiệm", "Nguyễn Khắc Định"),
    (closing("**TM. ỦY BAN NHÂN DÂN**\n**CHỦ TỊCH**\n\n\n\n**Cù Minh Trọng**"),
     "TM. Ủy ban nhân dân", "Chủ tịch", "Cù Minh Trọng"),
    (closing("CHỦ TỊCH\n\nHoàng Quốc Khánh"), None, "Chủ tịch", "Hoàng Quốc Khánh"),
    (closing("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nNguyễn Trọng Thừa"), "KT. Bộ trưởng", "Thứ trưởng", "Nguyễn Trọng Thừa"),
    (closing("TL. GIÁM ĐỐC\nCHÁNH VĂN PHÒNG\n\nLê Văn Tám"), "TL. Giám đốc", "Chánh Văn phòng", "Lê Văn Tám"),
    (closing("KT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG\n\nĐặng Thị Hoa"), "KT. Trưởng phòng", "Phó Trưởng phòng", "Đặng Thị Hoa"),
    (closing("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Thị Thanh Hương"),
     "TM. Ủy ban nhân dân", "Chủ tịch", "Nguyễn Thị Thanh Hương"),
    (closing("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nDương Tấn Hiền"), "KT. Chủ tịch", "Phó Chủ tịch", "Dương Tấn Hiền"),
    (closing("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(Đã ký và đóng dấu)\n\nLâm Hải Giang"),
     "KT. Chủ tịch", "Phó Chủ tịch", "Lâm Hải Giang"),
    (closing("KT. TỔ TRƯỞNG\nTỔ PHÓ THƯỜNG TRỰC\n\nNgô Hải Phan"), "KT. Tổ trưởng", "Tổ phó thường trực", "Ngô Hải Phan"),
    (closing("TM. BAN CHỈ ĐẠO\nTRƯỞNG BAN\n\nPhạm Thị Thanh Trà"), "TM. Ban Chỉ đạo", "Trưởng ban", "Phạm Thị Thanh Trà"),
    (PARTY_CLOSING, "T/M Ban Thường vụ", "Phó Bí thư", "Nguyễn Văn Thuận"),
    (QD_THEN_PLAN, None, "Chủ tịch", "Hoàng Quốc Khánh"),
    (closing("", recipients=PIPE_CLOSING), "TM. Ủy ban nhân dân", "Chủ tịch", "Lê Anh Dũng"),
    # scans of signed paper: a red seal over the position's last letters and beside the name
    (closing("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TIỊC\nTrần Phước Hiên -À"),
     "KT. Chủ tịch", "Phó Chủ tịch", "Trần Phước Hiên"),
    (closing("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n=“>'uauL———\nli HN\nTrần À Hoàng Tuần"),
     "KT. Chủ tịch", "Phó Chủ tịch", "Trần Hoàng Tuần"),
    # the head of a steering board signs as such; the line under it names their other office
    (closing("TRƯỞNG BAN\nCHỦ TỊCH UBND TỈNH\nNguyễn Hoàng Giang"), None, "Trưởng ban", "Nguyễn Hoàng Giang"),
    # a scan that did not tell the closing's columns apart: the block among the recipients
    (HEAD + "Nơi nhận:\n- Bộ Nội vụ;\n- TT. HĐND tỉnh;\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n- CT và các PCT. UBND tỉnh;\n"
     "- Lưu: VT, NC.\n", "TM. Ủy ban nhân dân", "Chủ tịch", None),
    # a scan read the signature column first: the block above Nơi nhận, the name alone after Lưu
    (HEAD + "* TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH!\n" + RECIPIENTS.rstrip() + "\nLê Anh Dũng\n",
     "TM. Ủy ban nhân dân", "Chủ tịch", "Lê Anh Dũng"),
]


@pytest.mark.parametrize("text, authority, position, name", SIGNER_ROWS, ids=_ids(SIGNER_ROWS, 3))
def test_signer(text, authority, position, name):
    signer = header_of(text)["signer"]
    assert signer is not None
    got = (signer.authority and fold(signer.authority), signer.position and fold(signer.position), signer.name)
    assert got == (authority and fold(authority), fold(position), name)


# -- nơi nhận ------------------------------------------------------------------------------------------

SIGN = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLê Anh Dũng"

RECIPIENT_ROWS = [
    (closing(SIGN), ["Bộ Nội vụ", "TT. HĐND tỉnh", "CT và các PCT. UBND tỉnh"]),
    (closing(SIGN, "Nơi nhận:\n\n- Bộ Nội vụ;\n- TT. HĐND tỉnh;\n- Lưu: VT, bntam.\n\n"), ["Bộ Nội vụ", "TT. HĐND tỉnh"]),
    (closing(SIGN, "Nơi nhận:\n- Sở Nội vụ Hà Tĩnh (để b/c);\n- Chủ tịch, các PCT UBND huyện;\n"
                   "- Các phòng, ban, đơn vị thuộc\nhuyện;\n- UBND các xã, thị trấn;\n- Lưu: VT.\n\n"),
     ["Sở Nội vụ Hà Tĩnh (để b/c)", "Chủ tịch, các PCT UBND huyện", "Các phòng, ban, đơn vị thuộc huyện",
      "UBND các xã, thị trấn"]),
    (closing(SIGN, "Nơi nhận: - Như trên; - TTCP, các PTTg (để b/c); - VPCP: BTCN, các PCN; - Trợ lý TTCP, "
                   "Cổng TTĐTCP; các Vụ: KTTH, QHQT; - Lưu: VT, KGVX (3).\n\n"),
     ["Như trên", "TTCP, các PTTg (để b/c)", "VPCP: BTCN, các PCN", "Trợ lý TTCP, Cổng TTĐTCP; các Vụ: KTTH, QHQT"]),
    (closing(SIGN, "Nơi nhận:\n- Như Điều 3;\n- Sở Lao động - Thương binh và Xã hội;\n- Lưu: VT, NC.\n\n"),
     ["Như Điều 3", "Sở Lao động - Thương binh và Xã hội"]),
    (closing(SIGN, "Nơi nhận:\n+ Bộ Nội vụ;\n+ Văn phòng Chính phủ;\n+ Lưu: VT.\n\n"), ["Bộ Nội vụ", "Văn phòng Chính phủ"]),
    (closing(SIGN, "Nơi nhận:\n• Bộ Nội vụ;\n• Văn phòng Chính phủ;\n• Lưu: VT.\n\n"), ["Bộ Nội vụ", "Văn phòng Chính phủ"]),
    (closing(SIGN, "Nơi nhận: - Như Điều 3;\n- CT, các PCT UBND tỉnh;\n- Lưu: VT, NC.\n\n"),
     ["Như Điều 3", "CT, các PCT UBND tỉnh"]),
    (closing(SIGN, "**Nơi nhận:**\n*- Bộ Nội vụ;*\n*- Văn phòng Chính phủ;*\n*- Lưu: VT, NC.*\n\n"),
     ["Bộ Nội vụ", "Văn phòng Chính phủ"]),
    (closing(SIGN, "Nơi nhận :\n- Bộ Nội vụ;\n- Lưu VT, NV.\n\n"), ["Bộ Nội vụ"]),
    (closing(SIGN, "Nơi nhận:\n- Bộ Nội vụ;\n- Lưu: VT, P.NV (02b).\n" + SIGN + "\n\n"), ["Bộ Nội vụ"]),
    (closing(SIGN, "Nơi nhận:\n- Bộ Nội vụ;\n- Văn phòng Chính phủ;\n- UBND TỈNH (để b/c);\n- Lưu: VT.\n\n"),
     ["Bộ Nội vụ", "Văn phòng Chính phủ", "UBND TỈNH (để b/c)"]),
    (closing(SIGN, "Nơi nhận:\n- Bộ Nội vụ;\n\n- TT. HĐND tỉnh;\n\n- Các sở, ban, ngành tỉnh;\n\n- Lưu: VT.\n\n"),
     ["Bộ Nội vụ", "TT. HĐND tỉnh", "Các sở, ban, ngành tỉnh"]),
    (closing(SIGN, "Nơi nhận:\nNhư trên;\nBộ Nội vụ;\nLưu: VT.\n\n"), ["Như trên", "Bộ Nội vụ"]),
    (closing(SIGN, "Nơi nhận:\n- Tổ công tác thực hiện Đề án 30 các tỉnh: Yên Bái, Hòa Bình, Thái Nguyên,\n"
                   "Nam Định, Thái Bình;\n- VPCP: BTCN (để báo cáo);\n- Lưu: VT, TCTCT.\n\n"),
     ["Tổ công tác thực hiện Đề án 30 các tỉnh: Yên Bái, Hòa Bình, Thái Nguyên, Nam Định, Thái Bình",
      "VPCP: BTCN (để báo cáo)"]),
    # scans: the storage line after an item left open, a speck before `Lưu`, `;` read as `,`
    (closing(SIGN, "Nơi nhận:\n- Bộ Nội vụ;\n- UBND các xã, phường, thị trấn:\nxLưu;: VT KSTT.\n\n"),
     ["Bộ Nội vụ", "UBND các xã, phường, thị trấn"]),
    (closing(SIGN, "Nơi nhận: - Như trên; - Trợ lý TTCP, Cổng TTĐTCP; các Vụ: KTTH, QHQT, - Lưu: VT, KGVX (3).\n\n"),
     ["Như trên", "Trợ lý TTCP, Cổng TTĐTCP; các Vụ: KTTH, QHQT"]),
    # scans: a speck read as `)` or `%` is no part of a recipient
    (closing(SIGN, "Nơi nhận:%\n- Chính phủ;\n- Kiểm toán nhà nước;)\n- Các Bộ (để b/c);\n- Lưu: HC, PLTP.\n\n"),
     ["Chính phủ", "Kiểm toán nhà nước", "Các Bộ (để b/c)"]),
    (PARTY_CLOSING, ["Ban Thường vụ Tỉnh ủy (b/c)", "Các chi, đảng bộ cơ sở"]),
    (QD_THEN_PLAN, ["Bộ Công an (Cục A03 - để b/c)", "Như Điều 3"]),
    (closing("", recipients=PIPE_CLOSING), ["Bộ Nội vụ"]),
    (HEAD + SIGN + "\n", []),
]


@pytest.mark.parametrize("text, expected", RECIPIENT_ROWS, ids=_ids(RECIPIENT_ROWS, 1))
def test_recipients(text, expected):
    assert header_of(text)["recipients"] == expected


def test_kinh_gui_is_not_a_recipient():
    """A Công văn's `Kính gửi` list names addressees, not Nơi nhận."""
    text = ("BỘ NỘI VỤ\n\nSố: 1520/BNV-CCHC\nV/v hướng dẫn xác định Chỉ số cải cách hành chính\n\n"
            "Hà Nội, ngày 10 tháng 4 năm 2023\n\nKính gửi:\n- Các Bộ, cơ quan ngang Bộ;\n"
            "- Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.\n\n"
            "Bộ Nội vụ đề nghị các cơ quan triển khai xác định Chỉ số cải cách hành chính năm 2023./.\n\n"
            "Nơi nhận:\n- Như trên;\n- Lưu: VT, Vụ CCHC.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nNguyễn Trọng Thừa\n")
    assert header_of(text)["recipients"] == ["Như trên"]

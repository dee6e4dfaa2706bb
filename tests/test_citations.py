"""Cited documents: real phrases from the dev documents and the forms of Nghị định 30/2020/NĐ-CP.

Each row is (text, is_preamble, own_ref, own_year, bases, references): `is_preamble` passes the
whole text as the preamble zone; `bases` lists (ref or date, doc_type, relation) in order;
`references` is the set of refs (or dates, for laws cited by name) cited anywhere.
"""
from __future__ import annotations

import pytest

from pipeline.extract.citations import extract_citations, ref_key

ROWS = [
    # --- the common form, each date form -------------------------------------------------
    ("qd-ttg-date-words",
     "Căn cứ Quyết định số 225/QĐ-TTg ngày 04 tháng 02 năm 2016 của Thủ tướng Chính phủ về việc "
     "phê duyệt Kế hoạch cải cách hành chính nhà nước giai đoạn 2016-2020;",
     True, None, None, [("225/QĐ-TTg", "Quyết định", "căn cứ")], {"225/QĐ-TTg"}),
    ("date-slashes",
     "Căn cứ Quyết định số 2640/QĐ-BNV ngày 10/10/2017 của Bộ Nội vụ phê duyệt Đề án đo lường sự hài lòng;",
     True, None, None, [("2640/QĐ-BNV", "Quyết định", "căn cứ")], {"2640/QĐ-BNV"}),
    ("thuc-hien-date-dashes",
     "Thực hiện Kế hoạch số 164/KH-UBND ngày 9-12-2019 của Ủy ban nhân dân tỉnh về công tác cải cách "
     "hành chính năm 2020, Ủy ban nhân dân tỉnh ban hành Kế hoạch kiểm tra như sau:",
     True, None, None, [("164/KH-UBND", "Kế hoạch", "thực hiện")], {"164/KH-UBND"}),
    ("ref-wrapped-over-lines",
     "Thực hiện Kế hoạch số\n283/KH-UBND ngày 24/9/2025 của Uỷ ban nhân dân Tỉnh về thực hiện Nghị quyết số\n"
     "71/NQ-CP ngày 01/5/2025 của Chính phủ và Chương trình hành động số 10-CTr/TU\nngày 13/8/2025 của "
     "Ban Thường vụ Tỉnh uỷ về thực hiện Nghị quyết số 57-NQ/TW\nngày 22/12/2024 của Bộ Chính trị về đột phá;",
     True, None, None, [("283/KH-UBND", "Kế hoạch", "thực hiện")],
     {"283/KH-UBND", "71/NQ-CP", "10-CTr/TU", "57-NQ/TW"}),
    # --- laws ------------------------------------------------------------------------------
    ("laws-by-date-wrapped",
     "Căn cứ Luật Tổ chức chính quyền địa phương ngày\n19/6/2015; Luật sửa đổi, bổ sung một số điều của "
     "Luật Tổ chức Chính phủ và Luật\nTổ chức chính quyền địa phương ngày 22/11/2019;",
     True, None, None, [("2015-06-19", "Luật", "căn cứ"), ("2019-11-22", "Luật", "căn cứ")],
     {"2015-06-19", "2019-11-22"}),
    ("law-with-number",
     "Căn cứ Luật Tổ chức chính\nquyền địa phương số 72/2025/QH15;",
     True, None, None, [("72/2025/QH15", "Luật", "căn cứ")], {"72/2025/QH15"}),
    ("law-with-only-a-year",
     "Căn cứ Luật Tổ chức Chính quyền địa phương năm 2015;",
     True, None, None, [], set()),
    ("ordinances-by-date",
     "Căn cứ Pháp lệnh Cán bộ, công chức ngày 26 tháng 02 năm 1998; Pháp lệnh sửa đổi, bổ sung một số "
     "điều của Pháp lệnh Cán bộ, công chức ngày 28 tháng 4 năm 2000;",
     True, None, None, [("1998-02-26", "Pháp lệnh", "căn cứ"), ("2000-04-28", "Pháp lệnh", "căn cứ")],
     {"1998-02-26", "2000-04-28"}),
    ("amending-act-is-a-basis",
     "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 được sửa đổi, bổ sung bởi Luật số "
     "87/2025/QH15;",
     True, None, None, [("72/2025/QH15", "Luật", "căn cứ"), ("87/2025/QH15", "Luật", "căn cứ")],
     {"72/2025/QH15", "87/2025/QH15"}),
    ("amending-law-by-date",
     "Căn cứ Luật Quy hoạch ngày 24 tháng 11 năm 2017 được sửa đổi, bổ sung một số điều tại Luật sửa "
     "đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư và Luật Đấu thầu ngày 29 tháng 11 năm 2024;",
     True, None, None, [("2017-11-24", "Luật", "căn cứ"), ("2024-11-29", "Luật", "căn cứ")],
     {"2017-11-24", "2024-11-29"}),
    ("laws-named-in-an-amending-title",
     "Căn cứ Luật Đất đai số 31/2024/QH15 ngày 18 tháng 01 năm 2024, được sửa đổi, bổ sung một số điều "
     "tại Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15 "
     "và Luật Các tổ chức tín dụng số 32/2024/QH15;",
     True, None, None, [("31/2024/QH15", "Luật", "căn cứ")], {"31/2024/QH15", "27/2023/QH15", "32/2024/QH15"}),
    ("constitution-amended-by-resolution",
     "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam đã được sửa\nđổi, bổ sung một số điều "
     "theo Nghị quyết số 203/2025/QH15;",
     True, None, None, [("203/2025/QH15", "Nghị quyết", "căn cứ")], {"203/2025/QH15"}),
    ("law-before-a-deadline",
     "Các sở tổ chức triển khai Luật Bảo vệ bí mật nhà nước trước ngày 30/6/2023.",
     False, None, None, [], set()),
    ("law-in-a-subject-line-above-the-date",
     "V/v quy định về quản trị doanh nghiệp tại Luật Doanh nghiệp chưa được thực thi\nHà Nội, ngày 05 "
     "tháng 04 năm 2019",
     False, None, None, [], set()),
    # --- lists, nesting ---------------------------------------------------------------------
    ("semicolon-list-in-one-clause",
     "Căn cứ Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ ban hành Chương trình tổng thể cải "
     "cách hành chính nhà nước giai đoạn 2011 - 2020; Quyết định số 225/QĐ-TTg ngày 04/02/2016 của Thủ "
     "tướng Chính phủ về việc phê duyệt Kế hoạch cải cách hành chính nhà nước giai đoạn 2016 -2020;",
     True, None, None, [("30c/NQ-CP", "Nghị quyết", "căn cứ"), ("225/QĐ-TTg", "Quyết định", "căn cứ")],
     {"30c/NQ-CP", "225/QĐ-TTg"}),
    ("nested-in-title-is-a-reference",
     "Căn cứ Kế hoạch số 38/KH-UBND ngày 01/3/2017 của UBND tỉnh thực hiện Đề án số 02-ĐA/TU ngày "
     "10/10/2016 của Tỉnh ủy Thái Nguyên về việc “Nâng cao chất lượng, hiệu quả thực hiện dân chủ ở cơ sở "
     "giai đoạn 2016 - 2019” và Kế hoạch số 81/KH-UBND ngày 23/9/2016 của UBND tỉnh thực hiện công tác "
     "dân vận;",
     True, None, None, [("38/KH-UBND", "Kế hoạch", "căn cứ"), ("81/KH-UBND", "Kế hoạch", "căn cứ")],
     {"38/KH-UBND", "02-ĐA/TU", "81/KH-UBND"}),
    ("amended-act-in-title",
     "Căn cứ Quyết định số 609/QĐ-TTg ngày 04 tháng 5 năm 2017 của Thủ tướng Chính phủ sửa đổi, bổ sung "
     "Quyết định số 225/QĐ-TTg ngày 04 tháng 02 năm 2016 của Thủ tướng Chính phủ;",
     True, None, None, [("609/QĐ-TTg", "Quyết định", "căn cứ")], {"609/QĐ-TTg", "225/QĐ-TTg"}),
    ("amending-resolution-after-a-nested-one",
     "Căn cứ Nghị quyết số\n03/NQ-CP ngày 09 tháng 01 năm 2025 của Chính phủ Ban hành chương trình hành "
     "động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về "
     "đột phá được sửa đổi, bổ sung cập nhật một số điều tại Nghị quyết số\n71/NQ-CP ngày 01 tháng 4 năm "
     "2025 của Chính phủ;",
     True, None, None, [("03/NQ-CP", "Nghị quyết", "căn cứ"), ("71/NQ-CP", "Nghị quyết", "căn cứ")],
     {"03/NQ-CP", "57-NQ/TW", "71/NQ-CP"}),
    ("list-after-a-colon",
     "Căn cứ các Quyết định của Thủ tướng Chính phủ về phê duyệt quy hoạch: Quyết định số 1629/QĐ-TTg "
     "ngày 16 tháng 12 năm 2023 phê duyệt Quy hoạch tỉnh Bà Rịa - Vũng Tàu; Quyết định số 790/QĐ-TTg "
     "ngày 03 tháng 8 năm 2024 phê duyệt Quy hoạch tỉnh Bình Dương;",
     True, None, None, [("1629/QĐ-TTg", "Quyết định", "căn cứ"), ("790/QĐ-TTg", "Quyết định", "căn cứ")],
     {"1629/QĐ-TTg", "790/QĐ-TTg"}),
    ("refs-sharing-a-type",
     "Trong thời gian qua, thực hiện chỉ đạo của UBND tỉnh\ntại Chỉ thị số 07/CT-UBND ngày 31/5/2021; các "
     "văn bản: số 4011/UBND-VX2 ngày\n15/6/2021, số 1071/UBND-VX2 ngày 23/02/2022 và số 4761/UBND-VX2 ngày "
     "30/6/2022, các cơ quan đã triển khai.",
     False, "07/CT-UBND", "2023", [], {"07/CT-UBND", "4011/UBND-VX2", "1071/UBND-VX2", "4761/UBND-VX2"}),
    ("cong-van-list-glued-year",
     "Để thực hiện ý kiến chỉ đạo của Thủ tướng Chínhphủ (Công văn: số 3335/VPCP-TCCV ngày 22 tháng "
     "5năm 2008, số 6279/VPCP-TCCV ngày 23 tháng 9 năm 2008), Tổ công tác đề nghị các đồng chí giao việc.",
     False, "24/CCTTHC", "2009", [], {"3335/VPCP-TCCV", "6279/VPCP-TCCV"}),
    # --- proposals ---------------------------------------------------------------------------
    ("xet-de-nghi",
     "Xét đề nghị của Giám đốc Sở Tư pháp tại Tờ trình số 2320/TTr-STP ngày 31 tháng 10 năm 2019,",
     True, None, None, [("2320/TTr-STP", "Tờ trình", "đề nghị")], {"2320/TTr-STP"}),
    ("two-proposers-so-misspelt",
     "Theo đề nghị của UBND huyện Châu Thành tại Tờ trình số 308/TTr-UBND ngày 10 tháng 12 năm 2021 và "
     "của Sở Tài nguyên và Môi trường tại Tờ trình so 8468/TTr-STNMT ngày 24 tháng 12 năm 2021.",
     True, None, None, [("308/TTr-UBND", "Tờ trình", "đề nghị"), ("8468/TTr-STNMT", "Tờ trình", "đề nghị")],
     {"308/TTr-UBND", "8468/TTr-STNMT"}),
    ("proposal-with-scheme-and-report",
     "Xét đề nghị của Chính phủ tại Tờ trình số 336/TTr-CP và Đề án số\n337/ĐA-CP ngày 09 tháng 5 năm "
     "2025, Báo cáo thẩm tra số\n445/BC-UBPLTP15 ngày 03 tháng 6 năm 2025 của Ủy ban Pháp luật và Tư\npháp,",
     True, None, None,
     [("336/TTr-CP", "Tờ trình", "đề nghị"), ("337/ĐA-CP", "Đề án", "đề nghị"),
      ("445/BC-UBPLTP15", "Báo cáo", "đề nghị")],
     {"336/TTr-CP", "337/ĐA-CP", "445/BC-UBPLTP15"}),
    ("proposal-line-outside-the-preamble",
     "Xét đề nghị của Bộ Nội vụ tại Tờ trình số 3291/TTr-BNV ngày 22 tháng 9 năm 2010 về việc tổ chức Hội "
     "nghị tổng kết, Thủ tướng Chính phủ có ý kiến chỉ đạo như sau:",
     False, None, None, [("3291/TTr-BNV", "Tờ trình", "đề nghị")], {"3291/TTr-BNV"}),
    ("proposal-in-a-van-ban",
     "Xét đề nghị của Giám đốc Sở Nội vụ tại văn bản số 1187/SNV-CCHC ngày 29 tháng 11 năm 2006,",
     True, None, None, [("1187/SNV-CCHC", "Công văn", "đề nghị")], {"1187/SNV-CCHC"}),
    ("clause-citing-nothing",
     "Căn cứ tình hình thực tế công tác cải cách hành chính trên địa bàn huyện.",
     True, None, None, [], set()),
    # --- ký hiệu forms ------------------------------------------------------------------------
    ("cong-van-without-so",
     "Căn cứ Công văn 285/CCTTHC ngày 08 tháng 9 năm 2009 của Tổ công tác chuyên trách cải cách thủ tục "
     "hành chính của Thủ tướng Chính phủ về chuẩn bị công bố cơ sở dữ liệu quốc gia;",
     True, None, None, [("285/CCTTHC", "Công văn", "căn cứ")], {"285/CCTTHC"}),
    ("symbol-names-no-type",
     "Căn cứ Kế hoạch số 520/KH-UBND ngày 24/12/2021 của UBND tỉnh về ban hành kế hoạch Cải cách hành "
     "chính; Công văn số 2349/SNV-CCHC&VTLT ngày 30/11/2021 của Sở Nội vụ về việc xây dựng Kế hoạch;",
     True, None, None, [("520/KH-UBND", "Kế hoạch", "căn cứ"), ("2349/SNV-CCHC&VTLT", "Công văn", "căn cứ")],
     {"520/KH-UBND", "2349/SNV-CCHC&VTLT"}),
    ("space-inside-ref",
     "theo Nghị định số 112/2020/NĐ-CP ngày 18/9/2020 của Chính phủ; Nghị định số 144/2021/NĐ- CP ngày "
     "31/12/2021 của Chính phủ quy định xử phạt",
     False, None, None, [], {"112/2020/NĐ-CP", "144/2021/NĐ-CP"}),
    ("space-inside-proposal-ref",
     "Theo đề nghị của Giám đốc Công an tỉnh tại Tờ trình số 02/TTr-CAT- ANCTNB ngày 03 tháng 02 năm 2023.",
     True, None, None, [("02/TTr-CAT-ANCTNB", "Tờ trình", "đề nghị")], {"02/TTr-CAT-ANCTNB"}),
    ("dotted-symbol",
     "Căn cứ Quyết định số 136/2001/QĐ.TTg ngày 17/9/2001 của Thủ tướng Chính Phủ ban hành Chương trình;",
     True, None, None, [("136/2001/QĐ.TTg", "Quyết định", "căn cứ")], {"136/2001/QĐ.TTg"}),
    ("symbol-with-a-department",
     "Căn cứ Quyết định số 1389/QĐ-UBND-HC ngày 11 tháng 9 năm 2021 của Ủy ban nhân dân Tỉnh về ban hành "
     "Kế hoạch;",
     True, "1602/QĐ-UBND-HC", "2021", [("1389/QĐ-UBND-HC", "Quyết định", "căn cứ")], {"1389/QĐ-UBND-HC"}),
    ("standing-committee-resolution",
     "Căn cứ Nghị quyết số 751/2019/UBTVQH14 ngày 16 tháng 8 năm 2019 của Ủy ban Thường vụ Quốc hội giải "
     "thích một số điều của Luật Quy hoạch;",
     True, None, None, [("751/2019/UBTVQH14", "Nghị quyết", "căn cứ")], {"751/2019/UBTVQH14"}),
    ("party-resolution",
     "Căn cứ Nghị quyết số 05-NQ/HU ngày 20 tháng 10 năm 2020 của Ban Chấp hành Đảng bộ huyện Chợ Mới về "
     "đẩy mạnh thực hiện cải cách hành chính;",
     True, None, None, [("05-NQ/HU", "Nghị quyết", "căn cứ")], {"05-NQ/HU"}),
    ("decimal-number",
     "Căn cứ Nghị quyết số\n66.2/2025/NQ-CP ngày 28 tháng 8 năm 2025 của Chính phủ Quy định xử lý khó khăn;",
     True, None, None, [("66.2/2025/NQ-CP", "Nghị quyết", "căn cứ")], {"66.2/2025/NQ-CP"}),
    ("spaced-hyphen-and-space-before-slash",
     "Căn cứ Kế hoạch số 08 /KH-UBND ngày 10/01/2024 của UBND thành phố; Quyết định số 468/QĐ - TTg "
     "ngày 27/3/2021 của Thủ tướng Chính phủ;\n- UBND xã;",
     True, None, None, [("08/KH-UBND", "Kế hoạch", "căn cứ"), ("468/QĐ-TTg", "Quyết định", "căn cứ")],
     {"08/KH-UBND", "468/QĐ-TTg"}),
    ("list-repeating-so-is-a-list-of-bases",
     "Căn cứ các Quyết định của UBND huyện: số 12/QĐ-UBND ngày 05/01/2023, số 15/QĐ-UBND ngày\n"
     "09/01/2023 về ban hành Kế hoạch cải cách hành chính năm 2023;",
     True, None, None, [("12/QĐ-UBND", "Quyết định", "căn cứ"), ("15/QĐ-UBND", "Quyết định", "căn cứ")],
     {"12/QĐ-UBND", "15/QĐ-UBND"}),
    ("clauses-inside-a-flattened-line",
     "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm "
     "2010 của Chính phủ; Xét đề nghị của Chánh Văn phòng tại Tờ trình số 1850/TTr-VPUB ngày 12 tháng 11 "
     "năm 2019, QUYẾT ĐỊNH: Điều 1. Thực hiện Nghị định số 92/2017/NĐ-CP.",
     False, None, None, [("63/2010/NĐ-CP", "Nghị định", "căn cứ"), ("1850/TTr-VPUB", "Tờ trình", "đề nghị")],
     {"63/2010/NĐ-CP", "1850/TTr-VPUB", "92/2017/NĐ-CP"}),
    # --- a plan's own section of legal bases -------------------------------------------------
    ("legal-basis-section",
     "I. CĂN CỨ PHÁP LÝ\nLuật Giao dịch điện tử (sửa đổi) ngày 22/6/2023;\nNghị định số 42/2022/NĐ-CP ngày "
     "24/6/2022 của Chính\nphủ quy định việc cung cấp thông tin;\nII. MỤC ĐÍCH, YÊU CẦU\n1. Triển khai "
     "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018.",
     False, None, None, [("2023-06-22", "Luật", "căn cứ"), ("42/2022/NĐ-CP", "Nghị định", "căn cứ")],
     {"2023-06-22", "42/2022/NĐ-CP", "61/2018/NĐ-CP"}),
    ("legal-basis-section-dashed-lines",
     "II. CĂN CỨ XÂY DỰNG KẾ HOẠCH\n- Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực "
     "hiện cơ chế một cửa.\n- Quyết định số 468/QĐ-TTg ngày 27/3/2021 của Thủ tướng Chính phủ phê duyệt "
     "Đề án đổi mới\n- Kế hoạch số 12/KH-UBND ngày 10/01/2024 của UBND tỉnh\nIII. NỘI DUNG\n1. Thực "
     "hiện Nghị quyết số 76/NQ-CP.",
     False, None, None, [("61/2018/NĐ-CP", "Nghị định", "căn cứ"), ("468/QĐ-TTg", "Quyết định", "căn cứ"),
                         ("12/KH-UBND", "Kế hoạch", "căn cứ")],
     {"61/2018/NĐ-CP", "468/QĐ-TTg", "12/KH-UBND", "76/NQ-CP"}),
    ("preamble-span-running-into-the-body",
     "Căn cứ Quyết định số 4935/QĐ-UBND ngày 29 tháng 12 năm 2023 của Ủy ban nhân dân tỉnh;\nQUYẾT "
     "ĐỊNH:\nĐiều 1. Thực hiện Kế hoạch số 135/KH-UBND ngày 05 tháng 10 năm 2022.",
     True, None, None, [("4935/QĐ-UBND", "Quyết định", "căn cứ")], {"4935/QĐ-UBND", "135/KH-UBND"}),
    ("type-the-symbol-names",
     "Thực hiện Thông báo kết luận số 12-TB/TU ngày 10/01/2024 của Ban Thường vụ Tỉnh ủy,",
     True, None, None, [("12-TB/TU", "Thông báo", "thực hiện")], {"12-TB/TU"}),
    # --- what is not a citation --------------------------------------------------------------
    ("own-ref-in-attachment",
     "(Ban hành kèm theo Quyết định số 1823/QĐ-UBND ngày 27/6/2019 của Ủy ban nhân dân tỉnh)",
     False, "1823/QĐ-UBND", "2019", [], set()),
    ("same-ref-another-year",
     "thực hiện chỉ đạo của UBND tỉnh tại Chỉ thị số 07/CT-UBND ngày 31/5/2021",
     False, "07/CT-UBND", "2023", [], {"07/CT-UBND"}),
    ("blank-number",
     "(Kèm theo Quyết định số      /QĐ-UBND ngày    tháng 3 năm 2024 của Ủy ban nhân dân tỉnh)",
     False, "/QĐ-UBND", "2024", [], set()),
    ("blank-number-with-year",
     "Số:      /2024/QĐ-UBND",
     False, None, None, [], set()),
    ("header-number",
     "Số: 32/KH-UBND\nNghi Xuân, ngày 03 tháng 3 năm 2020",
     False, None, None, [], set()),
    ("standards",
     "áp dụng Hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia TCVN ISO 9001:2015 (thay cho ISO "
     "9001:2008) và quy chuẩn QCVN 01:2021/BXD",
     False, None, None, [], set()),
    ("times-ratios-and-dates",
     "Hệ thống hoạt động 24/7, xếp vị trí 81/100; báo cáo trước ngày 20/5/2022.",
     False, None, None, [], set()),
    ("form-number",
     "Báo cáo theo Mẫu số 01/BC-CCHC kèm theo Kế hoạch này.",
     False, None, None, [], set()),
    ("each-document-once",
     "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện cơ chế một "
     "cửa;\nQUYẾT ĐỊNH:\nĐiều 1. Thực hiện đúng Nghị định số 61/2018/NĐ-CP và Nghị định 61/2018/NĐ-CP.",
     False, None, None, [("61/2018/NĐ-CP", "Nghị định", "căn cứ")], {"61/2018/NĐ-CP"}),
]


def test_preamble_span_cut_at_a_wrapped_comma_runs_to_the_sentence_end():
    """Layout may end a one-paragraph preamble at a line ending `,`: the sentence goes on."""
    text = ("Thực hiện Quyết định số 1291/QĐ-BNV ngày 24/12/2019 của Bộ trưởng Bộ Nội vụ phê duyệt Đề án\n"
            "“Xác định Chỉ số cải cách hành chính của các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh,\n"
            "thành phố trực thuộc trung ương”; Kế hoạch số 12/KH-UBND ngày 25/01/2021 của UBND tỉnh, UBND\n"
            "huyện ban hành Kế hoạch như sau:\n\nI. MỤC ĐÍCH\n1. Theo Nghị định số 61/2018/NĐ-CP.")
    cut = text.index("thành phố trực")
    legal, _ = extract_citations(text, (0, cut), None, None)
    assert [d.ref for d in legal] == ["1291/QĐ-BNV", "12/KH-UBND"]


def _key(doc) -> str:
    return ref_key(doc.ref) if doc.ref else doc.date


@pytest.mark.parametrize("text,is_preamble,own_ref,own_year,bases,references",
                         [row[1:] for row in ROWS], ids=[row[0] for row in ROWS])
def test_citations(text, is_preamble, own_ref, own_year, bases, references):
    preamble = (0, len(text)) if is_preamble else None
    legal, cited = extract_citations(text, preamble, own_ref, own_year)
    assert [(_key(d), d.doc_type, d.relation) for d in legal] == [
        (ref_key(k) if "/" in k else k, t, r) for k, t, r in bases]
    assert sorted(_key(d) for d in cited) == sorted(ref_key(k) if "/" in k else k for k in references)


DETAILS = [
    # (text, ref or date of the document, field, value)
    ("Căn cứ Quyết định số 225/QĐ-TTg ngày 04 tháng 02 năm 2016 của Thủ tướng Chính phủ về việc phê "
     "duyệt Kế hoạch cải cách hành chính nhà nước giai đoạn 2016-2020;",
     "225/QĐ-TTg", "issuer", "Thủ tướng Chính phủ"),
    ("Căn cứ Quyết định số 225/QĐ-TTg ngày 04 tháng 02 năm 2016 của Thủ tướng Chính phủ về việc phê "
     "duyệt Kế hoạch cải cách hành chính nhà nước giai đoạn 2016-2020;",
     "225/QĐ-TTg", "title", "phê duyệt Kế hoạch cải cách hành chính nhà nước giai đoạn 2016-2020"),
    ("Căn cứ Quyết định số 225/QĐ-TTg ngày 04 tháng 02 năm 2016 của Thủ tướng Chính phủ;",
     "225/QĐ-TTg", "date", "2016-02-04"),
    ("Thực hiện Kế hoạch số 164/KH-UBND ngày 9-12-2019 của Ủy ban nhân dân tỉnh về công tác cải cách "
     "hành chính năm 2020, Ủy ban nhân dân tỉnh ban hành Kế hoạch kiểm tra như sau:",
     "164/KH-UBND", "title", "công tác cải cách hành chính năm 2020"),
    ("Xét đề nghị của Giám đốc Sở Tư pháp tại Tờ trình số 2320/TTr-STP ngày 31 tháng 10 năm 2019,",
     "2320/TTr-STP", "issuer", "Giám đốc Sở Tư pháp"),
    ("Căn cứ Công văn 285/CCTTHC ngày 08 tháng 9 năm 2009 của Tổ công tác chuyên trách cải cách thủ tục "
     "hành chính của Thủ tướng Chính phủ về chuẩn bị công bố;",
     "285/CCTTHC", "issuer", "Tổ công tác chuyên trách cải cách thủ tục hành chính của Thủ tướng Chính phủ"),
    ("Căn cứ Chỉ thị số 02/CT-TTg ngày 15 tháng 11 năm 2019 về tăng cường công tác bảo vệ bí mật nhà nước.",
     "02/CT-TTg", "issuer", "Thủ tướng Chính phủ"),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
     "2015-06-19", "issuer", "Quốc hội"),
    ("Căn cứ Pháp lệnh Cán bộ, công chức ngày 26 tháng 02 năm 1998;",
     "1998-02-26", "issuer", "Ủy ban Thường vụ Quốc hội"),
    ("Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 về kiểm soát thủ tục hành chính;",
     "63/2010/NĐ-CP", "issuer", "Chính phủ"),
    ("Căn cứ Nghị định số 26/2020/NĐ-CP ngày 28 tháng 02 năm 2020 của Chính phủ Quy định chi tiết;",
     "26/2020/NĐ-CP", "issuer", "Chính phủ"),
]


@pytest.mark.parametrize("text,key,field,value", DETAILS)
def test_citation_details(text, key, field, value):
    _, cited = extract_citations(text, (0, len(text)), None, None)
    doc = next(d for d in cited if _key(d) == (ref_key(key) if "/" in key else key))
    assert getattr(doc, field) == value


@pytest.mark.parametrize("text", [row[1] for row in ROWS if row[6]][:12])
def test_spans_point_at_the_citation(text):
    _, cited = extract_citations(text, (0, len(text)), None, None)
    for doc in cited:
        start, end = doc.span
        quoted = ref_key(text[start:end])
        assert (ref_key(doc.ref) in quoted) if doc.ref else ("ngay" in quoted.lower() or "ngày" in quoted.lower())


def test_issuer_data_names_bodies():
    """issuers.yaml: each code and type maps to a body's name, and the codes are ký hiệu codes."""
    import re
    from pipeline.extract.citations import _issuers
    data = _issuers()
    assert set(data) == {"by_code", "by_type"}
    for code, body in data["by_code"].items():
        assert re.fullmatch(r"[A-ZĐ][A-Za-zĐ]*", code) and body.strip(), code
    assert data["by_type"]["Luật"] == "Quốc hội"


# --- whole documents through the pipeline ------------------------------------------------
# tests/data/content_variants/citations/<name>.txt: a real-style document (other provinces,
# levels, years and layouts than the dev set), labelled by RECORD.md before the code ran, with
# <name>.json beside it: `legal_bases` as [ref or [type, date], relation] and `references` as
# [ref or [type, date]], compared as the scorer keys them (`doc_key`).

import json  # noqa: E402
from pathlib import Path  # noqa: E402

from pipeline.flow import process  # noqa: E402
from pipeline.scoring import doc_key  # noqa: E402

VARIANTS = Path(__file__).parent / "data" / "content_variants" / "citations"


def _expected_key(label) -> tuple:
    item = {"ref": label} if isinstance(label, str) else {"doc_type": label[0], "date": label[1]}
    return doc_key(item)


def _record_key(doc) -> tuple | None:
    return doc_key({"ref": doc.ref, "doc_type": doc.doc_type, "date": doc.date})


@pytest.mark.parametrize("path", sorted(VARIANTS.glob("*.txt")), ids=lambda p: p.stem)
def test_variant_document(path):
    want = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    record = process(path)
    assert {_record_key(d): d.relation for d in record.legal_bases if _record_key(d)} == {
        _expected_key(label): relation for label, relation in want["legal_bases"]}
    assert {_record_key(d) for d in record.references} - {None} == {
        _expected_key(label) for label in want["references"]}


def test_variants_are_labelled():
    """At least twelve variants, each with its labels, so the table above cannot pass empty."""
    texts = sorted(VARIANTS.glob("*.txt"))
    assert len(texts) >= 12
    assert all(p.with_suffix(".json").exists() for p in texts)

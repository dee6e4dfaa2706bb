"""Builders of real input files for the ingest tests: a Word plan (python-docx)
and a text PDF (reportlab with DejaVuSans), laid out as Nghị định 30/2020 sets
an administrative document: a two-column header, the title, the body, and a
two-column closing (Nơi nhận left, signature right). The text is the real text
of the dev plan 001 (Kiên Giang, Kế hoạch 32/KH-UBND, 2020)."""
from __future__ import annotations

from pathlib import Path

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DEJAVU_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

HEADER_LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH KIÊN GIANG", "Số: 32/KH-UBND"]
HEADER_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "Kiên Giang, ngày 03 tháng 3 năm 2020"]
TITLE = ["KẾ HOẠCH", "Kiểm tra công tác cải cách hành chính năm 2020"]
BODY = [
    "Căn cứ Quyết định số 225/QĐ-TTg ngày 04 tháng 02 năm 2016 của Thủ tướng Chính phủ về việc phê duyệt "
    "Kế hoạch cải cách hành chính nhà nước giai đoạn 2016-2020;",
    "Thực hiện Kế hoạch số 164/KH-UBND ngày 09 tháng 12 năm 2019 của Ủy ban nhân dân tỉnh về công tác cải "
    "cách hành chính năm 2020, Ủy ban nhân dân tỉnh ban hành Kế hoạch kiểm tra công tác cải cách hành chính "
    "(CCHC) năm 2020, như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "a) Để đánh giá đúng thực chất mức độ triển khai thực hiện các nhiệm vụ công tác CCHC của các sở, ban, "
    "ngành tỉnh và Ủy ban nhân dân cấp huyện, cấp xã.",
    "b) Tạo chuyển biến mạnh mẽ về kỷ luật, kỷ cương, trách nhiệm phục vụ Nhân dân của đội ngũ cán bộ, "
    "công chức, nhất là cán bộ lãnh đạo, quản lý các cấp trong việc triển khai thực hiện công tác CCHC.",
    "2. Yêu cầu",
    "a) Kiểm tra phải đúng trọng tâm, trọng điểm, tuân thủ quy định của pháp luật, đảm bảo chất lượng, "
    "khách quan, không gây trở ngại đến các hoạt động bình thường của các cơ quan, đơn vị.",
    "II. NỘI DUNG, ĐỐI TƯỢNG, THỜI GIAN KIỂM TRA",
    "1. Nội dung kiểm tra: Kiểm tra toàn diện các nội dung theo Kế hoạch số 164/KH-UBND ngày 09 tháng 12 "
    "năm 2019 của Ủy ban nhân dân tỉnh.",
    "3. Thời gian kiểm tra: Quý III/2020.",
    "III. TỔ CHỨC THỰC HIỆN",
    "Trong quá trình triển khai thực hiện, nếu có khó khăn, vướng mắc, các cơ quan và địa phương phản ánh "
    "về Ủy ban nhân dân tỉnh (qua Sở Nội vụ) để xem xét, giải quyết./.",
]
RECIPIENTS = ["Nơi nhận:", "- Bộ Nội vụ;", "- TT. HĐND tỉnh;", "- CT và các PCT. UBND tỉnh;",
              "- Các sở, ban, ngành tỉnh;", "- UBND các huyện, thành phố;", "- Lưu: VT, bntam."]
SIGNATURE = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Thị Minh Phụng"]
DATA_TABLE = [["STT", "Đơn vị được kiểm tra", "Thời gian", "Ghi chú"],
              ["1", "Sở Kế hoạch và Đầu tư", "Quý III/2020", ""],
              ["2", "UBND huyện An Biên", "Quý III/2020", "Kiểm tra 02 xã"]]


# -- Word ---------------------------------------------------------------------

def build_docx(path: Path, *, numbered: bool = False) -> Path:
    """A plan as Word lays it out: header table, title, body, data table, closing table."""
    import docx

    document = docx.Document()
    _two_column_table(document, HEADER_LEFT, HEADER_RIGHT)
    for line in TITLE:
        document.add_paragraph(line)
    for paragraph in BODY:
        document.add_paragraph(paragraph)
    if numbered:
        for item in ("Sở Nội vụ chủ trì tham mưu.", "Các cơ quan được kiểm tra chuẩn bị hồ sơ."):
            document.add_paragraph(item, style="List Number")
    _data_table(document)
    _closing_table(document)
    document.save(path)
    return path


def _two_column_table(document, left: list[str], right: list[str]) -> None:
    table = document.add_table(rows=len(left), cols=2)
    for row, (left_text, right_text) in enumerate(zip(left, right)):
        table.cell(row, 0).text = left_text
        table.cell(row, 1).text = right_text


def _data_table(document) -> None:
    table = document.add_table(rows=len(DATA_TABLE), cols=len(DATA_TABLE[0]))
    for row, values in enumerate(DATA_TABLE):
        for column, value in enumerate(values):
            table.cell(row, column).text = value
    # Rows 1–2 share one "Thời gian" cell, as plans merge a repeated value.
    table.cell(2, 2).text = ""
    table.cell(1, 2).merge(table.cell(2, 2))


def _closing_table(document) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.text = RECIPIENTS[0]
    for line in RECIPIENTS[1:]:
        left.add_paragraph(line)
    right.text = SIGNATURE[0]
    for line in SIGNATURE[1:]:
        right.add_paragraph(line)


def build_legacy_docx(path: Path) -> Path:
    """A .VnTime Word file: TCVN3 bytes in the runs, the heading in .VnTimeH,
    the font that draws TCVN3's lowercase codes as capitals."""
    import docx

    document = docx.Document()
    heading = document.add_paragraph().add_run("kÕ ho¹ch")
    heading.font.name = ".VnTimeH"
    for text in ("C¨n cø LuËt Tæ chøc chÝnh quyÒn ®Þa ph­¬ng ngµy 19 th¸ng 6 n¨m 2015;",
                 "Uû ban nh©n d©n tØnh Qu¶ng Ng·i ban hµnh KÕ ho¹ch c¶i c¸ch hµnh chÝnh n¨m 2022."):
        document.add_paragraph().add_run(text).font.name = ".VnTime"
    document.save(path)
    return path


# -- PDF ----------------------------------------------------------------------

PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
LEFT_X, RIGHT_X, MARGIN_RIGHT = 60.0, 250.0, 545.0


def build_pdf(path: Path, *, body_repeats: int = 3, encrypt_user: str | None = None,
              encrypt_owner: str | None = None, blank_last_page: bool = False,
              right_shift: float = 1.5, signature_above: bool = False) -> Path:
    """A text PDF of the plan: two-column header, body over several pages with
    page numbers at the top of pages 2+, then the two-column closing.
    `right_shift` lowers the header's right column (pt: 9 puts its lines between
    the left column's); `signature_above` prints the authority line (KT. CHỦ TỊCH)
    one line above "Nơi nhận:", as some templates do."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(DEJAVU_BOLD)))
    encrypt = None
    if encrypt_user is not None or encrypt_owner is not None:
        from reportlab.lib import pdfencrypt
        encrypt = pdfencrypt.StandardEncryption(encrypt_user or "", ownerPassword=encrypt_owner or "owner", strength=128)
    pdf = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), encrypt=encrypt)
    writer = _Writer(pdf, right_shift, signature_above)
    writer.header()
    for _ in range(body_repeats):
        for paragraph in BODY:
            writer.paragraph(paragraph)
    writer.closing()
    pdf.showPage()
    if blank_last_page:
        pdf.showPage()
    pdf.save()
    return path


class _Writer:
    def __init__(self, pdf, right_shift: float = 1.5, signature_above: bool = False):
        self.pdf = pdf
        self.right_shift = right_shift
        self.signature_above = signature_above
        self.y = PAGE_H - 60
        self.page = 1

    def header(self) -> None:
        # Left column in bold 12 pt, right column in bold 11.5 pt with a slightly
        # different baseline: what Word's header table prints.
        for row, (left, right) in enumerate(zip(HEADER_LEFT, HEADER_RIGHT)):
            self._centered(left, LEFT_X, RIGHT_X - 20, self.y, "DejaVu-Bold" if row < 2 else "DejaVu", 11)
            self._centered(right, RIGHT_X, MARGIN_RIGHT, self.y - self.right_shift, "DejaVu-Bold" if row < 2 else "DejaVu", 10.5)
            self.y -= 18
        self.y -= 20
        for line in TITLE:
            self._centered(line, LEFT_X, MARGIN_RIGHT, self.y, "DejaVu-Bold", 12)
            self.y -= 18
        self.y -= 10

    def paragraph(self, text: str) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        words, line = text.split(), ""
        for word in words:
            candidate = f"{line} {word}".strip()
            if stringWidth(candidate, "DejaVu", 11) > MARGIN_RIGHT - LEFT_X and line:
                self._line(line)
                line = word
            else:
                line = candidate
        self._line(line)
        self.y -= 4

    def closing(self) -> None:
        if self.y < 220:
            self._new_page()
        top = self.y - 10
        signature_top = top + 16 if self.signature_above else top
        for row, line in enumerate(RECIPIENTS):
            self._text(line, LEFT_X, top - row * 14, "DejaVu-Bold" if row == 0 else "DejaVu", 9 if row else 10)
        for row, line in enumerate(SIGNATURE[:2]):
            self._centered(line, RIGHT_X + 40, MARGIN_RIGHT, signature_top - row * 16, "DejaVu-Bold", 11)
        # The name sits under the signature space, on a baseline of the recipients' list.
        self._centered(SIGNATURE[2], RIGHT_X + 40, MARGIN_RIGHT, top - 6 * 14, "DejaVu-Bold", 11)

    def _line(self, text: str) -> None:
        if self.y < 70:
            self._new_page()
        self._text(text, LEFT_X, self.y, "DejaVu", 11)
        self.y -= 15

    def _new_page(self) -> None:
        self.pdf.showPage()
        self.page += 1
        self.y = PAGE_H - 70
        self._centered(str(self.page), LEFT_X, MARGIN_RIGHT, PAGE_H - 40, "DejaVu", 10)

    def _text(self, text: str, x: float, y: float, font: str, size: float) -> None:
        self.pdf.setFont(font, size)
        self.pdf.drawString(x, y, text)

    def _centered(self, text: str, x0: float, x1: float, y: float, font: str, size: float) -> None:
        self.pdf.setFont(font, size)
        self.pdf.drawCentredString((x0 + x1) / 2, y, text)

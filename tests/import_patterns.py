"""Small plan documents, one for each way real plans differ from the three samples.

Written from the genre's conventions (Decree 30/2020 on the form of administrative
documents) and the shapes issue #15 lists; every name, number and date in them is
made up for the test. test_import_patterns.py imports each and checks the facts.
"""

# The document type and the title on one line; no header above it at all.
ONE_LINE_TITLE = """\
KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025
Căn cứ Kế hoạch số 12/KH-UBND ngày 05/01/2025 của Ủy ban nhân dân tỉnh Quảng Trị về cải cách hành chính năm 2025;
Ủy ban nhân dân xã Hải Lệ ban hành Kế hoạch cải cách hành chính năm 2025 như sau:
I. MỤC TIÊU, YÊU CẦU
1. Mục tiêu chung
Xây dựng nền hành chính phục vụ Nhân dân.
2. Mục tiêu cụ thể
- 100% thủ tục hành chính được công khai.
- Tối thiểu 90% hồ sơ được giải quyết trực tuyến.
3. Yêu cầu
- Bám sát kế hoạch của tỉnh.
II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Cải cách thể chế.
2. Cải cách thủ tục hành chính.
3. Xây dựng chính quyền số.
III. TỔ CHỨC THỰC HIỆN
1. Văn phòng HĐND và UBND xã: theo dõi, tổng hợp.
2. Công chức Tư pháp - Hộ tịch: rà soát văn bản.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Văn Hùng
"""

# A mixed-case "Kế hoạch" line, a lower-case title going on over two lines, audiences numbered.
MIXED_CASE_TYPE = """\
Số: 07/KH-UBND
Hòa Bình, ngày 12 tháng 01 năm 2026
Kế hoạch
tuyên truyền cải cách hành chính
trên địa bàn xã Hòa Bình năm 2026
Thực hiện Kế hoạch số 30/KH-UBND ngày 02/01/2026 của UBND tỉnh Phú Thọ về tuyên truyền cải cách hành chính năm 2026, UBND xã ban hành Kế hoạch như sau:
I. MỤC ĐÍCH YÊU CẦU
1. Mục đích
- Nâng cao nhận thức về cải cách hành chính.
2. Yêu cầu
- Nội dung thiết thực.
II. ĐỐI TƯỢNG
1. Cán bộ, công chức xã.
2. Người dân, doanh nghiệp trên địa bàn.
III. NỘI DUNG VÀ HÌNH THỨC
1. Nội dung
- Công khai thủ tục hành chính.
2. Hình thức
- Đài truyền thanh xã phát ít nhất 04 tin, bài/tháng.
IV. TỔ CHỨC THỰC HIỆN
1. Phòng Văn hoá - Xã hội: chủ trì tham mưu.
2. Phòng Văn hóa – Xã hội xã: tổng hợp báo cáo.
Nơi nhận:
- UBND tỉnh;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Thị Mai
"""

# Issued by a decision: the number, date and signer are the decision's; the plan follows it.
BY_DECISION = """\
ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ AN BÌNH Độc lập - Tự do - Hạnh phúc
Số: 25 /QĐ-UBND An Bình, ngày 10 tháng 01 năm 2025
QUYẾT ĐỊNH
Về việc ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2025
CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN BÌNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Kế hoạch số 20/KH-UBND ngày 02/01/2025 của Ủy ban nhân dân huyện Tân Châu về cải cách hành chính năm 2025;
Theo đề nghị của công chức Văn hóa - Xã hội xã.
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch tuyên truyền cải cách hành chính năm 2025 của Ủy ban nhân dân xã An Bình.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Văn phòng HĐND và UBND xã và các cơ quan liên quan chịu trách nhiệm thi hành Quyết định này.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn An

KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025
(Ban hành kèm theo Quyết định số 25/QĐ-UBND ngày 10/01/2025 của Chủ tịch UBND xã An Bình)
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Nâng cao nhận thức về cải cách hành chính.
2. Yêu cầu
- Tuyên truyền thường xuyên.
II. NỘI DUNG, NHIỆM VỤ CỤ THỂ
1. Tuyên truyền trên Trang thông tin điện tử xã tối thiểu 12 tin, bài/năm.
2. Niêm yết thủ tục hành chính tại Bộ phận Một cửa.
III. TỔ CHỨC THỰC HIỆN
1. Công chức Văn hóa - Xã hội: chủ trì thực hiện.
2. Trung tâm Phục vụ hành chính công xã: niêm yết thủ tục.
"""

# The two-column header flattened into lines, words glued by a converter, a title
# that stops before the authority line, a lead-in after the basis behind a ";".
FLAT_HEADER = """\
ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ TÂN PHÚ Độc lập - Tự do - Hạnh phúc
Số: 263/KH-UBNDngày Tân Phú, ngày 03 tháng 01 năm 2025
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025
CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN PHÚ
Căn cứ Kế hoạch số 99/KH-UBND ngày 20/12/2024 của Ủy ban nhân dân tỉnh Đồng Nai về cải cách hành chính năm 2025; Ủy ban nhân dân xãban hành Kế hoạch tuyên truyền như sau:
I. MỤC ĐÍCH, YÊU CẦU
- Nâng cao nhận thức của cán bộ, công chức.
- Tuyên truyền thường xuyên, liên tục.
II. NỘI DUNG TUYÊN TRUYỀN
- Các quy định về thủ tục hành chính.
III. HÌNH THỨC TUYÊN TRUYỀN
- Treo 20 băng rôn tại trụ sở.
IV. TỔ CHỨC THỰC HIỆN
1. Phòng Văn hóa - Xã hội: chủ trì.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Phạm Minh Tuấn
"""

# What OCR makes of the same header: a space after the symbol's hyphen, the letter-spaced
# type read without its space and with a speck read as a full stop.
OCR_SPACING = (FLAT_HEADER.replace("263/KH-UBNDngày", "263/KH- UBND ngày").replace("KẾ HOẠCH\n", "KẾHOẠCH.\n")
               .replace("99/KH-UBND", "99/KH- UBND"))

# Hard-wrapped text (a web copy) whose lines start with digits and capitals, and a
# paragraph that only continues the item above it.
HARD_WRAPPED = """\
Số: 18/KH-UBND
Bình Minh, ngày 20 tháng 01 năm 2026
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2026
Thực hiện Kế hoạch số 45/KH-UBND ngày 10 tháng 01 năm 2026 của Ủy ban nhân dân
tỉnh Vĩnh Long về tuyên truyền cải cách hành chính năm 2026. Ủy ban nhân dân
phường Bình Minh xây dựng Kế hoạch tuyên truyền như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Nâng cao nhận thức, trách nhiệm của cán bộ, công chức và Nhân dân về công tác
cải cách hành chính, góp phần nâng cao Chỉ số cải cách hành chính năm
2026 của phường và sự hài lòng của người dân, tổ chức đối với sự phục vụ của
Ủy ban nhân dân phường.
- Tuyên truyền kịp thời các chủ trương, chính sách của Đảng và Nhà nước về cải
cách hành chính trên địa bàn phường.
2. Yêu cầu
- Nội dung tuyên truyền phải thiết thực, ngắn gọn, dễ hiểu, phù hợp với từng nhóm
đối tượng và bám sát nhiệm vụ trọng tâm của phường trong năm
2026 theo kế hoạch của tỉnh.
II. NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN
1. Nội dung
- Công khai thủ tục hành chính tại Bộ phận Một cửa và trên Trang thông tin điện
tử của phường.
2. Hình thức
- Đăng tải ít nhất 12 tin, bài/năm trên Trang thông tin điện tử của phường.
- Phát 02 tin, bài/tháng trên đài truyền thanh phường.
III. TỔ CHỨC THỰC HIỆN
1. Phòng Văn hóa - Xã hội phường: chủ trì, phối hợp với các cơ quan, đơn vị có
liên quan triển khai Kế hoạch này.
2. Văn phòng HĐND và UBND phường: niêm yết công khai thủ tục hành chính.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Võ Thành Nam
"""

# A province's plan, which communes cite as their basis: it has an issuer, no commune.
PROVINCE_PLAN = """\
ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH LẠNG SƠN Độc lập - Tự do - Hạnh phúc
Số: 125/KH-UBND Lạng Sơn, ngày 29 tháng 12 năm 2025
KẾ HOẠCH
Tuyên truyền cải cách hành chính tỉnh Lạng Sơn năm 2026
Căn cứ Quyết định số 1234/QĐ-TTg ngày 10/10/2025 của Thủ tướng Chính phủ về cải cách hành chính;
I. MỤC ĐÍCH, YÊU CẦU
- Nâng cao nhận thức về cải cách hành chính.
II. NỘI DUNG TUYÊN TRUYỀN
- Cải cách thủ tục hành chính.
III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ: chủ trì, hướng dẫn.
2. Ủy ban nhân dân các xã, phường: triển khai trên địa bàn.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Hoàng Văn Sơn
"""

# A ministry's plan: the authority line stands between the title and the basis.
MINISTRY_PLAN = """\
BỘ NỘI VỤ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 5678/KH-BNV Hà Nội, ngày 30 tháng 12 năm 2024
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025
BỘ TRƯỞNG BỘ NỘI VỤ
Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;
I. MỤC ĐÍCH, YÊU CẦU
- Thống nhất nhận thức về cải cách hành chính.
II. NỘI DUNG TUYÊN TRUYỀN
- Các chủ trương của Đảng về cải cách hành chính.
III. TỔ CHỨC THỰC HIỆN
1. Vụ Cải cách hành chính: chủ trì.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Văn Minh
"""

# Targets stated only in prose (no task table), as in the Phú Khương sample.
PROSE_TARGETS = """\
Số: 09/KH-UBND
Long Hồ, ngày 08 tháng 01 năm 2026
KẾ HOẠCH
Thông tin, tuyên truyền cải cách hành chính năm 2026
Ủy ban nhân dân xã Long Hồ xây dựng kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
- Nâng cao nhận thức.
II. NỘI DUNG, HÌNH THỨC
- Đăng tải ít nhất 12 tin, bài/năm trên trang thông tin điện tử của xã.
- Phát 02 tin, bài/tháng trên đài truyền thanh xã.
III. TỔ CHỨC THỰC HIỆN
1. Phòng Văn hóa - Xã hội: đăng tải tin, bài trên trang thông tin điện tử, phát trên đài truyền thanh.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Đỗ Văn Long
"""

# Something with a plan's words that is not a plan at all.
# A scan whose heading Tesseract could not read: the type line and the title are lost, the
# plan's symbol and its sections are there.
LOST_HEADING = MIXED_CASE_TYPE.replace("Kế hoạch\ntuyên truyền cải cách hành chính\ntrên địa bàn xã Hòa Bình năm 2026\n",
                                       "K~ hoạcn .\n")

# The type line read, the title under it lost (a scan's misread line, a copy cut short).
TITLE_LOST = MIXED_CASE_TYPE.replace("Kế hoạch\ntuyên truyền cải cách hành chính\ntrên địa bàn xã Hòa Bình năm 2026\n",
                                     "KẾ HOẠCH\n")

# The year misread in the title and in the date ("2O26"): the text still names it.
YEAR_MISREAD = MIXED_CASE_TYPE.replace("năm 2026\n", "năm 2O26\n")

# A speck read as a full stop inside the type line.
SPECK_IN_TYPE = MIXED_CASE_TYPE.replace("Kế hoạch\ntuyên", "KẾ. HOẠCH\ntuyên")

# The same sections under another document's symbol (a report): not a plan.
REPORT_WITH_SECTIONS = LOST_HEADING.replace("07/KH-UBND", "07/BC-UBND").replace(
    "UBND xã ban hành Kế hoạch như sau", "UBND xã báo cáo như sau")

NOT_A_PLAN = """\
ỦY BAN NHÂN DÂN XÃ AN BÌNH
THÔNG BÁO
Lịch tiếp công dân tháng 01 năm 2026
Chủ tịch Ủy ban nhân dân xã tiếp công dân vào thứ Năm hằng tuần.
"""

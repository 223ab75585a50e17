#!/usr/bin/python3
"""xlsx_python.py DB OUT.xlsx: the officers sheet of bench-export written by Python's
XlsxWriter (Debian python3-xlsxwriter, constant_memory) from the same rows, with the same
formats and print settings; prints rows, wall time, CPU time and peak memory (maxrss)."""
import resource
import sqlite3
import sys
import time

import xlsxwriter

# The officers purpose's rows as meibo selects them: active members without an opt-out in
# force (第20条第5項), in member-number order.
SQL = """
SELECT m.family_name || CASE WHEN m.given_name <> '' THEN '　' || m.given_name ELSE '' END,
       m.family_kana || CASE WHEN m.given_kana <> '' THEN '　' || m.given_kana ELSE '' END,
       m.name_en, coalesce(m.birth_date, ''), coalesce(f.name, ''), coalesce(f.postal_code, ''),
       coalesce(f.address, ''), m.postal_code, m.home_address, m.email, m.branch
FROM members m LEFT JOIN facilities f ON f.id = m.facility_id
WHERE m.status = 'active' AND NOT EXISTS (SELECT 1 FROM member_optouts o
      WHERE o.member_id = m.id AND o.withdrawn_on IS NULL)
ORDER BY m.member_no
"""
HEADERS = ["No.", "氏名", "フリガナ", "英字氏名", "生年月日", "所属施設名", "施設郵便番号",
           "施設住所", "郵便番号", "自宅住所", "メールアドレス", "支部"]
WIDTHS = [7, 16, 20, 22, 12, 30, 14, 44, 10, 44, 30, 10]


def main():
    db, out = sys.argv[1], sys.argv[2]
    t0 = time.monotonic()
    con = sqlite3.connect(db)
    wb = xlsxwriter.Workbook(out, {"constant_memory": True})
    wb.set_properties({"title": "役員・委員会の業務 (出力番号 1)", "author": "日本架空学会"})
    ws = wb.add_worksheet("名簿")
    head = wb.add_format({"bold": True, "bg_color": "#D9D9D9", "border": 1, "text_wrap": True,
                          "valign": "top"})
    cell = wb.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.freeze_panes(1, 0)
    ws.set_header("&C取扱注意 ベンチ支部 誓約書番号 誓-BENCH")
    ws.set_footer("&C出力番号 1  &P/&N")
    for c, w in enumerate(WIDTHS):
        ws.set_column(c, c, w)
    ws.protect()
    for c, h in enumerate(HEADERS):
        ws.write_string(0, c, h, head)
    n = 0
    for row in con.execute(SQL):
        n += 1
        ws.write_number(n, 0, n, cell)
        for c, v in enumerate(row):
            ws.write_string(n, c + 1, v, cell)
    wb.close()
    con.close()
    wall = time.monotonic() - t0
    ru = resource.getrusage(resource.RUSAGE_SELF)
    print("python  %8d rows  %6.2f s wall  %6.2f s cpu  peak %6.1f MB"
          % (n, wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0))


if __name__ == "__main__":
    main()

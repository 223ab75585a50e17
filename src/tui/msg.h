/* msg.h: every text the terminal UI shows, in Japanese and English, once. */
#ifndef MEIBO_TUI_MSG_H
#define MEIBO_TUI_MSG_H

#include <stdbool.h>
#include <stddef.h>

#include "tui_main.h"

#define TUI_MESSAGES(M)                                                                      \
    M(APP, "会員名簿", "Member registry")                                                   \
    M(LOGIN_TITLE, "ログイン", "Log in")                                                     \
    M(LOGIN_INTRO, "自分の利用者IDでログインしてください（取扱規程第33条）。", \
      "Personal data: log in with your own user ID (Handling Rules Art. 33).")              \
    M(LOGIN_ID, "利用者ID", "User ID")                                                       \
    M(LOGIN_PASSWORD, "パスワード", "Password")                                              \
    M(LOGIN_HINTS, "Enter:次へ・ログイン  Tab:項目移動  Esc:終了", "Enter: next / log in  Tab: field  Esc: quit") \
    M(LOGIN_BAD, "利用者IDまたはパスワードが違います", "Wrong user ID or password")          \
    M(LOGIN_WAIT, "ログインの失敗が続いたため %s 秒待ってから確かめます（取扱規程第33条）", \
      "After repeated failed logins, checking in %s seconds")                                 \
    M(LOGIN_EMPTY, "利用者IDとパスワードを入力してください", "Type your user ID and password") \
    M(ROLE_CHIEF, "総責任者", "chief officer")                                               \
    M(ROLE_MANAGER, "管理者", "manager")                                                     \
    M(ROLE_CLERK, "従事者", "clerk")                                                         \
    M(BROWSER_TITLE, "会員一覧", "Members")                                                \
    M(COL_NO, "会員番号", "Member no")                                                       \
    M(COL_NAME, "氏名", "Name")                                                              \
    M(COL_KANA, "フリガナ", "Reading")                                                       \
    M(COL_FACILITY, "所属施設", "Facility")                                                  \
    M(COL_BRANCH, "支部", "Branch")                                                          \
    M(COL_STATUS, "状態", "Status")                                                          \
    M(SEARCH_LABEL, "検索", "Search")                                                        \
    M(ALL, "全て", "all")                                                                    \
    M(ALL_BRANCHES, "全支部", "all branches")                                                \
    M(SPEC_ANY, "専門医:全て", "specialist: any")                                            \
    M(SPEC_YES, "専門医のみ", "specialists")                                                 \
    M(SPEC_NO, "専門医以外", "non-specialists")                                              \
    M(COUNTING, "件数を数えています…", "counting…")                                          \
    M(HITS, "件", " found")                                                                  \
    M(HITS_MORE, "件以上（#:数える）", "+ found (#: count)")                                   \
    M(HITS_FACILITY, "件＋施設名", " + by facility")                                         \
    M(NO_HITS, "該当する会員はいません", "No member matches")                                \
    M(ST_ACTIVE, "在籍", "active")                                                           \
    M(ST_WITHDRAWN, "退会", "withdrawn")                                                     \
    M(ST_DECEASED, "逝去", "deceased")                                                       \
    M(BROWSER_HINTS, "/:検索 Enter:詳細 s,b:絞込 a:追加 i:照会 A:承認 P:誓約書 R:請求 ?:ヘルプ Q:終了", \
      "/:search s,b:filter a:add i:inquiry A:holds P:pledges R:rights ?:help Q:quit") \
    M(SEARCH_HINTS, "入力で絞り込み  Enter/↓:一覧へ  Esc:検索を消す", "Type to search  Enter/Down: list  Esc: clear") \
    M(CHOOSE_BRANCH, "支部を選んでください", "Choose a branch")                              \
    M(DETAIL_TITLE, "会員詳細", "Member")                                                    \
    M(HIDDEN, "秘匿項目を伏せました", "Masked fields hidden again")                           \
    M(FORM_MASKED, "＊＊＊＊（F3で表示）", "**** (F3 shows)")                                 \
    M(DETAIL_HINTS, "r:秘匿項目の表示/伏せる e:編集 w:退会 i:照会 o:提供停止 q:戻る ?:ヘルプ", "r:reveal/hide e:edit w:withdraw i:inquiry o:opt-out q:back ?:help") \
    M(GROUP_BASIC, "基本情報", "Basic")                                                      \
    M(GROUP_CONTACT, "連絡先（秘匿項目）", "Contact (masked)")                               \
    M(GROUP_FACILITY, "所属", "Facility")                                                    \
    M(GROUP_QUALIFICATION, "資格", "Qualification")                                          \
    M(GROUP_CONSENT, "同意・第三者提供停止（第20条第5項）", "Consent and opt-out (Art. 20(5))") \
    M(GROUP_HISTORY, "変更履歴", "Change history")                                           \
    M(MASKED, "＊＊＊＊（r で表示・記録されます）", "**** (r reveals; logged)")                \
    M(REVEALED, "秘匿項目を表示しました（アクセス記録に残ります）", "Masked fields shown (written to the access log)") \
    M(NO_HISTORY, "（変更の記録はありません）", "(no changes recorded)")                      \
    M(HISTORY_EMPTY, "（空欄）", "(empty)")                                                  \
    M(HISTORY_MASKED, "変更あり（秘匿項目のため変更前・変更後は記録しません）",             \
      "changed (a masked field: its values are not kept)")                                   \
    M(NONE, "（なし）", "(none)")                                                            \
    M(FORM_ADD, "会員の追加", "Add a member")                                                \
    M(FORM_EDIT, "会員情報の編集", "Edit member")                                            \
    M(FORM_WITHDRAW, "退会処理", "Withdraw member")                                          \
    M(FORM_HINTS, "Tab/↓/Enter:次 ↑:前 F3:秘匿項目を表示 Ctrl-S/F2:保存 Esc:戻る", "Tab/Down/Enter: next  Up: prev  F3: reveal  C-S/F2: save  Esc: back") \
    M(FORM_SAVED, "保存しました", "Saved")                                                   \
    M(FORM_ADDED, "会員を登録しました", "Member added")                                      \
    M(FORM_WITHDRAWN, "退会処理をしました", "Member withdrawn")                              \
    M(FORM_UNCHANGED, "変更はありません", "Nothing changed")                                 \
    M(FORM_OPTOUT_RECORDS, "（申出書の記録から。詳細画面の o で）",                           \
      "(from the opt-out records: o on the detail screen)")                                 \
    M(FORM_DISCARD, "変更を保存せずに戻りますか？", "Leave without saving your changes?")     \
    M(FORM_CONFLICT, "%s が %s に先に保存しました。入力は保持、↳を確かめ再保存で確定", \
      "%s saved first at %s. Your input is kept; check the ↳ values, save again")          \
    M(FORM_THEIRS, "相手の値", "their value")                                                \
    M(FORM_WITHDRAW_CONFIRM, "この会員を退会にしますか？", "Withdraw this member?")           \
    M(YESNO, "(y/n)", "(y/n)")                                                               \
    M(AUDIT_TITLE, "アクセス記録（取扱規程第23条）", "Access log (Handling Rules Art. 23)")   \
    M(AUDIT_HINTS, "Enter:詳細 Home:最新 End:最古 u:利用者 m:会員番号 d:期間 q:戻る",              \
      "Enter:row Home:newest End:oldest u:user m:member d:dates q:back")                     \
    M(AUDIT_COLS, "日時                利用者     操作               会員番号  内容",         \
      "Time                User       Operation          Member    Detail")                \
    M(AUDIT_ONE_HINTS, "q/Enter:一覧へ戻る", "q/Enter: back to the list")                    \
    M(AUDIT_ROW_TITLE, "アクセス記録 番号", "Access log row")                                \
    M(AUDIT_NO, "番号", "Row")                                                               \
    M(AUDIT_AT, "日時", "Time")                                                              \
    M(AUDIT_UNIX, "端末の利用者", "Unix user")                                               \
    M(AUDIT_SOURCE, "接続元（申告）", "Source (claimed)")                                     \
    M(AUDIT_LOCAL, "この端末", "this terminal")                                              \
    M(AUDIT_ACTION, "操作", "Operation")                                                     \
    M(AUDIT_DETAIL, "内容", "Detail")                                                        \
    M(AUDIT_CLAIMED, "［申告された接続元 %s］", "[claimed source %s] ")                    \
    M(AUDIT_USER, "利用者", "User")                                                         \
    M(AUDIT_MEMBER, "会員", "Member")                                                       \
    M(AUDIT_DATES, "期間", "Dates")                                                         \
    M(AUDIT_USER_Q, "利用者ID（空欄で全員）", "User ID (empty: everyone)")                   \
    M(AUDIT_MEMBER_Q, "会員番号（空欄で全員）", "Member number (empty: all)")                 \
    M(AUDIT_DATES_Q, "期間 YYYY-MM-DD..YYYY-MM-DD（片方は空欄可）", "Dates YYYY-MM-DD..YYYY-MM-DD (either may be empty)") \
    M(AUDIT_NONE, "該当する記録はありません", "No rows")                                      \
    M(HELP_TITLE, "ヘルプ", "Help")                                                          \
    M(HELP_HINTS, "q:戻る", "q: back")                                                       \
    M(LOCK_TITLE, "画面ロック（取扱規程第30条）", "Screen locked (Rules Art. 30)")                          \
    M(LOCK_TEXT, "画面をロックしました。%s のパスワードで再開します。",                      \
      "The screen is locked. Type the password of %s to resume.")                            \
    M(LOCK_HINTS, "Enter:再開", "Enter: resume")                                             \
    M(DENIED_AUDIT, "アクセス記録は管理者と総責任者が見られます（自分の記録のみ表示）",        \
      "Managers and the chief officer see the access log (showing your own rows)")           \
    M(YES, "はい", "yes")                                                                   \
    M(NO, "いいえ", "no")                                                                   \
    M(IQ_TITLE, "第三者照会の受付（規程第19〜21条）", "Third-party inquiry (Art. 19-21)")       \
    M(IQ_HINTS, "Tab/↑↓:項目 ←→:選択 F5:判定 Ctrl-S:記録 F6:印刷 Esc:戻る",                    \
      "Tab/Up/Down: field  Left/Right: choose  F5: decide  C-S: record  F6: print  Esc: back") \
    M(IQ_PRINT_FIRST, "先に記録してください（Ctrl-S）", "Record the inquiry first (C-S)")       \
    M(IQ_PRINTED, "プリンタに送りました", "Sent to the printer")                             \
    M(IQ_SAVED, "outbox に保存しました", "Saved in the outbox")                              \
    M(EX_NOT_READY, "承認された提供だけを実行できます（規程 第16条）", "Only an approved export can be run (規程 第16条)") \
    M(RQ_NOT_DECIDED, "決定済みの請求だけを完了にできます", "Only a decided request can be completed") \
    M(PR_REQUEST, "受付番号", "request")                                                     \
    M(PR_WAITS, "プリンタが停止中のため、再開まで印刷されません", "the printer is stopped: the job waits until it is enabled") \
    M(IQ_RECEIVED, "受付日", "Received on")                                                 \
    M(IQ_CHANNEL, "受付方法", "Channel")                                                    \
    M(IQ_REQUESTER, "照会者の氏名", "Requester")                                            \
    M(IQ_ORGANIZATION, "照会者の所属・団体", "Organization")                                \
    M(IQ_CONTACT, "回答先（住所・電話）", "Contact")                                        \
    M(IQ_CATEGORY, "照会者の区分（第20条）", "Category (Art. 20)")                           \
    M(IQ_IDENTITY, "身元・目的の確認", "Identity and purpose")                               \
    M(IQ_VERIFIED, "確認済み", "verified")                                                  \
    M(IQ_UNVERIFIED, "未確認", "not verified")                                              \
    M(IQ_IDENTITY_CHECK, "確認の方法", "How it was checked")                                \
    M(IQ_PURPOSE, "利用目的（第20条第1項）", "Purpose (Art. 20(1))")                         \
    M(IQ_LEGAL_BASIS, "法令上の根拠", "Legal basis")                                         \
    M(IQ_LEGAL_HINT, "官公庁・警察・国の機関等: 根拠の条文（例 刑事訴訟法第197条第2項）",     \
      "Government, police, agencies: the statute (e.g. Code of Criminal Procedure 197(2))")  \
    M(IQ_LEGAL_DOC, "照会書の番号・日付", "Request document")                                \
    M(IQ_LEGAL_DOC_HINT, "法令に基づく照会（第19条第1項第1号）: 照会書の文書番号と日付",        \
      "A request under a statute (Art. 19(1)(1)): its document's number and date")          \
    M(IQ_NO_PURPOSE, "（なし: 法令に基づく照会・緊急・本人の開示）",                          \
      "(none: a statute, an emergency, the member's own request)")                          \
    M(IQ_EMERGENCY, "緊急（第19条第1項第2号）", "Emergency (Art. 19(1)(2))")                  \
    M(IQ_NAME, "氏名（番号が不明なとき）", "Name (no number)")                                \
    M(IQ_NAME_HINT, "同姓同名が複数いるときは生年月日か所属施設で絞り込みます",              \
      "When several members share the name, add a birth date or a facility")                \
    M(IQ_BIRTH_DATE, "生年月日", "Birth date")                                               \
    M(IQ_ITEMS, "照会項目（a〜f）", "Items (a-f)")                                            \
    M(IQ_ITEMS_HINT, "a 会員番号 b 専門医番号 c 入会年月日 d 所属施設 e 氏名・生年月日・住所 f メール", \
      "a number b specialist no. c joined d facility e name/birth/address f e-mail")       \
    M(IQ_METHOD, "回答方法（第20条第2項）", "Answer by (Art. 20(2))")                        \
    M(IQ_WRITTEN, "書面", "in writing")                                                     \
    M(IQ_OTHER, "書面以外（電話等）", "other (telephone...)")                                \
    M(IQ_MEDIUM, "媒体（取扱規程第5・6条）", "Medium (Rules Art. 5-6)")                       \
    M(IQ_PAPER, "紙", "paper")                                                              \
    M(IQ_ELECTRONIC, "電子媒体", "electronic")                                              \
    M(IQ_OUTCOME, "判定", "Decision")                                                       \
    M(IQ_PROVIDED, "提供項目", "items provided")                                            \
    M(IQ_NOT_RECORDED, "未記録", "not recorded")                                            \
    M(IQ_NUMBER, "照会番号", "Inquiry")                                                     \
    M(IQ_RECORDED, "記録しました: 照会番号", "Recorded: inquiry")                            \
    M(IQ_ALREADY, "この照会は記録済みです", "This inquiry is already recorded")                \
    M(AP_TITLE, "保留中の照会（総責任者の承認）", "Inquiries on hold")                         \
    M(AP_COLS, "  番号 受付日     照会者     所属 区分 [項目] 会員番号 保留理由",             \
      "    No Received   Requester  Organization Category [items] Member Hold")              \
    M(AP_EMPTY, "保留中の照会はありません", "No inquiry is on hold")                          \
    M(AP_HINTS, "Enter:判定理由 a:承認 d:不承認（総責任者）q:戻る", "Enter: reasons  a: approve  d: deny (chief)  q: back") \
    M(AP_APPROVE_Q, "承認のコメント:", "Approval comment:")                                  \
    M(AP_DENY_Q, "不承認の理由:", "Reason for denying:")                                     \
    M(AP_APPROVED, "承認しました", "approved")                                               \
    M(AP_DENIED, "不承認にしました", "denied")                                               \
    M(PL_TITLE, "誓約書の登録簿（取扱規程第5・6条）", "Pledge registry (Rules Art. 5-6)")       \
    M(PL_COLS, "番号 状態     有効期限     文書番号   提出者 / 署名者  [項目] 目的",          \
      "  No State    Valid until  Document   Recipient / signatory  [items] purposes")      \
    M(PL_EMPTY, "誓約書はまだありません", "No pledge on file")                                \
    M(PL_HINTS, "n:誓約書を登録 ↑↓:移動 q:戻る（! は30日以内に期限）", "n: record a pledge  q: back  (! ends within 30 days)") \
    M(PL_NEW, "誓約書の登録", "Record a pledge")                                             \
    M(PL_RECIPIENT, "提出者（団体・個人）", "Recipient")                                     \
    M(PL_SIGNATORY, "署名者の氏名", "Signatory")                                             \
    M(PL_TITLE_FIELD, "署名者の役職", "Signatory's title")                                   \
    M(PL_BOTH, "紙と電子媒体", "paper and electronic")                                       \
    M(PL_PURPOSES, "利用目的（第20条第1項）", "Purposes (Art. 20(1))")                       \
    M(PL_ITEMS, "項目（第20条第1項）", "Items (Art. 20(1))")                                   \
    M(PL_FORM_HINTS, "Tab/↓/Enter:次 ↑:前 ←→:選択 Space:選ぶ Ctrl-S/F2:登録 Esc:戻る",     \
      "Tab/Down/Enter: next  Up: prev  Left/Right: choose  Space: mark  C-S/F2: record  Esc: back") \
    M(PL_MULTI_HINT, "←→:選択肢を移動  Space:選ぶ・外す（いくつでも）", "Left/Right: move  Space: mark or unmark (any number)") \
    M(PL_VALID_UNTIL, "有効期限", "Valid until")                                             \
    M(PL_DOCUMENT_NO, "文書番号（保管場所）", "Document number")                              \
    M(PL_RECORDED, "誓約書を登録しました: 番号", "Pledge recorded:")                           \
    M(PL_RELEASED, "保留解除", "holds released")                                             \
    M(HOME_NOTICE, "保留中の照会 %s件・30日以内に期限の誓約書 %s件（A・P で表示）",           \
      "%s inquiries on hold, %s pledges ending within 30 days (A, P)")                       \
    M(GROUP_PROVISIONS, "提供記録（個人情報保護法第29条）", "Provisions (APPI Art. 29)")        \
    M(GROUP_INQUIRIES, "照会の記録", "Inquiries")                                            \
    M(HOME_REQUESTS, "開示等の請求: 期限超過 %s件・3日以内 %s件（R）",                        \
      "Rights requests: %s overdue, %s due within 3 days (R)")                               \
    M(HOME_REDO, "復元でやり直す請求 %s件（%s番〜）", "To redo after restore: %s (No. %s-)")  \
    M(HOME_NOTICE_SHORT, "保留 %s件・誓約書期限 %s件（A・P）", "holds %s, pledges ending %s (A, P)") \
    M(RQ_TITLE, "開示等の請求（規程第22・23条）", "Rights requests (Art. 22-23)")              \
    M(RQ_COLS, "番号 状態   期限         種別           会員番号 氏名         決定",           \
      "  No Status Due          Kind           Member   Name         Decision")            \
    M(RQ_EMPTY, "未完了の請求はありません", "No open request")                                \
    M(RQ_HINTS, "n:受付 Enter:詳細 d:決定 p:印刷 c:完了 a:全件 q:戻る（!超過 ~3日以内）",       \
      "n:new Enter:show d:decide p:print c:complete a:all q:back (! overdue ~ 3 days)")     \
    M(RQ_NEW, "開示等の請求の受付（規程第22・23条）", "New rights request (Art. 22-23)")        \
    M(RQ_KIND, "請求の種別", "Kind")                                                         \
    M(RQ_MEMBER, "会員番号", "Member number")                                               \
    M(RQ_IDENTITY, "本人確認の方法（第22条）", "Identity checked by (Art. 22)")               \
    M(RQ_IDENTITY_NOTE, "本人確認の備考", "Identity note")                                   \
    M(RQ_AGENT, "代理人の氏名（本人は空欄）", "Agent (empty: the member)")                     \
    M(RQ_AGENT_PROOF, "代理権の確認書類", "Proof of agency")                                 \
    M(RQ_FEE, "手数料（円）", "Fee (yen)")                                                   \
    M(RQ_CONTENT, "請求の内容", "What is asked")                                            \
    M(RQ_REDO, "復元で決定を再適用できず受付に戻しました: 決定をやり直してください（第23条）",   \
      "Back as received after a restore that could not apply its decision: decide it again")  \
    M(RQ_DOCUMENT, "文書番号（請求書の保管先）", "Document number")                           \
    M(RQ_DUE_HINT, "期限は受付日から meibo.conf の request_due_days 日後（既定14日）",          \
      "Due request_due_days (meibo.conf, default 14) after receipt")                        \
    M(RQ_FEE_BAD, "手数料は円の金額（数字）で入力してください", "The fee is a number of yen")  \
    M(RQ_ADDED, "受け付けました: 請求番号 %s（期限 %s）", "Recorded: request %s (due %s)")      \
    M(RQ_DECISION_Q, "決定", "Decision")                                                    \
    M(RQ_FULL, "全部（開示・訂正等を行う）", "in full (granted)")                           \
    M(RQ_PARTIAL, "一部（総責任者）", "in part (chief officer)")                      \
    M(RQ_NONE, "応じない（総責任者）", "not at all (chief officer)")                           \
    M(RQ_REASON_Q, "理由（規程第22条第4項・第23条）", "Reason (Art. 22(4), 23)")               \
    M(RQ_WITHHOLD_Q, "開示しない部分（項目名, provision:N）:", "Withhold (fields, provision:N):") \
    M(RQ_SET_Q, "変更 項目=値（; 区切り）:", "Changes FIELD=VALUE (; between):")             \
    M(RQ_NOTE_Q, "備考:", "Note:")                                                          \
    M(RQ_DONE_DECIDE, "決定を記録しました: 請求番号", "Decision recorded: request")           \
    M(RQ_ALREADY, "この請求は決定済みです", "This request is already decided")                 \
    M(RQ_COMPLETE_Q, "通知書を送付済みとして完了しますか？", "Notice sent: complete the request?") \
    M(RQ_DONE_COMPLETE, "完了しました: 請求番号", "Completed: request")                       \
    M(RQ_DUE_IN, "残り%s日", "%s days left")                                                \
    M(RQ_OVERDUE, "%s日超過", "%s days overdue")                                            \
    M(OO_TITLE, "提供停止の申出（第20条第5項）", "Opt-out (Art. 20(5))")                        \
    M(OO_WITHDRAW_TITLE, "提供停止の撤回（第20条第5項）", "Opt-out withdrawn (Art. 20(5))")     \
    M(OO_INTRO, "本人の書面による申出を記録します。記録した時から第三者照会は拒否されます。",    \
      "Records the member's written application: third parties are refused from now on.")    \
    M(OO_WITHDRAW_INTRO, "本人の書面による撤回を記録します。第20条による提供が再び可能になります。", \
      "Records the member's written withdrawal: provision by Art. 20 is possible again.")    \
    M(OO_RECEIVED, "申出書の受付日", "Received on")                                          \
    M(OO_DOCUMENT, "文書番号（申出書の保管先）", "Document number")                           \
    M(OO_RECORDED, "記録しました: 受付番号", "Recorded: opt-out")                              \
    M(OO_WITHDRAWN, "撤回を記録しました: 受付番号", "Withdrawal recorded: opt-out")            \
    M(OO_PRINT_Q, "本人への通知書を印刷しますか？", "Print the notice to the member?")          \
    M(OO_CHANNEL, "受付方法", "Received by")                                                   \
    M(OO_CHANNEL_LETTER, "書面", "letter")                                                     \
    M(OO_CHANNEL_PHONE, "電話（暫定停止・書面待ち、文書番号なし）",                           \
      "telephone (interim stop, awaiting the letter; no document)")                            \
    M(OO_RECORDED_PHONE, "暫定停止を記録しました（書面待ち）: 受付番号",                       \
      "Interim stop recorded (awaiting the letter): opt-out")                                  \
    M(OO_PRINT_PHONE_Q, "書面による申出のお願いを印刷しますか？",                             \
      "Print the letter asking for the written application?")                                  \
    M(TOO_SMALL, "画面が小さすぎます（80×24 以上）", "Terminal too small (80x24 or more)") \
    M(QUIT_Q, "meibo を終了しますか？（次に使う人はログインし直します）",                        \
      "Quit meibo? (the next person logs in again)")                                         \
    M(IQ_DISCARD, "照会を記録せずに閉じますか？（入力した内容は消えます）",                      \
      "Close without recording the inquiry? (what you typed is lost)")                       \
    M(EX_TITLE, "名簿の出力（取扱規程第4〜6条・規程第16条）", "Export sheets (Rules Art. 4-6; Art. 16)")  \
    M(EX_COLS, "番号 状態             目的               媒体           件数  提供先",     \
      "  No State            Purpose            Media          Rows  Recipient")            \
    M(EX_PAPER_FILE, "紙＋ファイル", "paper + file")                                        \
    M(EX_ON_SHEET, "出力する会員", "On the sheet")                                          \
    M(EX_REQUESTED_BY, "依頼", "requested by")                                              \
    M(EX_PLEDGE_WORD, "誓約書", "Pledge")                                                   \
    M(EX_DECIDED_BY, "決定", "Decided by")                                                  \
    M(EX_COLUMNS, "列", "Columns")                                                          \
    M(EX_FILTERS, "条件", "Filters")                                                        \
    M(EX_NUMBER_OF, "番号", "no.")                                                          \
    M(EX_FIRST_SHOWN, "、先頭20名", ", the first 20")                                        \
    M(EX_EMPTY, "出力はまだありません（n で依頼）", "No export yet (n to request one)")       \
    M(EX_HINTS, "n:依頼 a:承認 d:不承認（総責任者） r:出力 ↑↓:移動 q:戻る",                  \
      "n: request  a/d: approve/deny (chief)  r: run  q: back")                              \
    M(EX_FORM_HINTS, "Tab/↑↓:項目 ←→:選択 F5:プレビュー Ctrl-S:依頼 Esc:戻る",                \
      "Tab/Up/Down: field  Left/Right: choose  F5: preview  C-S: request  Esc: back")        \
    M(EX_NEW, "名簿の出力の依頼", "Request an export")                                       \
    M(EX_NUMBER, "出力番号", "Export")                                                       \
    M(EX_PURPOSE, "出力の目的", "Purpose")                                                   \
    M(EX_RECIPIENT, "提供先", "Recipient")                                                   \
    M(EX_PLEDGE, "誓約書（番号）", "Pledge (number)")                                        \
    M(EX_COPY, "紙（ファイルの写し・要承認）", "paper, file copy (approval)")                  \
    M(EX_SPECIALIST, "専門医", "Specialist")                                                 \
    M(EX_JOINED_FROM, "入会日（から）", "Joined from")                                        \
    M(EX_JOINED_TO, "入会日（まで）", "Joined until")                                         \
    M(EX_INCLUDED, "出力", "on the sheet")                                                   \
    M(EX_EXCLUDED, "除外", "left out")                                                       \
    M(EX_WHY_STATUS, "在籍以外", "status")                                                   \
    M(EX_WHY_OPTOUT, "第三者提供停止", "opted out")                                          \
    M(EX_WHY_SUSPENDED, "利用停止", "use suspended")                                         \
    M(EX_WHY_CONSENT, "同意なし", "no consent")                                              \
    M(EX_PERSONS, "名", " members")                                                          \
    M(EX_NEEDS_APPROVAL, "総責任者の事前承認が必要（規程第16条）",                         \
      "needs the chief officer's approval first (Art. 16)")                            \
    M(EX_PAPER_READY, "総責任者の常時の許可あり（規程第16条）", "under the chief's standing permission (Art. 16)") \
    M(EX_REQUESTED, "出力を依頼しました: 番号", "Export requested:")                           \
    M(EX_RUN_Q, "この出力を印刷しますか（プリンタか outbox）", "Print this export (printer or outbox)?") \
    M(EX_RUN_FILE_Q, "ファイルの保存先（空なら outbox）:", "Write the file to (empty: the outbox):") \
    M(LG_TITLE, "個人情報取扱台帳（取扱規程第24条）", "Personal-data ledger (Rules Art. 24)")   \
    M(LG_HINTS, "↑↓:1行 PgUp/PgDn:ページ g:先頭 q:戻る", "Up/Down: line  PgUp/PgDn: page  g: top  q: back") \
    M(LG_PURPOSE, "利用目的：", "Purposes: ")                                               \
    M(LG_LOCATION, "保管場所：", "Kept in: ")                                               \
    M(LG_METHOD, "保管方法：", "Kept as: ")                                                 \
    M(LG_ACCESS, "アクセス権限を有する者：", "Who may access it: ")                          \
    M(LG_RETENTION, "利用期限：", "Kept for: ")                                             \
    M(LG_ARTICLE, "根拠：", "Rules: ") \
    M(LG_ANON, "匿名加工情報の作成・提供（個人情報保護法第43条第3項・第44条による公表）", \
      "Anonymised data made and provided (published: APPI Art. 43(3), 44)")                  \
    M(LG_ANON_ITEMS, "項目：", "Items: ")                                                  \
    M(LG_ANON_METHOD, "加工の方法：", "Method: ")                                          \
    M(LG_ANON_MEDIUM, "提供の方法：", "Provided as: ")                                     \
    M(LG_PERMISSIONS, "個人データの複写・持出しの許可（規程第16条：個人情報総責任者の事前の許可）", \
      "Permissions to copy or take out personal data (Art. 16: the chief officer's prior permission)") \
    M(LG_NONE, "なし", "none")                                                              \
    M(LG_GRANTED, "許可", "granted")                                                        \
    M(LG_UNTIL, "期限：", "until ")                                                         \
    M(IN_TITLE, "検査報告（取扱規程第25条）", "Inspection report (Rules Art. 25)")             \
    M(IN_HINTS, "↑↓:1行 PgUp/PgDn:ページ p:印刷 q:戻る", "Up/Down: line  PgUp/PgDn: page  p: print  q: back") \
    M(SF_TITLE, "従事者の管理（取扱規程第27・28・33・34条）", "Staff register (Rules Art. 27-28, 33-34)") \
    M(SF_ROLE_STATE, "権限・状態：", "Role, state: ")                                       \
    M(SF_TERM, "雇用期間の終了日（第34条）：", "Term end (Art. 34): ")                         \
    M(SF_NONE, "なし", "none")                                                              \
    M(SF_FIXED, "期間の定めのある従事者（第33条）：", "Fixed-term ID (Art. 33): ")              \
    M(SF_APPROVED, "総責任者の承認 ", "approved by the chief officer ")                       \
    M(SF_AWAITING, "総責任者の承認待ち", "awaiting the chief officer's approval")              \
    M(SF_PLEDGE, "秘密保持の誓約書（第27条）：", "Confidentiality pledge (Art. 27): ")        \
    M(SF_NO_PLEDGE, "未登録（ログインできません）", "none on file (cannot log in)")            \
    M(SF_TRAINING, "教育・訓練（第28条）：", "Training (Art. 28): ")                            \
    M(SF_TRAINING_DUE, "（過去12か月に記録なし）", " (none in the last 12 months)")            \
    M(SF_COLS, "利用者ID     氏名         権限             状態               雇用期間の終了", \
      "User ID      Name         Role             State              Term end")             \
    M(SF_HINTS, "n:追加 x:無効化 u:待機解除 p:パスワード a:承認 t:終了日 s:誓約書 e:研修 q:戻る", \
      "n:add x:disable u:unlock p:password a:approve t:term s:pledge e:training q:back")     \
    M(SF_EMPTY, "（IDがありません）", "(no IDs)")                                             \
    M(SF_FAILURES, "ログインの失敗（第33条）：", "Failed logins (Art. 33): ")                  \
    M(SF_FAILURES_N, "%s回（次のログインは待たされます。u で解除）", "%s (the next login waits; u clears it)") \
    M(SF_NO_FAILURES, "なし", "none")                                                         \
    M(SF_DISABLE_Q, "%s のIDを無効にしますか（第34条：権限はこれで無効になります）",          \
      "Disable %s's ID (Art. 34: its access ends now)?")                                    \
    M(SF_DISABLED, "IDを無効にしました：", "ID disabled: ")                                    \
    M(SF_UNLOCKED, "%s のログイン失敗 %s 回の記録を消しました（次のログインは待ちません）",     \
      "%s: %s failed logins cleared (the next login does not wait)")                        \
    M(SF_PASSWORD_Q, "新しいパスワード:", "New password:")                                    \
    M(SF_PASSWORD_AGAIN, "もう一度:", "Again:")                                               \
    M(SF_PASSWORD_DIFFER, "2回の入力が違います。設定していません", "The two differ; nothing was set") \
    M(SF_PASSWORD_SET, "パスワードを設定しました：", "Password set: ")                        \
    M(SF_APPROVE_Q, "%s のID（期間の定めのある従事者）を承認しますか（第33条）",             \
      "Approve %s's fixed-term ID (Art. 33)?")                                              \
    M(SF_NOT_FIXED, "期間の定めのある従事者のIDだけが承認を要します（第33条）",              \
      "Only a fixed-term ID needs the approval (Art. 33)")                                  \
    M(SF_APPROVED_MSG, "承認しました：", "Approved: ")                                        \
    M(SF_TERM_Q, "雇用期間の終了日 YYYY-MM-DD（空欄でなし）:", "Term end YYYY-MM-DD (empty: none):") \
    M(SF_TERM_SET, "雇用期間の終了日を記録しました：", "Term end recorded: ")                   \
    M(SF_PLEDGE_ON_Q, "秘密保持の誓約書の日付 YYYY-MM-DD（第27条）:",                          \
      "Confidentiality pledge dated YYYY-MM-DD (Art. 27):")                                 \
    M(SF_PLEDGE_DOC_Q, "誓約書の文書番号（空欄可）:", "Pledge document number (may be empty):") \
    M(SF_PLEDGE_SET, "秘密保持の誓約書を記録しました：", "Confidentiality pledge recorded: ")   \
    M(SF_TRAIN_ON_Q, "教育・訓練の日付 YYYY-MM-DD（第28条）:", "Training held on YYYY-MM-DD (Art. 28):") \
    M(SF_TRAIN_TOPIC_Q, "教育・訓練の内容:", "Training topic:")                                \
    M(SF_TRAIN_SET, "教育・訓練を記録しました：", "Training recorded: ")                         \
    M(SF_NEW, "従事者のIDの追加（取扱規程第27・33条）", "Add a staff ID (Rules Art. 27, 33)")  \
    M(SF_LOGIN, "利用者ID", "User ID")                                                        \
    M(SF_NAME, "氏名", "Name")                                                                \
    M(SF_ROLE, "権限", "Role")                                                                \
    M(SF_PASSWORD, "初期パスワード", "Initial password")                                      \
    M(SF_PASSWORD2, "初期パスワード（確認）", "Initial password (again)")                     \
    M(SF_PLEDGE_ON, "誓約書の日付（第27条）", "Pledge dated (Art. 27)")                        \
    M(SF_PLEDGE_DOC, "誓約書の文書番号", "Pledge document")                                   \
    M(SF_FIXED_TERM, "期間の定め（第33条）", "Fixed term (Art. 33)")                           \
    M(SF_TERM_END, "雇用期間の終了（第34条）", "Term end (Art. 34)")                         \
    M(SF_FORM_HINTS, "Tab/↓/Enter:次 ↑:前 ←→:選択 Ctrl-S/F2:追加 Esc:戻る", "Tab/Down/Enter: next  Up: prev  Left/Right: choose  C-S/F2: add  Esc: back") \
    M(SF_ADDED, "IDを追加しました：", "ID added: ")                                           \
    M(SF_ADDED_FIXED, "（総責任者の承認後に使えます。第33条）", " (works once the chief officer approves it, Art. 33)") \
    M(SORT_RELEVANCE, "標準（検索は一致順、一覧はフリガナ順）",                                \
      "usual (best matches first; all by reading)")                                         \
    M(SORT_READING, "フリガナ順", "by reading")                                             \
    M(SORT_NUMBER, "会員番号順", "by member number")                                        \
    M(SORT_JOINED, "入会日順（古い順）", "by joining date, oldest first")                   \
    M(SORT_JOINED_DESC, "入会日順（新しい順）", "by joining date, newest first")            \
    M(SORT_FACILITY, "所属施設順（施設なしは最後）", "by facility (none last)")              \
    M(SORT_Q, "並び順を選んでください", "Choose the sort order")                             \
    M(SORTED, "並び順: %s", "Sorted %s")                                                    \
    M(COL_JOINED, "入会日", "Joined")                                                      \
    M(CHIEF_ONLY, "総責任者だけが行えます（規程表の変更・照会者の拒否リスト）",                 \
      "Only the chief officer may do this (policy tables, deny-list)")                      \
    M(PO_TITLE, "照会の規程表（第20条） 版", "Policy tables (Art. 20) version")              \
    M(PO_CATEGORIES, "照会者の区分（第20条第3項・第4項）", "Recipient categories (Art. 20(3),(4))") \
    M(PO_COL_CODE, "名称", "Name")                                                          \
    M(PO_INITIAL, "初期設定", "initial set-up")                                             \
    M(PO_COL_CLAUSE, "号", "")                                                              \
    M(PO_COL_PERMITTED, "提供", "Perm")                                                     \
    M(PO_COL_LEGAL, "法令", "Law")                                                          \
    M(PO_COL_PLEDGE, "誓約書", "Pledge")                                                    \
    M(PO_COL_NAME, "項目名", "Item")                                                        \
    M(PO_COL_SCOPE, "区分", "Scope")                                                        \
    M(PO_COL_ITEMS, "項目", "Items")                                                        \
    M(PO_ITEMS, "項目（第20条第1項）", "Items (Art. 20(1))")                                  \
    M(PO_PURPOSES, "利用目的と提供できる項目（第20条第1項）",                                  \
      "Purposes and the items each allows (Art. 20(1))")                                    \
    M(PO_YES, "可", "yes")                                                                  \
    M(PO_NO, "不可", "no")                                                                  \
    M(PO_LEGAL, "法令", "law")                                                              \
    M(PO_PLEDGE, "誓約書", "pledge")                                                        \
    M(PO_INTERNAL, "内部", "int.")                                                          \
    M(PO_EXTERNAL, "外部", "ext.")                                                          \
    M(PO_HINTS, "↑↓:行 e:編集（総責任者・新しい版） q:戻る", "Up/Down: row  e: edit (chief officer; a new version)  q: back") \
    M(PO_EDIT, "規程表の編集", "Edit the policy")                                            \
    M(PO_T_CATEGORY, "照会者の区分", "category")                                             \
    M(PO_T_PURPOSE, "利用目的", "purpose")                                                   \
    M(PO_T_ITEM, "項目", "item")                                                             \
    M(PO_PERMITTED, "提供できる（第20条第3項）", "Permitted (Art. 20(3))")                    \
    M(PO_LEGAL_BASIS, "法令の根拠（第20条第5項）", "Legal basis (Art. 20(5))")                \
    M(PO_PLEDGE_REQUIRED, "誓約書（取扱規程第6条）", "Pledge (Rules Art. 6)")                 \
    M(PO_ITEMS_FIELD, "提供できる項目（a〜f）", "Items allowed (a-f)")                        \
    M(PO_ARTICLE, "条項", "Article")                                                        \
    M(PO_TEXT, "規程の文言", "Words")                                                       \
    M(PO_NOTE, "変更の理由（必須・記録）", "Why (required; recorded)")                        \
    M(PO_NOTE_HINT, "例: 理事会承認（2026年11月）による改正", "e.g. amended by the board (Nov 2026)") \
    M(PO_SAVED, "規程表の版 %s を施行しました（記録済み）", "Policy version %s in force (logged)") \
    M(DL_TITLE, "提供しない照会者（第20条第4項(d)）", "Deny-listed requesters (Art. 20(4)(d))") \
    M(DL_COLS, "番号 登録日     照会者 / 団体  理由", "  No Listed on  Requester / organization  Reason") \
    M(DL_EMPTY, "登録はありません", "No requester is listed")                                 \
    M(DL_HINTS, "n:登録 d:外す（総責任者） ↑↓:移動 q:戻る", "n: add  d: remove (chief officer)  q: back") \
    M(DL_NEW, "拒否リストへの登録（第20条第4項(d)）", "Add to the deny-list (Art. 20(4)(d))")   \
    M(DL_WHO_HINT, "照会者の氏名・団体の片方または両方（表記の揺れは同一視）",                  \
      "The requester, the organization or both (spelling variants match)")                  \
    M(DL_REASON, "理由", "Reason")                                                          \
    M(DL_DATE, "登録日", "Listed on")                                                       \
    M(DL_ADDED, "拒否リストに登録しました: 番号 %s", "Added to the deny-list: entry %s")       \
    M(DL_REMOVE_Q, "外す理由:", "Reason for removing:")                                     \
    M(DL_REMOVE_REASON, "外す理由", "Reason for removing")                                   \
    M(DL_REMOVED, "拒否リストから外しました: 番号 %s", "Removed from the deny-list: entry %s") \
    M(DL_REMOVED_ON, "削除", "removed")                                                    \
    M(IC_TITLE, "事故・違反の記録（取扱規程第26条）", "Incidents (Rules Art. 26)")           \
    M(IC_COLS, "番号 状態   種別     判明日     人数 委員会 次の報告期限", "  No Status Kind     Found on   Persons Report Next due") \
    M(IC_EMPTY, "対応中の事故・違反はありません", "No open incident")                       \
    M(IC_HINTS, "n:記録 Enter:表示 u:調査・報告 c:終了 p:報告案 N:本人通知 a:全て q:戻る", \
      "n:record Enter:show u:update c:close p:report N:notices a:all q:back")               \
    M(IC_OPEN, "対応中", "open")                                                            \
    M(IC_CLOSED, "対応済", "closed")                                                        \
    M(IC_REPORTABLE, "要報告", "report")                                                    \
    M(IC_PROMPT, "速報", "prompt")                                                          \
    M(IC_FINAL, "確報", "full")                                                             \
    M(IC_NEW, "事故・違反の記録（取扱規程第26条）", "Record an incident (Rules Art. 26)")     \
    M(IC_EDIT, "調査・対応・報告の記録", "Findings, actions and reports")                   \
    M(IC_KIND, "種別", "Kind")                                                              \
    M(IC_SUMMARY, "何が起きたか", "What happened")                                          \
    M(IC_DISCOVERED, "判明日", "Discovered on")                                             \
    M(IC_DISCOVERED_BY, "発見者", "Discovered by")                                          \
    M(IC_REPORTED_TO, "報告先の管理者（ID）", "Reported to (manager's ID)")            \
    M(IC_OCCURRED, "発生日（不明なら空欄）", "Occurred on (blank: unknown)")                 \
    M(IC_CAUSE, "原因", "Cause")                                                            \
    M(IC_ACTION, "直ちに行った対応", "Done at once")                                         \
    M(IC_SOURCE, "対象会員の算出元", "Affected members from")                               \
    M(IC_SOURCE_REF, "番号・ファイル・利用者ID", "Number, file or user ID")                  \
    M(IC_SOURCE_HINT, "名簿の出力・提供記録・照会・請求は番号、バックアップはファイル名、アクセス記録は利用者ID", \
      "export, provision, inquiry, request: its number; backup: the file; access log: the user ID") \
    M(IC_SINCE, "期間の始め（記録）", "From (access log)")                           \
    M(IC_UNTIL, "期間の終わり（記録）", "Until (access log)")                         \
    M(IC_MEMBERS, "会員番号（一覧のとき）", "Member numbers (a list)")                        \
    M(IC_ITEMS, "項目 a〜f（一覧のとき）", "Items a-f (a list)")                             \
    M(IC_FINANCIAL, "財産的被害のおそれ", "Financial loss possible")                         \
    M(IC_IMPROPER, "不正の目的のおそれ", "Improper purpose suspected")                       \
    M(IC_SECONDARY, "二次被害", "Secondary damage")                                         \
    M(IC_RESPONSE, "本人への対応", "Response to the members")                               \
    M(IC_PUBLICATION, "公表", "Publication")                                                \
    M(IC_PREVENTION, "再発防止策", "Prevention")                                            \
    M(IC_PROMPT_ON, "速報した日（管理者）", "Prompt report made on (manager)")                \
    M(IC_FINAL_ON, "確報した日（管理者）", "Full report made on (manager)")                   \
    M(IC_NO, "いいえ", "no")                                                                \
    M(IC_YES, "はい", "yes")                                                                \
    M(IC_ADDED, "事故 %s を記録しました（対象 %s 人）", "Incident %s recorded (%s persons)") \
    M(IC_UPDATED, "事故 %s の記録を更新しました", "Incident %s updated")                     \
    M(IC_CLOSE_Q, "対応の結果（記録されます）:", "Outcome (recorded):")                      \
    M(IC_CLOSED_MSG, "事故 %s の対応を終えました", "Incident %s closed")                     \
    M(IC_NOTICES_DONE, "本人への通知 %s 通を印刷・保存しました", "%s notices printed or saved") \
    M(IC_HOME, "事故の報告: 期限超過 %s件・3日以内 %s件（I）", "Incident reports: %s overdue, %s due within 3 days (I)") \
    M(IC_GROUP, "事故・違反（取扱規程第26条）", "Incidents (Rules Art. 26)")                 \
    M(HELP_MORE, "（続きは ↓ か j で）", "(more below: Down or j)")                          \
    M(ST_TITLE, "統計情報（会員数の集計表）", "Statistics (member counts)")                  \
    M(ST_HINTS, "r:行 c:列 d:基準日 p:印刷 ←→↑↓:移動 q:戻る", "r: rows  c: columns  d: date  p: print  arrows: scroll  q: back") \
    M(ST_CHOICES, "行: %s　列: %s", "Rows: %s  Columns: %s")                               \
    M(ST_ON, "　基準日: %s", "  On: %s")                                                    \
    M(ST_NONE, "なし", "none")                                                              \
    M(ST_MEMBERS, "会員数", "Members")                                                      \
    M(ST_TOTAL, "計", "Total")                                                              \
    M(ST_ROWS_Q, "行にする項目", "Rows by")                                                 \
    M(ST_COLS_Q, "列にする項目", "Columns by")                                              \
    M(ST_SAME, "行と同じ項目は列にできません", "The columns cannot count by the rows' dimension") \
    M(ST_DATE, "基準日", "Date")                                                            \
    M(ST_DATE_Q, "基準日（例 2026-04-01、令和8年4月1日）:", "Count on (e.g. 2026-04-01):")   \
    M(ST_DATE_BAD, "日付を YYYY-MM-DD で入力してください", "Type the date as YYYY-MM-DD")      \
    M(ST_WHERE_ROWS, "行%s/%s", "rows %s/%s")                                               \
    M(ST_WHERE_COLS, " 列%s/%s", " cols %s/%s")                                             \
    M(ST_UNPROTECTABLE, "この表は公表できません: 小さい欄を他の欄と合計から逆算できてしまいます。別の項目か低い基準値で集計してください。", \
      "This table cannot be published: a small cell could be worked out from the others and the totals. Count by other dimensions.") \
    M(EX_PLEDGE_BAD, "誓約書は番号（数字）で入力してください", "The pledge is a number")

typedef enum tui_text {
#define TUI_MSG_ENUM(id, ja, en) T_##id,
    TUI_MESSAGES(TUI_MSG_ENUM)
#undef TUI_MSG_ENUM
    T__COUNT
} tui_text;

/** Set the language of tr(). */
void tr_set_lang(tui_lang lang);
/** Is the current language English? */
bool tr_is_en(void);
/** A text with each "%s" replaced by the next of @p a, @p b (NULL: nothing) into @p buf. */
const char *tr_fill(char *buf, size_t len, tui_text t, const char *a, const char *b);
/** A text in the current language. */
const char *tr(tui_text t);

#endif

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
    M(LOGIN_LOCKED, "5回失敗でロック中: %s まで待つか管理者にパスワード再設定を依頼", \
      "Locked after 5 failed logins: wait until %s or ask a manager for a new password")    \
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
    M(NO_HITS, "該当する会員はいません", "No member matches")                                \
    M(ST_ACTIVE, "在籍", "active")                                                           \
    M(ST_WITHDRAWN, "退会", "withdrawn")                                                     \
    M(ST_DECEASED, "逝去", "deceased")                                                       \
    M(BROWSER_HINTS, "/:検索 Enter:詳細 s:状態 b:支部 p:専門医 a:追加 ?:ヘルプ Q:終了",         \
      "/:search Enter:open s:status b:branch p:specialist a:add ?:help Q:quit")              \
    M(SEARCH_HINTS, "入力で絞り込み  Enter/↓:一覧へ  Esc:検索を消す", "Type to search  Enter/Down: list  Esc: clear") \
    M(CHOOSE_BRANCH, "支部を選んでください", "Choose a branch")                              \
    M(DETAIL_TITLE, "会員詳細", "Member")                                                    \
    M(DETAIL_HINTS, "r:秘匿項目を表示 e:編集 w:退会 q:戻る ?:ヘルプ", "r:reveal e:edit w:withdraw q:back ?:help") \
    M(GROUP_BASIC, "基本情報", "Basic")                                                      \
    M(GROUP_CONTACT, "連絡先（秘匿項目）", "Contact (masked)")                               \
    M(GROUP_FACILITY, "所属", "Facility")                                                    \
    M(GROUP_QUALIFICATION, "資格", "Qualification")                                          \
    M(GROUP_CONSENT, "同意・第三者提供停止（第20条第5項）", "Consent and opt-out (Art. 20(5))") \
    M(GROUP_HISTORY, "変更履歴", "Change history")                                           \
    M(MASKED, "＊＊＊＊（r で表示・記録されます）", "**** (r reveals; logged)")                \
    M(REVEALED, "秘匿項目を表示しました（アクセス記録に残ります）", "Masked fields shown (written to the access log)") \
    M(NO_HISTORY, "（変更の記録はありません）", "(no changes recorded)")                      \
    M(NONE, "（なし）", "(none)")                                                            \
    M(FORM_ADD, "会員の追加", "Add a member")                                                \
    M(FORM_EDIT, "会員情報の編集", "Edit member")                                            \
    M(FORM_WITHDRAW, "退会処理", "Withdraw member")                                          \
    M(FORM_HINTS, "Tab/↓/Enter:次 ↑:前 Ctrl-S/F2:保存 Esc:戻る", "Tab/Down/Enter: next  Up: prev  C-S/F2: save  Esc: back") \
    M(FORM_SAVED, "保存しました", "Saved")                                                   \
    M(FORM_ADDED, "会員を登録しました", "Member added")                                      \
    M(FORM_WITHDRAWN, "退会処理をしました", "Member withdrawn")                              \
    M(FORM_UNCHANGED, "変更はありません", "Nothing changed")                                 \
    M(FORM_DISCARD, "変更を保存せずに戻りますか？", "Leave without saving your changes?")     \
    M(FORM_CONFLICT, "%s が %s に先に保存しました。入力は保持、↳を確かめ再保存で確定", \
      "%s saved first at %s. Your input is kept; check the ↳ values, save again")          \
    M(FORM_THEIRS, "相手の値", "their value")                                                \
    M(FORM_WITHDRAW_DATE, "退会日", "Withdrawn on")                                          \
    M(FORM_WITHDRAW_REASON, "退会理由", "Reason")                                            \
    M(FORM_WITHDRAW_CONFIRM, "この会員を退会にしますか？", "Withdraw this member?")           \
    M(YESNO, "(y/n)", "(y/n)")                                                               \
    M(AUDIT_TITLE, "アクセス記録（取扱規程第23条）", "Access log (Handling Rules Art. 23)")   \
    M(AUDIT_HINTS, "u:利用者 m:会員番号 d:期間 q:戻る", "u:user m:member d:dates q:back")      \
    M(AUDIT_COLS, "日時                利用者     操作             会員番号  内容",           \
      "Time                User       Action           Member    Detail")                   \
    M(AUDIT_USER, "利用者", "User")                                                         \
    M(AUDIT_MEMBER, "会員", "Member")                                                       \
    M(AUDIT_DATES, "期間", "Dates")                                                         \
    M(AUDIT_USER_Q, "利用者ID（空欄で全員）", "User ID (empty: everyone)")                   \
    M(AUDIT_MEMBER_Q, "会員番号（空欄で全員）", "Member number (empty: all)")                 \
    M(AUDIT_DATES_Q, "期間 YYYY-MM-DD..YYYY-MM-DD（片方は空欄可）", "Dates YYYY-MM-DD..YYYY-MM-DD (either may be empty)") \
    M(AUDIT_NONE, "該当する記録はありません", "No rows")                                      \
    M(HELP_TITLE, "ヘルプ", "Help")                                                          \
    M(HELP_KEYS, "キー", "Keys")                                                             \
    M(HELP_HINTS, "q:戻る", "q: back")                                                       \
    M(LOCK_TITLE, "画面ロック（第30条）", "Screen locked (Art. 30)")                          \
    M(LOCK_TEXT, "画面をロックしました。%s のパスワードで再開します。",                      \
      "The screen is locked. Type the password of %s to resume.")                            \
    M(LOCK_HINTS, "Enter:再開", "Enter: resume")                                             \
    M(DENIED_AUDIT, "アクセス記録は管理者と総責任者が見られます（自分の記録のみ表示）",        \
      "Managers and the chief officer see the access log (showing your own rows)")           \
    M(QUIT_ASK, "meibo を終了しますか？", "Quit meibo?")                                      \
    M(TOO_SMALL, "画面が小さすぎます（80×24 以上）", "Terminal too small (80x24 or more)")

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

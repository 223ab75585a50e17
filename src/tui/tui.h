/* tui.h: the terminal face's umbrella header: curses, the views, actions, drawing helpers.
 * Only files under src/tui/ include it; the core never sees curses. */
#ifndef MEIBO_TUI_H
#define MEIBO_TUI_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdbool.h>
#include <stdint.h>
#include <wchar.h>

#include "meibo/config.h"
#include "meibo/db.h"
#include "meibo/label.h"
#include "meibo/member.h"
#include "meibo/status.h"
#include "meibo/watch.h"
#include "msg.h"
#include "tui_main.h"

/* Every action once: id, name (bindings, scripts), Japanese and English help text. */
#define TUI_ACTIONS(A)                                                                      \
    A(NONE, "none", "", "")                                                                 \
    A(MOVE_UP, "move-up", "1行上へ", "Move up one line")                                     \
    A(MOVE_DOWN, "move-down", "1行下へ", "Move down one line")                               \
    A(PAGE_UP, "page-up", "前のページ", "Previous page")                                     \
    A(PAGE_DOWN, "page-down", "次のページ", "Next page")                                     \
    A(MOVE_FIRST, "move-first", "先頭へ", "Go to the first line")                            \
    A(MOVE_LAST, "move-last", "末尾へ", "Go to the last line")                               \
    A(ENTER, "enter", "開く・決定", "Open or confirm")                                        \
    A(BACK, "back", "戻る・取消（会員一覧では終了するか尋ねる）",                              \
      "Go back or cancel (on the member list: ask to quit)")                                 \
    A(QUIT, "quit", "終了（尋ねずに）", "Quit meibo (without asking)")                         \
    A(SEARCH, "search", "検索語を入力", "Type a search")                                      \
    A(FILTER_STATUS, "filter-status", "状態で絞り込み（切替）", "Filter by status (cycle)")     \
    A(FILTER_BRANCH, "filter-branch", "支部で絞り込み", "Filter by branch")                    \
    A(FILTER_SPECIALIST, "filter-specialist", "専門医で絞り込み（切替）",                       \
      "Filter by specialist number (cycle)")                                                 \
    A(ADD, "add", "会員を追加", "Add a member")                                               \
    A(EDIT, "edit", "会員情報を編集", "Edit the member")                                       \
    A(WITHDRAW, "withdraw", "退会処理", "Withdraw the member")                                 \
    A(REVEAL, "reveal", "秘匿項目を表示（記録されます）", "Reveal masked fields (logged)")        \
    A(SAVE, "save", "保存", "Save")                                                          \
    A(NEXT_FIELD, "next-field", "次の項目", "Next field")                                     \
    A(PREV_FIELD, "prev-field", "前の項目", "Previous field")                                 \
    A(AUDIT_LOG, "audit-log", "アクセス記録（第23条）", "Access log (Art. 23)")                  \
    A(FILTER_USER, "filter-user", "利用者IDで絞り込み", "Filter by user ID")                    \
    A(FILTER_MEMBER, "filter-member", "会員番号で絞り込み", "Filter by member number")          \
    A(FILTER_DATES, "filter-dates", "期間で絞り込み", "Filter by date range")                   \
    A(INQUIRY, "inquiry", "第三者照会を受け付ける（第20条）", "Take a third-party inquiry (Art. 20)") \
    A(INQUIRIES, "inquiries", "照会の一覧・記録（開く・回答書の印刷）",                        \
      "Inquiries recorded (open, print the letter)")                                          \
    A(ADDRESS, "address", "回答先の住所を入力（郵送のため）", "Enter the postal address (to mail it)") \
    A(VOID, "void", "誤って記録した照会を取り消す（理由を記録）",                               \
      "Void an inquiry recorded by mistake (with the reason)")                               \
    A(GIVEN, "given", "電話で回答済みとして記録（総責任者の同意があるとき）",                   \
      "Mark answered by telephone (with the chief's consent)")                               \
    A(APPROVALS, "approvals", "保留中の照会（総責任者の承認）", "Inquiries on hold (chief's approval)") \
    A(PLEDGES, "pledges", "誓約書の登録簿（取扱規程第5・6条）", "Pledge registry (Rules Art. 5-6)") \
    A(EXPORTS, "exports", "名簿の出力（取扱規程第4〜6条）", "Export sheets (Rules Art. 4-6)")  \
    A(RUN, "run", "出力を実行（印刷・ファイル）", "Run the export (print or file)")              \
    A(DECIDE, "decide", "判定を表示（記録しない）", "Show the decision (records nothing)")       \
    A(PRINT, "print", "回答書を印刷（プリンタか outbox）", "Print the letter (printer or outbox)") \
    A(APPROVE, "approve", "承認（総責任者）", "Approve (chief officer)")                        \
    A(DENY, "deny", "不承認（総責任者）", "Deny (chief officer)")                               \
    A(REQUESTS, "requests", "開示等の請求（第22・23条）", "Rights requests (Art. 22-23)")        \
    A(OPTOUT, "optout", "第三者提供の停止の申出・撤回（第20条第5項）",                           \
      "Opt-out from provision, or its withdrawal (Art. 20(5))")                              \
    A(REQUEST_DECIDE, "request-decide", "請求の決定を記録", "Record the request's decision")    \
    A(COMPLETE, "complete", "請求を完了（通知書の送付後）", "Complete the request (notice sent)") \
    A(SHOW_ALL, "show-all", "完了した請求も表示（切替）", "Also completed requests (toggle)")    \
    A(HELP, "help", "ヘルプ", "Show this help")                                               \
    A(REDRAW, "redraw", "画面を再描画", "Redraw the screen")                                   \
    A(LOCK, "lock", "画面をロック（取扱規程第30条）", "Lock the screen (Rules Art. 30)")                    \
    A(LEDGER, "ledger", "個人情報取扱台帳（取扱規程第24条）", "Personal-data ledger (Rules Art. 24)") \
    A(SORT, "sort", "並び順を切り替え（会員番号・入会日・施設…）",                              \
      "Next sort order (number, joined, facility...)")                                      \
    A(SORT_CHOOSE, "sort-choose", "並び順を選ぶ", "Choose the sort order")                     \
    A(COUNT_ALL, "count", "該当件数を最後まで数える", "Count every match")                      \
    A(POLICY, "policy", "照会の規程表（第20条）", "Policy tables (Art. 20)")                   \
    A(DENYLIST, "denylist", "提供しない照会者（第20条第4項(d)）",                              \
      "Deny-listed requesters (Art. 20(4)(d))")                                             \
    A(REMOVE, "remove", "登録を外す（総責任者）", "Remove the entry (chief officer)")          \
    A(INCIDENTS, "incidents", "事故・違反の記録（取扱規程第26条）", "Incidents (Rules Art. 26)") \
    A(INCIDENT_ADD, "incident-add", "事故・違反を記録", "Record an incident")                \
    A(INCIDENT_UPDATE, "incident-update", "調査・対応・報告を記録", "Record findings, actions, reports") \
    A(INCIDENT_CLOSE, "incident-close", "対応を終える（管理者）", "Close the incident (manager)") \
    A(INCIDENT_NOTICES, "incident-notices", "本人への通知を印刷（全員分）",                   \
      "Print the notice to every member affected")                                          \
    A(INCIDENT_REPORT, "incident-report", "委員会への報告案を印刷", "Print the draft report to the commission") \
    A(INCIDENT_ALL, "incident-all", "対応済みも表示（切替）", "Also closed incidents (toggle)") \
    A(INSPECT, "inspect", "管理者の検査報告（取扱規程第25条）", "Inspection report (Rules Art. 25)") \
    A(STAFF, "staff", "従事者の管理（取扱規程第27・28・33・34条）",                          \
      "Staff register (Rules Art. 27-28, 33-34)")                                          \
    A(STATS, "stats", "統計情報（会員数の集計表、個人を特定しない）",                         \
      "Statistics (member counts that identify nobody)")                                    \
    A(STATS_ROWS, "stats-rows", "行にする項目を選ぶ", "Choose the rows' dimension")          \
    A(STATS_COLS, "stats-cols", "列にする項目を選ぶ（なしも可）",                            \
      "Choose the columns' dimension (or none)")                                            \
    A(STATS_DATE, "stats-date", "基準日を入力", "Type the date counted on")                  \
    A(SCROLL_LEFT, "scroll-left", "左の列へ", "Scroll left")                                 \
    A(SCROLL_RIGHT, "scroll-right", "右の列へ", "Scroll right") \
    A(DISABLE, "disable", "IDを無効にする（取扱規程第34条）", "Disable the ID (Rules Art. 34)")  \
    A(UNLOCK, "unlock", "ログイン失敗の待機を解除（取扱規程第33条）",                          \
      "Clear the failed logins' delay (Rules Art. 33)")                                     \
    A(PASSWORD, "password", "パスワードを設定し直す", "Reset the password")                   \
    A(TERM_END, "term-end", "雇用期間の終了日（取扱規程第34条）", "Term end (Rules Art. 34)") \
    A(STAFF_PLEDGE, "staff-pledge", "秘密保持の誓約書を記録（取扱規程第27条）",                \
      "Record the confidentiality pledge (Rules Art. 27)")                                 \
    A(TRAINING, "training", "教育・訓練を記録（取扱規程第28条）", "Record training (Rules Art. 28)")

typedef enum tui_req {
#define TUI_REQ_ENUM(id, name, ja, en) REQ_##id,
    TUI_ACTIONS(TUI_REQ_ENUM)
#undef TUI_REQ_ENUM
    REQ__COUNT
} tui_req;

/* Which key map a screen reads: its own, then the generic one. */
typedef enum tui_keymap {
    KM_GENERIC,
    KM_BROWSER,
    KM_DETAIL,
    KM_FORM,
    KM_AUDIT,
    KM_HELP,
    KM_APPROVALS,
    KM_INQUIRIES,
    KM_PLEDGES,
    KM_REQUESTS,
    KM_EXPORTS,
    KM_POLICY,
    KM_DENYLIST,
    KM_INCIDENTS,
    KM_STATS,
    KM_STAFF,
    KM__COUNT
} tui_keymap;

/* A key: a curses function key (KEY_*) in code, or a character in ch. */
typedef struct tui_key {
    int code;
    wchar_t ch;
} tui_key;

#define TUI_CTRL(c) ((c) & 0x1f)

/* What a handler did; the main loop acts on the flags. */
enum {
    EV_NONE = 0,
    EV_HANDLED = 1 << 0, /* consumed the key */
    EV_REDRAW = 1 << 1,  /* draw again */
    EV_WORK = 1 << 2,    /* deferred work is pending (idle callback) */
    EV_CLOSE = 1 << 3,   /* pop this view */
    EV_QUIT = 1 << 4,    /* leave meibo */
};

/* Semantic colours (htop): each has a colour pair and a monochrome attribute. */
#define TUI_ELEMENTS(E)                                                                     \
    E(NORMAL, -1, -1, A_NORMAL)                                                             \
    E(TITLE, COLOR_WHITE, COLOR_BLUE, A_REVERSE)                                            \
    E(STATUS, COLOR_BLACK, COLOR_CYAN, A_REVERSE)                                           \
    E(HEADER, COLOR_YELLOW, -1, A_UNDERLINE)                                                \
    E(CURSOR, COLOR_BLACK, COLOR_GREEN, A_REVERSE)                                          \
    E(MASKED, COLOR_MAGENTA, -1, A_DIM)                                                     \
    E(ERROR, COLOR_RED, -1, A_BOLD)                                                         \
    E(NOTICE, COLOR_GREEN, -1, A_BOLD)                                                      \
    E(GROUP, COLOR_CYAN, -1, A_BOLD)                                                        \
    E(INPUT, -1, -1, A_UNDERLINE)                                                           \
    E(CONTROL, COLOR_RED, -1, A_BOLD)

typedef enum tui_element {
#define TUI_EL_ENUM(id, fg, bg, mono) EL_##id,
    TUI_ELEMENTS(TUI_EL_ENUM)
#undef TUI_EL_ENUM
    EL__COUNT
} tui_element;

struct tui;
struct view;

/* One screen (tig's view_ops). */
typedef struct view_ops {
    const char *name;
    tui_keymap keymap;
    bool may_change;  /* closing it may have changed what the screen below shows */
    /* body rows [1, LINES-2]; the title row and status line are drawn by the loop */
    void (*draw)(struct view *v, WINDOW *w, int top, int rows, int cols);
    /* a key: @p req is its action in this view's key map (REQ_NONE when unbound) */
    int (*key)(struct view *v, tui_key k, tui_req req);
    /* deferred work when no key is waiting; returns EV_WORK while more remains */
    int (*work)(struct view *v);
    /* key hints for the status line */
    const char *(*hints)(struct view *v);
    /* the view is on top again (the one above it closed), or another clerk changed the
     * database (tui.c): reload what may have changed, keeping the cursor on its row; it must
     * append no audit row but reads (watch.h) */
    void (*resume)(struct view *v);
    /* free priv */
    void (*done)(struct view *v);
} view_ops;

typedef struct view {
    const view_ops *ops;
    struct tui *t;
    void *priv;
    char title[256];
    bool pending; /* work() has more to do */
} view;

#define TUI_MAX_VIEWS 16

typedef struct tui {
    meibo_ctx *ctx;
    meibo_config cfg;
    tui_lang lang;
    view *stack[TUI_MAX_VIEWS];
    int depth;
    view *dead[TUI_MAX_VIEWS * 2]; /* popped, freed before the next key */
    int ndead;
    char message[768];
    tui_element message_el;
    bool colors;
    bool quit;
    /* idle lock (取扱規程 第30条) */
    int64_t idle_ms;     /* milliseconds without a key (scripts add to it with :idle) */
    bool locked;
    /* another clerk's changes: polled on every key and every second (tui.c, watch.h) */
    meibo_watch watch;
    bool changed_elsewhere; /* seen, not yet shown: the top view could not reload */
    /* scripted input (tests) */
    struct tui_script *script;
    const char *prefill_login;
} tui;

/* --- tui.c --- */
/** Push a new view; takes ownership of @p priv (freed by ops->done). NULL on failure. */
view *tui_push(tui *t, const view_ops *ops, void *priv);
/** Pop (and free) the top view. */
void tui_pop(tui *t);
/** Replace the whole stack with one view. */
view *tui_reset(tui *t, const view_ops *ops, void *priv);
/** A message on the status line (printf-style), as a notice or an error. */
void tui_msg(tui *t, tui_element el, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A member's status in the clerk's words (在籍, 退会, 逝去); other codes as they are. */
const char *status_text(const char *code);

struct outbox_delivery;
/* Where a letter went, in the clerk's words: the printer and CUPS's request id (and that the
 * job waits when the printer is stopped, with CUPS's reason), or the outbox file (issue 19). */
void tui_delivered(tui *t, const struct outbox_delivery *d);
/* --- print.c: the one printing path of every screen --- */
typedef enum tui_letter {
    TL_INQUIRY,        /* the answer, refusal or not-found letter of an inquiry (letter.h) */
    TL_INQUIRY_PLEDGE, /* the pledge form a held inquiry waits for (取扱規程 第6条) */
    TL_PLEDGE_RENEWAL, /* the pledge form renewing recorded pledge N */
    TL_REQUEST,        /* the notice of a rights request's decision (第22条第5項, 第23条) */
    TL_OPTOUT,         /* the acknowledgment of an opt-out or its withdrawal (第20条第5項) */
    TL_INCIDENT_REPORT, /* the draft report of incident N to the commission (取扱規程 第26条) */
} tui_letter;
struct letter;
/* Render letter @p what of record @p id and deliver it (tui_deliver); false when refused or
 * failed, the reason on the status line. */
bool tui_print(tui *t, tui_letter what, int64_t id);
/* Deliver the rendered letter @p l (freed): the printer when configured, else the outbox;
 * where it went (or why not) on the status line. */
bool tui_deliver(tui *t, struct letter *l);
/** The message of a failed core call, on the status line as an error. */
void tui_err(tui *t, const meibo_err *err);
/** A refused value: "LABEL: why" in the screen's language when the core gave its reason
 * (err->reason), else the core's message. @p label is the field as the screen names it. */
void tui_err_label(tui *t, const meibo_err *err, const char *label);
/** A refusal of something only the chief officer may do, in the screen's language (any
 * other failure as tui_err()). */
void tui_chief_only(tui *t, const meibo_err *err);
/** Attribute of a semantic element. */
attr_t tui_attr(const tui *t, tui_element el);
/** For db_set_progress(): non-zero when a key (or a signal) is waiting; @p arg is the tui. */
int tui_key_waiting(void *arg);
/** Is a key waiting (never true in scripts: they are run one key at a time)? */
bool tui_input_pending(tui *t);

/* --- keys.c --- */
/** The action bound to @p k in key map @p km (falling back to the generic map). */
tui_req keys_lookup(tui_keymap km, tui_key k);
/** Name of a key ("<Enter>", "<C-L>", "a") into @p buf. */
const char *keys_name(tui_key k, char *buf, size_t len);
/** Parse one key name at *s (advancing it): "<Down>", "<C-X>", or one UTF-8 character. */
bool keys_parse(const char **s, tui_key *k);
/** The keys bound to @p req in @p km's own map, or with @p generic in the generic map as
 * far as @p km does not bind them otherwise; space-separated into @p buf ("" when none). */
const char *keys_for(tui_keymap km, tui_req req, bool generic, char *buf, size_t len);
/* What action @p r does on the screens of keymap @p km (a screen's own words: n on the pledge
 * screen records a pledge, not a member), in @p lang. */
const char *keys_action_help(tui_keymap km, tui_req r, tui_lang lang);
/** Load the compiled-in default bindings (call once). */
void keys_init(void);
/** Teach curses the usual escape sequences of Home, End, PgUp, PgDn, Insert, Delete, F1-F12
 * and the cursor keys (CSI and SS3 forms) that the terminfo entry lacks (after keypad()). */
void keys_terminal_init(void);
/** The key of an escape sequence without its ESC ("[6~": KEY_NPAGE), 0 when unknown. */
int keys_sequence(const char *seq);
/** A curses key code as meibo's bindings know it (KEY_FIND is Home, KEY_SELECT is End). */
int keys_terminal_code(int code);
/** Is @p k a printable character (to type into a field)? */
bool keys_printable(tui_key k);

/* --- draw.c --- */
/** Set the cell width of East Asian ambiguous characters (1 or 2) and the line style. */
void draw_configure(int ambiguous_width, bool ascii_lines);
/** Cells @p wc takes on screen after sanitizing (0 for none). */
int draw_wcwidth(wchar_t wc);
/**
 * Make @p s (UTF-8, possibly invalid) safe to show: control characters, escape sequences,
 * bidi overrides and invalid bytes become visible text (^[, <U+202E>, <\xff>). Writes at
 * most @p cap-1 wide characters and a NUL to @p out; returns the count.
 */
size_t draw_sanitize(const char *s, wchar_t *out, size_t cap);
/** Display width of UTF-8 text after sanitizing. */
int draw_width(const char *s);
/**
 * Draw @p s at (y, x) in exactly @p width cells: sanitized, cut at a character boundary
 * (never half a wide character) and marked … where cut, padded with spaces. Returns the
 * cells of text drawn.
 */
int draw_text(WINDOW *w, int y, int x, int width, const char *s, attr_t attr);
/**
 * Draw @p s wrapped (text_wrap) into at most @p rows rows of @p width cells from (y, x); a
 * text longer than that ends with … on its last row. Returns the rows used.
 */
int draw_wrap(WINDOW *w, int y, int x, int width, int rows, const char *s, attr_t attr);
/** The bytes of @p s's first line when wrapped at @p width cells, with the spaces it breaks
 * at (where the next line starts; at least one character). */
size_t draw_wrap_first(const char *s, int width);
/** Rows draw_wrap() needs for @p s at @p width cells. */
int draw_wrap_rows(int width, const char *s);
/** Same, right-aligned. */
int draw_text_right(WINDOW *w, int y, int x, int width, const char *s, attr_t attr);
/** Are lines drawn with - | + (ascii_lines, or ambiguous_width = 2)? */
bool draw_ascii_lines(void);
/** Before drawing a pop-up whose edge is at column @p x of row @p y: a wide character split
 * by that edge (its left half at x - 1) becomes two blanks, so nothing is left half drawn. */
void draw_unsplit(WINDOW *w, int y, int x);
/** A horizontal line of @p width cells. */
void draw_hline(WINDOW *w, int y, int x, int width, attr_t attr);
/** Format @p n with thousands separators. */
const char *draw_count(int64_t n, char *buf, size_t len);

/* --- line.c: one editable line of text (wide characters, IME input via get_wch) --- */
#define LINE_MAX_CHARS 200
typedef struct tui_line {
    wchar_t buf[LINE_MAX_CHARS + 1];
    int len, cur;   /* in characters */
    int scroll;     /* first character shown */
    bool masked;    /* password: draw '*' per character */
    int max;        /* limit in characters (0 = LINE_MAX_CHARS) */
} tui_line;
/** Set the text (UTF-8). */
void line_set(tui_line *l, const char *s);
/** The text as UTF-8 into @p buf; returns buf. */
char *line_get(const tui_line *l, char *buf, size_t len);
/** Edit with @p k: characters, Left/Right/Home/End, Backspace/Delete, C-A/C-E/C-U/C-K. True
 * when the key was an editing key (the text or the cursor may have changed). */
bool line_key(tui_line *l, tui_key k, bool *changed);
/** Draw in @p width cells at (y, x); with @p focus, leaves the cursor where typing goes. */
void line_draw(WINDOW *w, int y, int x, int width, tui_line *l, bool focus, attr_t attr);
/** Wipe the text (passwords). */
void line_wipe(tui_line *l);

/* --- the screens --- */
extern const view_ops login_ops, browser_ops, detail_ops, form_ops, audit_ops, help_ops,
    prompt_ops, lock_ops, inquiry_ops, inquiries_ops, inquiry_record_ops, approvals_ops, pledges_ops, pledge_form_ops,
    requests_ops, request_form_ops, optout_form_ops, exports_ops, export_form_ops, policy_ops,
    policy_form_ops, denylist_ops, denylist_form_ops, incidents_ops, incident_form_ops,
    stats_ops, staff_ops, staff_form_ops;
/** Statistics on screen (統計情報, stats.h): a table of member counts by one or two dimensions
 * on a date, suppressed, its rule stated; each count is in the access log (stats.table). */
view *stats_open(tui *t);
/** The incident register (取扱規程 第26条): open incidents, reports overdue and nearly due. */
view *incidents_open(tui *t);
/** The incidents that touch @p member_no, one line each, for the member's detail (NULL: none
 * or out of memory); *n receives the count. The lines are the caller's to free. */
char **incidents_for_member(tui *t, const char *member_no, int *n);
/** The export sheets: request, approve, run (export_view.c). */
view *exports_open(tui *t);
/** Take a third-party inquiry, about @p member_no when given. */
view *inquiry_open(tui *t, const char *member_no);
/** The inquiries recorded, newest first (every one, or those about @p member_no): each opened
 * with its decisions and reasons, its letter printed or reprinted (inquiries.c). */
view *inquiries_open(tui *t, const char *member_no);
/** The queue of inquiries on hold. */
view *approvals_open(tui *t);
/** The pledge registry. */
view *pledges_open(tui *t);
/** The rights requests (第22–23条): the open ones, overdue and nearly due marked. */
view *requests_open(tui *t);
/** Record the member's written opt-out (第20条第5項), or with @p withdraw its withdrawal. */
view *optout_form_open(tui *t, const char *member_no, bool withdraw);
/** @p s cut or padded with spaces to @p cells display cells, into @p out; returns @p out. */
const char *tui_pad(const char *s, int cells, char *out, size_t len);
/** A stored code in the screen's language, from the core's one table per kind (label.h). */
const char *lbl(label_kind kind, const char *code);
/** An outcome code ("hold") in words. */
const char *outcome_label(const char *outcome);
/** Log in (login and unlock): says first when the try must wait (auth_login_wait), then why it
 * failed, in the screen's language. */
meibo_status login_check(tui *t, const char *login, const char *password);
/** Draw the whole screen now (before a call that blocks). */
void tui_render_now(tui *t);
/** The login screen (the first screen). */
view *login_open(tui *t);
/** Open the member browser (after login). */
view *browser_open(tui *t);
/** Open a member's detail by member number. */
view *detail_open(tui *t, const char *member_no);
/** Open the edit form for @p member_no, or an empty add form when NULL. */
/* The member form: a new member (NULL), or an existing one with its masked fields hidden
 * until F3 reveals them (logged), or shown at once when @p revealed (the detail view revealed
 * them already). */
view *form_open_edit(tui *t, const char *member_no, bool revealed);
/** Open the withdraw form (date, reason) for @p member_no at @p version. */
view *form_open_withdraw(tui *t, const char *member_no);
/** Open the access-log viewer. */
view *audit_open(tui *t);
/** Open help for the view below. */
view *help_open(tui *t, const view *of);
/** The 個人情報取扱台帳 (取扱規程 第24条), read-only. */
extern const view_ops ledger_ops;
view *ledger_open(tui *t);
/** The manager's inspection report (取扱規程 第25条) of the last 30 days, as the letter's text;
 * p prints it. Manager or chief. */
view *inspect_open(tui *t);
/** The staff register (取扱規程 第27–28条, 第33–34条): pledge, training, term end, the chief's
 * approval of a fixed-term ID, with their dates. Manager or chief. */
view *staff_open(tui *t);
/** The policy tables of 第20条 (the chief officer edits a row: a new version). */
view *policy_view_open(tui *t);
/** The chief officer's deny-list of requesters (第20条第4項(d)). */
view *denylist_view_open(tui *t);

/* detail.c: how fields read on screen (also used by the form). */
/** The label of a field in the screen's language. */
const char *field_label(member_field f, char *buf, size_t len);
/** A value as shown: status and consent in words, dates with their 和暦. */
const char *field_value(const meibo_member *m, member_field f, char *buf, size_t len);

/* prompt.c: a question over the current view. */
typedef void (*prompt_fn)(view *under, const char *answer, void *arg);
/** Ask for one line of text (Enter answers, Esc cancels). */
view *prompt_text(tui *t, const char *question, const char *initial, prompt_fn fn, void *arg);
/** Ask for a password: as prompt_text, each character drawn as '*', the text wiped after. */
view *prompt_secret(tui *t, const char *question, prompt_fn fn, void *arg);
/** Ask yes or no; @p fn is called with "y" only when the answer is yes. */
view *prompt_yesno(tui *t, const char *question, prompt_fn fn, void *arg);
/** Ask @p question (yes or no) before closing @p v, a form with unsaved input: yes closes it. */
view *prompt_discard(view *v, const char *question);
/** Choose one of @p n choices (copied); @p fn gets the choice. */
view *prompt_choice(tui *t, const char *question, const char *const *choices, int n,
                    prompt_fn fn, void *arg);

/* lock.c */
/** Lock the screen now (取扱規程 第30条): blank it and ask for the password to resume. */
void lock_now(tui *t);

/* script.c (tests): key scripts and the in-memory display. */
typedef struct tui_script tui_script;
/** Open the script named by $MEIBO_SCRIPT; NULL when unset. Exits on a missing file. */
tui_script *script_open(const char *path, meibo_err *err);
void script_close(tui_script *s);
/** The next key; runs :commands on the way. False at the end of the script. */
bool script_next_key(tui *t, tui_script *s, tui_key *k);
/** A key code script_next_key() gives for :raw: read the next key from the terminal. */
#define SCRIPT_TERMINAL (-2)
/** The read end of the script's terminal input (the bytes of :raw), for newterm(). */
int script_terminal_fd(tui_script *s);
/** The terminal has no key left from the last :raw: the script goes on. */
void script_terminal_done(tui_script *s);
/** Write the screen as text (one line per row, trailing blanks dropped). */
meibo_status script_save_display(const char *path, meibo_err *err);

#endif

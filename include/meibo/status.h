/**
 * @file status.h
 * @brief The one status enum of meibo and the error record every fallible call fills.
 *
 * Every function that can fail returns a meibo_status and, when it is not MEIBO_OK,
 * fills a caller-owned meibo_err with a message naming what and where.
 */
#ifndef MEIBO_STATUS_H
#define MEIBO_STATUS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* X-macro: code, exit class (1 refused/failed, 2 usage), default text. */
#define MEIBO_STATUS_LIST(S)                                                   \
    S(OK, 0, "ok")                                                             \
    S(ERR_NOMEM, 1, "out of memory")                                           \
    S(ERR_DB, 1, "database error")                                             \
    S(ERR_INVALID, 1, "invalid input")                                         \
    S(ERR_NOT_FOUND, 1, "not found")                                           \
    S(ERR_EXISTS, 1, "already exists")                                         \
    S(ERR_CONFLICT, 1, "changed by someone else")                              \
    S(ERR_DENIED, 1, "not permitted for this role")                            \
    S(ERR_AUTH, 1, "login failed")                                             \
    S(ERR_LOCKED, 1, "account locked")                                         \
    S(ERR_EXPIRED, 1, "account no longer valid")                               \
    S(ERR_IO, 1, "input/output error")                                         \
    S(ERR_ENCODING, 1, "bad character encoding")                               \
    S(ERR_SCHEMA, 1, "database schema mismatch")                               \
    S(ERR_INTEGRITY, 1, "integrity check failed")                              \
    S(ERR_INTERRUPTED, 1, "interrupted")                                       \
    S(ERR_USAGE, 2, "usage error")

typedef enum meibo_status {
#define MEIBO_S_ENUM(name, exit, text) MEIBO_##name,
    MEIBO_STATUS_LIST(MEIBO_S_ENUM)
#undef MEIBO_S_ENUM
    MEIBO_STATUS__COUNT
} meibo_status;

/*
 * Why a value was refused, as a stable code with its words in English and Japanese, so that
 * each face says it in its own language (the terminal UI in Japanese or English; the command
 * line keeps err->msg). In the words, {v} stands for the refused input (meibo_err.value) and
 * {a} for a limit or an era (meibo_err.arg). Code, name, English, Japanese.
 */
#define MEIBO_REASON_LIST(R)                                                                \
    R(NONE, "", "", "")                                                                     \
    R(REQUIRED, "required", "is required", "入力してください")                              \
    R(EMPTY, "empty", "is empty", "空になります（入力し直してください）")                  \
    R(NOT_UTF8, "not_utf8", "is not valid UTF-8", "文字コードが正しくありません（UTF-8 以外）") \
    R(CONTROL, "control_char", "contains a control character ({v})",                       \
      "制御文字（{v}）は使えません")                                                        \
    R(TOO_LONG, "too_long", "longer than {a} characters", "{a}文字以内にしてください")      \
    R(NOT_DATE, "not_date",                                                                 \
      "'{v}' is not a date (write YYYY-MM-DD or 和暦 like 令和5年4月1日 or R5.4.1)",         \
      "「{v}」は日付として読めません（2023-04-01、令和5年4月1日、R5.4.1 の形で）")          \
    R(NO_SUCH_DATE, "no_such_date", "'{v}' is not a real date", "「{v}」という日付はありません") \
    R(ERA_YEAR, "era_year", "'{v}' is not a real date (era years start at 1, 元年)",        \
      "「{v}」という日付はありません（和暦の年は1年（元年）から）")                           \
    R(YEAR_RANGE, "year_range", "'{v}' is out of range (years 1868 to 9999)",               \
      "「{v}」は扱える範囲外です（1868年〜9999年）")                                          \
    R(ERA_RANGE, "era_range", "'{v}' is not in {a}", "「{v}」は{a}の期間外です")            \
    R(DATE_RANGE, "date_range", "'{v}' is outside the dates meibo takes ({a})",            \
      "「{v}」は受け付ける日付の範囲外です（{a}）")                                          \
    R(CSV_FIELD_CAP, "csv_field_cap", "column {v}: a field longer than {a}; nothing was imported", \
      "{v}列目: 1つの項目が{a}を超えています。何も取り込んでいません")                     \
    R(CSV_LINE_CAP, "csv_line_cap", "column {v}: a line longer than {a}; nothing was imported", \
      "{v}列目: 1行が{a}を超えています。何も取り込んでいません")                           \
    R(CP932_LOST, "cp932_lost",                                                             \
      "'{v}' holds '?', which a spreadsheet writes for a character CP932 cannot hold "       \
      "(𠮷田 becomes ?田): save the sheet as CSV UTF-8, the lossless choice, and import that " \
      "(規程 第12条第2項)",                                                                   \
      "「{v}」に「?」があります。CP932（Shift_JIS）で保存すると、表せない文字（𠮷 など）が「?」" \
      "に置き換わります（𠮷田 → ?田）。表を「CSV UTF-8」で保存し直して取り込んでください（文字が" \
      "失われない形式です。規程 第12条第2項）")                                                \
    R(POSTAL_ZEROS, "postal_zeros",                                                         \
      "'{v}' has 6 digits: the column was probably formatted as numbers, which drops a "     \
      "leading 0 (0600001 becomes 600001); in the sheet format the column as text, type the " \
      "codes again with their 0 and save the CSV again",                                     \
      "「{v}」は6桁です。列が数値の書式になっていて先頭の 0 が消えた可能性があります（0600001 → " \
      "600001）。表で列の書式を「文字列」にし、0 から入れ直して CSV を保存し直してください")    \
    R(MEMBER_NO_ZEROS, "member_no_zeros",                                                   \
      "'{v}' is shorter than the longest member number of this file ({a} digits): a leading 0 " \
      "lost?",                                                                               \
      "「{v}」はこのファイルで最も長い会員番号（{a}桁）より短くなっています（先頭の 0 が消えた？）") \
    R(MEMBER_NO, "member_no", "'{v}' is not a member number (6 to 10 digits)",             \
      "「{v}」は会員番号になりません（6〜10桁の数字）")                                       \
    R(SPECIALIST_NO, "specialist_no",                                                       \
      "'{v}' is not a specialist number (letters, digits and hyphens, up to 20)",           \
      "「{v}」は専門医番号になりません（英字・数字・ハイフンで20字まで）")                   \
    R(SPECIALIST_PATTERN, "specialist_pattern",                                             \
      "'{v}' does not have the society's form of a specialist number (specialist_no_pattern)", \
      "「{v}」は本会の定める専門医番号の形式に合いません")                            \
    R(STATUS, "status", "'{v}' is not a status (active/withdrawn/deceased, 在籍/退会/逝去)", \
      "「{v}」は状態になりません（在籍・退会・逝去）")                                        \
    R(YES_NO, "yes_no", "'{v}' is not yes/no (はい/いいえ)", "「{v}」ではなく はい か いいえ で") \
    R(KANA, "kana", "reading must be katakana or hiragana: found '{v}'",                    \
      "カタカナかひらがなで入力してください（「{v}」は使えません）")                           \
    R(ROMAN, "roman", "'{v}' may hold only Latin letters, spaces, . - '",                   \
      "「{v}」: ローマ字と空白・. - ' だけで入力してください")                               \
    R(POSTAL, "postal_code", "'{v}' is not a postal code (NNN-NNNN)",                      \
      "「{v}」は郵便番号になりません（123-4567 の形で）")                                     \
    R(EMAIL, "email", "'{v}' is not an e-mail address", "「{v}」はメールアドレスになりません") \
    R(BEFORE_JOINING, "before_joining", "must be before the joining date (入会年月日)",     \
      "入会年月日より前の日付にしてください")                                                 \
    R(NOT_BEFORE_JOINING, "not_before_joining", "is before the joining date (入会年月日)",  \
      "入会年月日より後の日付にしてください")                                                 \
    R(ACTIVE_WITHDRAWN, "active_withdrawn", "is set but the status is active",             \
      "状態が在籍のままです（退会日を消すか状態を変えてください）")                           \
    R(REGISTERED, "registered", "{v} is already registered", "{v} はすでに登録されています") \
    R(OPTOUT_RECORDS, "optout_records",                                                     \
      "is made and withdrawn only by the opt-out records: meibo optout add|phone|withdraw (第20条第5項)", \
      "提供停止は申出書・撤回書の記録でだけ変わります（詳細画面の o、meibo optout、第20条第5項）") \
    R(ROLE_CLERK, "role_clerk", "'{v}' needs a staff account", "従事者のアカウントが必要です")  \
    R(ROLE_MANAGER, "role_manager", "'{v}' needs the manager or the chief officer",        \
      "個人情報管理者か総責任者だけが行えます")                                               \
    R(ROLE_CHIEF, "role_chief", "'{v}' needs the chief officer",                            \
      "個人情報総責任者だけが行えます")                                                       \
    R(NO_PLEDGE, "no_pledge",                                                               \
      "no confidentiality pledge of '{v}' is on file (取扱規程 第27条): ask the manager to record it", \
      "秘密保持の誓約書（取扱規程第27条）が登録されていないため、ログインできません。個人情報管理者に登録を依頼してください") \
    R(NO_PURPOSE, "no_purpose", "give at least one purpose (第20条第1項)",                  \
      "利用目的（第20条第1項）を1つ以上選んでください")                                       \
    R(NOT_PURPOSE, "not_purpose", "'{v}' is not a purpose (see: meibo policy show)",        \
      "「{v}」は第20条第1項の利用目的ではありません")                                         \
    R(FUTURE, "future", "{v} is in the future", "{v} は今日より後の日付です")                 \
    R(BEFORE_RECEIVED, "before_received", "{v} is before the day it was received ({a})",   \
      "{v} は受付日（{a}）より前です")                                                        \
    R(TERM_PAST, "term_past",                                                               \
      "{v} is already past; disable the account to end its access now (取扱規程 第34条)",    \
      "{v} は過ぎています。今すぐ権限を無効にするには ID を無効化してください（取扱規程第34条）") \
    R(FIXED_TERM_END, "fixed_term_end",                                                     \
      "a fixed-term account needs the last day of employment (取扱規程 第34条)",              \
      "期間の定めのある従事者のIDには雇用期間の終了日が要ります（取扱規程第34条）")          \
    R(CHIEF_ACCOUNT, "chief_account", "only the chief officer may change a chief account",  \
      "総責任者のIDは総責任者だけが変更できます")                                             \
    R(OWN_ACCOUNT, "own_account", "you cannot disable your own account",                   \
      "自分のIDは無効にできません")

typedef enum meibo_reason {
#define MEIBO_R_ENUM(id, name, en, ja) MEIBO_REASON_##id,
    MEIBO_REASON_LIST(MEIBO_R_ENUM)
#undef MEIBO_R_ENUM
    MEIBO_REASON__COUNT
} meibo_reason;

/** @brief Details of a failure. Owned by the caller; usually on the stack. */
typedef struct meibo_err {
    meibo_status code;
    char msg[768];   /**< human-readable, names the field / file / line */
    char field[48];  /**< canonical field name when one field is at fault, else "" */
    long line;       /**< 1-based input line when reading a file, else 0 */
    meibo_reason reason; /**< why the field's value was refused (MEIBO_REASON_NONE: see msg) */
    char value[64];  /**< the refused input as quoted ({v}), cut at a character */
    char arg[64];    /**< a limit or an era ({a}) */
} meibo_err;

/** @brief Default text of a status code (never NULL). */
const char *meibo_strerror(meibo_status s);

/** @brief Process exit code for a status: 0, 1 or 2. */
int meibo_exit_code(meibo_status s);

/** @brief Fill @p err (may be NULL) with @p code and a printf-style message; returns @p code. */
meibo_status meibo_fail(meibo_err *err, meibo_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** @brief Like meibo_fail() but also names the field at fault. */
meibo_status meibo_fail_field(meibo_err *err, meibo_status code, const char *field,
                              const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/**
 * @brief Like meibo_fail_field() with the reason a value was refused: its code, the input
 * (@p value, may be NULL) and the limit or era of its words (@p arg, may be NULL).
 */
meibo_status meibo_fail_reason(meibo_err *err, meibo_status code, const char *field,
                               meibo_reason reason, const char *value, const char *arg,
                               const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/** @brief Stable name of a reason ("required"); "" for none. */
const char *meibo_reason_name(meibo_reason r);

/**
 * @brief The words of @p err's reason, {v} and {a} filled in, in Japanese (@p ja) or English,
 * into @p buf; "" when it has none (then msg says what happened). Returns @p buf.
 */
const char *meibo_reason_text(const meibo_err *err, bool ja, char *buf, size_t len);

#ifdef __clang_analyzer__
/* For clang-tidy and scan-build, which cannot see into status.c: both return their code. */
#define meibo_fail(err, code, ...) (meibo_fail((err), (code), __VA_ARGS__), (code))
#define meibo_fail_field(err, code, field, ...)                                               \
    (meibo_fail_field((err), (code), (field), __VA_ARGS__), (code))
#define meibo_fail_reason(err, code, field, ...)                                              \
    (meibo_fail_reason((err), (code), (field), __VA_ARGS__), (code))
#endif

/** @brief Reset @p err to MEIBO_OK with empty message. */
void meibo_err_clear(meibo_err *err);

/*
 * Sizes of the buffers that hold paths, and access-log detail lines. A path meibo is given
 * (meibo.conf's db, outbox, backup_dir …; meibo_ctx.path; the state folder) holds at most 1024
 * bytes; each size below leaves room for what is made of it. A path that does not fit is cut
 * (snprintf) or refused where it is made, as before.
 */
#define MEIBO_PATH_MAX 1100       /**< a path given, or one made of it and a short name of
                                       meibo's own ("DBDIR/outbox", "DB.new", "STATE/meibo.db") */
#define MEIBO_FILE_PATH_MAX 1200  /**< a file meibo names in a MEIBO_PATH_MAX folder: the
                                       folder, '/', its name (a run's sheet, a delivery) */
#define MEIBO_SIDE_PATH_MAX 1300  /**< a file beside such a file: its name with an ending, or a
                                       longer name made from it (a backup's key, its ledger) */
#define MEIBO_ENTRY_PATH_MAX 1400 /**< an entry read from a MEIBO_PATH_MAX folder: the folder,
                                       '/', a name of up to 255 bytes */
#define MEIBO_WHERE_MAX 1400      /**< where a file went, for the access log: "outbox PATH",
                                       "file PATH", "printer Q" */
#define MEIBO_DETAIL_MAX 1400     /**< an access-log detail line that carries free text or
                                       paths (audit_append()'s @p detail) */

/* Marks a function as file-private unless unit tests build with -DTESTING. */
#ifdef TESTING
#define STATIC
#else
#define STATIC static
#endif

#endif

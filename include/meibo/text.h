/**
 * @file text.h
 * @brief Japanese text: validation, normalization to search keys, readings, romaji, CP932.
 *
 * All strings are UTF-8. Functions that return a string allocate it with malloc();
 * the caller owns it and frees it with free().
 */
#ifndef MEIBO_TEXT_H
#define MEIBO_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meibo/status.h"

/**
 * @brief Is @p s (length @p n) well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF)?
 * @param bad_off when not valid, receives the byte offset of the first bad byte (may be NULL)
 */
bool text_utf8_valid(const char *s, size_t n, size_t *bad_off);

/**
 * @brief Normalize for search: NFKC, hiragana folded to katakana, case folded, every
 * whitespace removed, variant kanji (異体字) folded (髙→高, 﨑→崎, 邊・邉→辺, 齋・齊→斎, 澤→沢,
 * 濱→浜, 國→国, 櫻→桜, 廣→広, 德→徳 …). Half-width katakana become full-width by NFKC.
 * The same function is used for stored keys and for queries, so matching is symmetric.
 * @param out receives a malloc'd string (possibly empty)
 */
meibo_status text_search_key(const char *in, char **out, meibo_err *err);

/**
 * @brief A reading (フリガナ) as stored: half-width katakana and hiragana become full-width
 * katakana, runs of whitespace one U+3000, trimmed. Refused (MEIBO_ERR_INVALID) when anything
 * other than katakana, ー, ・ and spaces remains.
 */
meibo_status text_reading(const char *in, char **out, meibo_err *err);

/**
 * @brief Hepburn romaji (lower case, no spaces between the parts that had none) of a
 * katakana or hiragana reading: シンイチ → shinichi, ショウタ → shouta (long vowels spelled
 * out as written), ッカ → kka, ン before b/m/p stays n. Characters that are not kana are copied.
 */
meibo_status text_romaji(const char *kana, char **out, meibo_err *err);

/** @brief NFKC of @p in (for canonical storage of member numbers, postal codes, dates). */
meibo_status text_nfkc(const char *in, char **out, meibo_err *err);

/** @brief Copy of @p in with leading/trailing ASCII and U+3000 spaces removed. */
meibo_status text_trim(const char *in, char **out, meibo_err *err);

/**
 * @brief Decode CP932 (Windows-31J, as Excel writes it; not plain Shift_JIS) to UTF-8.
 * 0x8160 maps to U+FF5E. On an invalid byte sequence fails with MEIBO_ERR_ENCODING and puts
 * the offending byte offset in *bad_off.
 */
meibo_status text_cp932_to_utf8(const char *in, size_t n, char **out, size_t *out_len,
                                size_t *bad_off, meibo_err *err);

/**
 * @brief Cells @p c takes in a terminal: 0 (a combining mark), 1, or 2 (wide; an East Asian
 * ambiguous character such as ①, ※, ─ when @p ambiguous is 2); -1 for a control character.
 */
int text_cell_width(uint32_t c, int ambiguous);

/** @brief Cells of UTF-8 text (@p ambiguous as for text_cell_width; bad bytes one each). */
int text_width(const char *s, int ambiguous);

/** @brief One line of wrapped text: @p len bytes at @p line (not NUL-terminated). Return
 * non-zero to stop. */
typedef int (*text_line_fn)(const char *line, size_t len, void *arg);

/**
 * @brief Break @p s into lines of at most @p width cells: at a space where the line has one,
 * else between two characters where either is wide (Japanese has no spaces), never before
 * closing punctuation (、。）」) or after opening (（「), and within a word only when nothing
 * else fits. A newline always breaks; the space a line breaks at is dropped. Calls @p fn for
 * each line (may be NULL, to count); returns the number of lines (at least 1).
 */
int text_wrap(const char *s, int width, int ambiguous, text_line_fn fn, void *arg);

/** @brief Copy @p src into @p dst (@p size bytes, NUL included), cut at a character boundary. */
void text_copy_cut(char *dst, size_t size, const char *src);

/** @brief Number of code points in a valid UTF-8 string. */
size_t text_length(const char *s);

#endif

/**
 * @file demo.h
 * @brief Deterministic synthetic members for demos, benchmarks and tests (meibo demo).
 *
 * demo_generate() makes members that look real — frequency-weighted surnames (variant kanji
 * such as 髙橋 and 山﨑 among them), era-weighted given names, matching katakana readings and
 * passport-style Hepburn romaji, birth and join dates, facilities in all 47 prefectures with
 * addresses, the eight regional branches (支部), specialist numbers for about a third,
 * e-mail addresses under example.* domains, directory consents, a few percent opted out and
 * a few percent withdrawn or deceased — and hands each one to a callback. It never touches
 * the database: the callback stores the member (member_create() or a bulk path).
 *
 * Determinism: the same seed, reference date and index give byte-identical members, and
 * member i does not depend on how many are generated (member 5 of 10 equals member 5 of
 * 1000). Every person is fictitious: names are random combinations.
 *
 * Conventions of the generated values:
 * - member_no: "%08ld" of 20000001 + i; specialist_no: 7 digits, unique per index.
 * - name_en: "Given Family", passport Hepburn (long vowels not written: サトウ → Sato,
 *   ユウコ → Yuko; ン before b/m/p → m: ホンマ → Homma; ッチ → tch).
 * - branch: one of 北海道, 東北, 関東甲信越, 東海, 北陸, 近畿, 中国・四国, 九州 (the facility's).
 * - status: active, withdrawn (withdraw_reason 自己都合 / 会費未納 / 海外転出) or deceased
 *   (withdraw_reason 逝去); withdrawn_on is set for both.
 */
#ifndef MEIBO_DEMO_H
#define MEIBO_DEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meibo/member.h"
#include "meibo/status.h"

/** @brief Largest number of members one run may generate. */
#define DEMO_MAX_MEMBERS 9000000L

/**
 * @brief Receives one generated member.
 * @param m the member; owned by demo_generate() and cleared and reused for the next one,
 *          so copy whatever must outlive the call. The callback may modify it (validate,
 *          set m->id) but must not free it.
 * @param arg the @p arg given to demo_generate()
 * @return MEIBO_OK to go on; any other status stops generation and is returned.
 */
typedef meibo_status (*demo_member_fn)(meibo_member *m, void *arg, meibo_err *err);

/** @brief What to generate. */
typedef struct demo_options {
    long members;      /**< how many: 0 .. DEMO_MAX_MEMBERS */
    uint64_t seed;     /**< PRNG seed; equal seeds give equal members */
    const char *today; /**< reference date "YYYY-MM-DD" (1980-01-01 or later); NULL = today's
                            local date (then output depends on the day it runs) */
} demo_options;

/**
 * @brief Generate opt->members members and call @p fn for each, in member-number order.
 * @param opt what to generate (not kept)
 * @param fn called once per member; see demo_member_fn for ownership
 * @param arg passed through to @p fn
 * @return MEIBO_OK; MEIBO_ERR_INVALID for a bad count or date; MEIBO_ERR_NOMEM; or the
 *         first non-OK status returned by @p fn (its @p err left as @p fn filled it).
 */
meibo_status demo_generate(const demo_options *opt, demo_member_fn fn, void *arg,
                           meibo_err *err);

#ifdef TESTING
/** @brief (tests) Day number (days since 1970-01-01) of a Gregorian date. */
long demo_days_from_civil(int y, int m, int d);

/** @brief (tests) Gregorian date of a day number. */
void demo_civil_from_days(long z, int *y, int *m, int *d);

/**
 * @brief (tests) Entry @p i of a name table: 0 surnames, 1 male given names, 2 female given
 * names. Strings are static. Returns false past the end of the table.
 */
bool demo_name_entry(int table, size_t i, const char **kanji, const char **kana,
                     const char **romaji);
/**
 * @brief Generate members and store them through bulk_load() inside the caller's transaction
 * (committing every @p commit_every), on two threads. Every member goes through the audited
 * create path.
 */
#include "meibo/bulk.h"
meibo_status demo_load(meibo_ctx *ctx, const demo_options *opt, long commit_every,
                       bulk_result *res, meibo_err *err);

#endif

/**
 * @brief Generate members and store them through bulk_load() inside the caller's transaction
 * (committing every @p commit_every), on two threads. Every member goes through the audited
 * create path.
 */
#include "meibo/bulk.h"
meibo_status demo_load(meibo_ctx *ctx, const demo_options *opt, long commit_every,
                       bulk_result *res, meibo_err *err);

#endif

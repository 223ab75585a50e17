/**
 * @file search.h
 * @brief One query over member number, specialist number, kanji name, reading, romaji,
 * facility and email, exact for one- and two-character queries.
 *
 * Every searchable field is normalized with text_search_key() and the keys are joined by
 * a line feed into members.search_key. A name is kept as its family and given parts and, from
 * its start only, as the two together, so no match is made across the family/given boundary
 * inside a name (中島 翔太 is not found by 島翔, nor by "tanaka" from "Shouta Nakajima"); the
 * facility's name is a tagged part, and its matches come after the member's own, marked. A
 * query starting with 施設: (or f:) searches facility names only. The program itself writes an FTS5 index of those keys
 * (SQLite's trigram tokenizer finds nothing for 1–2 characters): one or two characters are
 * one token of the set of every character and neighbour pair (member_grams, no positions),
 * three or more the phrase of their trigrams (member_trigrams; positions make it exact). So
 * a search returns exactly the members whose normalized keys contain the normalized query
 * (search_scan_count()), with no row read back to verify.
 *
 * Ranking: exact member / specialist number, then reading prefix (in reading order), then
 * kanji-name prefix (in name order), then every other hit in the member's own keys, then the
 * members found by their facility's name only (each in registration order). Pages are fetched by keyset, never OFFSET.
 *
 * Sort orders (search_filter.sort): instead of the ranking, the same set of members in
 * reading, member-number, joining-date (either way) or facility order. Each order ends in the
 * member id, so it is total and pages neither repeat nor skip a member, ties included; the
 * cursor carries the order's key. The empty query walks the order's index (schema/006); a
 * query with few matches sorts them, one with many walks the order's index and keeps the
 * members whose key contains the query (search.c says where "many" begins).
 */
#ifndef MEIBO_SEARCH_H
#define MEIBO_SEARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/db.h"
#include "meibo/member.h"

typedef enum search_rank {
    SEARCH_RANK_NUMBER = 0,  /**< member_no or specialist_no equals the query */
    SEARCH_RANK_READING = 1, /**< reading starts with the query */
    SEARCH_RANK_NAME = 2,    /**< kanji name starts with the query */
    SEARCH_RANK_OTHER = 3,   /**< the query is inside another of the member's own keys */
    SEARCH_RANK_FACILITY = 4, /**< only the facility's name has it (listed last, marked) */
    SEARCH_RANK__END = 5
} search_rank;

/* The orders a result list can take: id, name (CLI --sort, scripts). */
#define SEARCH_SORTS(S)                                                                      \
    S(RELEVANCE, "relevance") /**< the ranking above; reading order for the empty query */ \
    S(READING, "reading")     /**< reading (フリガナ), then member id */                     \
    S(NUMBER, "number")       /**< member number as a number, then member id */             \
    S(JOINED, "joined")       /**< joining date, oldest first, then member id */            \
    S(JOINED_DESC, "joined-desc") /**< joining date, newest first, then member id down */   \
    S(FACILITY, "facility")   /**< facility name, facility, member id; none last */

typedef enum search_sort {
#define SEARCH_SORT_ENUM(id, name) SEARCH_SORT_##id,
    SEARCH_SORTS(SEARCH_SORT_ENUM)
#undef SEARCH_SORT_ENUM
    SEARCH_SORT__COUNT
} search_sort;

/** @brief Name of a sort order ("joined-desc"); "" when out of range. */
const char *search_sort_name(search_sort s);

/** @brief Sort order by name; -1 when unknown. */
int search_sort_parse(const char *name);

/** @brief Where the next page starts. Zero-initialize for the first page. */
typedef struct search_cursor {
    int sort;        /**< the search_sort the cursor belongs to */
    int rank;        /**< relevance: search_rank of the last row; a sort order: its phase
                          (facility: 0 with a facility, 1 without; else 0) */
    char key[256];   /**< its text sort key (reading, joining date, facility name) */
    int64_t num;     /**< its numeric sort key (member number, facility id) */
    int64_t id;      /**< its member id */
    bool started;
} search_cursor;

/** @brief One result row. Strings are owned by the page. */
typedef struct search_row {
    int64_t id;
    search_rank rank;
    const char *member_no, *name, *kana, *facility, *branch, *status, *specialist_no;
    const char *joined_on;
} search_row;

/** @brief A page of results; free with search_page_free(). */
typedef struct search_page {
    search_row *rows;
    int n;
    bool more;           /**< another page follows */
    search_cursor next;  /**< pass to search_page_get() for it */
    char *arena;         /**< backing storage of the rows' strings */
    size_t arena_len, arena_cap;
} search_page;

typedef struct search_filter {
    const char *status;  /**< NULL = any, else active / withdrawn / deceased */
    const char *branch;  /**< NULL = any */
    int specialist;      /**< -1 any, 0 without, 1 with a specialist number */
    search_sort sort;    /**< the order of the pages (not a filter: search_count ignores it) */
} search_filter;

enum { SEARCH_AUDIT = 1 << 0 }; /**< write the search to the audit log */

/**
 * @brief One page of at most @p limit rows after @p after (NULL = from the top), in the order
 * @p filter->sort (relevance when @p filter is NULL). An empty query in relevance order lists
 * every member in reading order. A cursor of another order is refused (MEIBO_ERR_INVALID).
 * Needs a logged-in clerk or above.
 * @param filter may be NULL
 */
meibo_status search_page_get(meibo_ctx *ctx, const char *query, const search_filter *filter,
                             const search_cursor *after, int limit, int flags,
                             search_page *out, meibo_err *err);

/** @brief Free a page's storage (the struct itself is the caller's). */
void search_page_free(search_page *p);

/** @brief Number of members the query finds (same set as search_page_get() pages through). */
meibo_status search_count(meibo_ctx *ctx, const char *query, const search_filter *filter,
                          int64_t *n, meibo_err *err);

/**
 * @brief The same count in its two kinds: *own, members found by their own keys (number,
 * name, reading, romaji, e-mail), and *facility, members found only by their facility's
 * name (with 施設:, every facility match; *own is 0).
 */
meibo_status search_count_kinds(meibo_ctx *ctx, const char *query, const search_filter *filter,
                                int64_t *own, int64_t *facility, meibo_err *err);

/**
 * @brief search_count_kinds() that stops past @p cap members (cap 0: no cap): *capped says
 * there are more than @p cap (then *own + *facility is only a lower bound). A capped count
 * costs no more than its cap however many members match (issue 17: the count never delays a
 * keystroke's screen).
 */
meibo_status search_count_capped(meibo_ctx *ctx, const char *query, const search_filter *filter,
                                 int64_t cap, int64_t *own, int64_t *facility, bool *capped,
                                 meibo_err *err);

/**
 * @brief Rebuild every member's search keys and the index from the stored fields, in one
 * transaction (a manager or the chief): after a change of the key's form (keys written before
 * tagged parts existed keep their old meaning until then), or to repair the index. *n is the
 * number of members; the access log records it.
 */
meibo_status search_reindex(meibo_ctx *ctx, int64_t *n, meibo_err *err);

/**
 * @brief Reference: the number of members whose search_key contains the normalized query,
 * by a plain scan of every row. For tests and the benchmark.
 */
meibo_status search_scan_count(meibo_ctx *ctx, const char *query, int64_t *n, meibo_err *err);

/**
 * @brief Search keys of a member: *search_key (all keys joined by '\n'), *reading_key and
 * *name_key, malloc'd, caller frees. Used by member.c.
 */
meibo_status search_member_keys(const meibo_member *m, char **search_key, char **reading_key,
                                char **name_key, meibo_err *err);

/**
 * @brief The index documents of a key (see the schema): *grams for member_grams (each
 * character and pair of neighbours once) and *trigrams for
 * member_trigrams (every trigram in order, parts separated). Each malloc'd; the caller frees
 * them. Pure.
 */
meibo_status search_grams(const char *key, char **grams, char **trigrams, meibo_err *err);

/** @brief Add the documents from search_grams() for member @p id (inside the change's transaction). */
meibo_status search_index_add(meibo_ctx *ctx, int64_t id, const char *grams,
                              const char *trigrams, meibo_err *err);

/**
 * @brief Keep the gram index in step for member @p id: remove the grams of @p old_key (may
 * be NULL for a new member) and add those of @p new_key (NULL when deleting). Call inside the
 * transaction of the change.
 */
meibo_status search_index_update(meibo_ctx *ctx, int64_t id, const char *old_key,
                                 const char *new_key, meibo_err *err);

#endif

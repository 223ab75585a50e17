/**
 * @file tmpl.h
 * @brief The template language of the printed forms (forms/NAME.tmpl): a small Mustache-like
 * language with line styles, rendered to styled lines (tmpl_doc) that letter.c turns into
 * plain text or a PDF.
 *
 * Syntax:
 *  - {{name}}              the value of variable @c name, inserted as it is: a value is never
 *                          read as template syntax, so "{{x}}" or "@title" in a value prints
 *                          literally. Control characters in a value print as a space.
 *  - {{#name}}...{{/name}} a section: for a list, the body once per element (the element's
 *                          variables first, then the enclosing ones); for a flag or a value,
 *                          the body once when it is true / not empty.
 *  - {{^name}}...{{/name}} an inverted section: the body once when @c name is false, empty or
 *                          an empty list.
 *  - {{>name}}             the partial template @c name (forms/name.tmpl), from the loader.
 *  - {{! text }}           a comment.
 *  - A line holding only a section tag, a partial or a comment (and spaces) leaves no line.
 *  - A line of the template may begin with a line style: "@title ", "@center ", "@right " or
 *    "@indent " (the rest of the line is its text); "@@" begins a line with a literal "@".
 *    Styles come from the template only, never from a value.
 * Names are ASCII letters, digits and '_'. Every error (a syntax error when parsing, an
 * unknown variable or a list used as a value when rendering) names the template file and
 * line: "forms/answer.tmpl:12: unknown variable 'foo'".
 */
#ifndef MEIBO_TMPL_H
#define MEIBO_TMPL_H

#include <stdbool.h>

#include "meibo/status.h"

/* ---- variables ------------------------------------------------------------------------- */

/**
 * @brief A scope of variables: values, flags and lists of element scopes. The root scope owns
 * every element scope created under it; free the root with tmpl_vars_free().
 */
typedef struct tmpl_vars tmpl_vars;

/** @brief A new, empty root scope; NULL when out of memory (err filled). */
tmpl_vars *tmpl_vars_new(meibo_err *err);

/** @brief Free a root scope and everything under it. NULL is fine. */
void tmpl_vars_free(tmpl_vars *v);

/**
 * @brief Set @p name to a copy of @p value (NULL is ""). Refused (MEIBO_ERR_INVALID) when the
 * name is not a valid name or the value is not UTF-8; a later set replaces the value.
 */
meibo_status tmpl_set(tmpl_vars *v, const char *name, const char *value, meibo_err *err);

/** @brief Set @p name to a printf-formatted value. */
meibo_status tmpl_setf(tmpl_vars *v, meibo_err *err, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** @brief Set flag @p name (for {{#name}} and {{^name}}). */
meibo_status tmpl_set_flag(tmpl_vars *v, const char *name, bool on, meibo_err *err);

/** @brief Declare list @p name (empty until tmpl_list_add()); declaring twice is fine. */
meibo_status tmpl_list(tmpl_vars *v, const char *name, meibo_err *err);

/**
 * @brief Append an element to list @p name (declared on first use) and return its scope,
 * owned by @p v's root; NULL when out of memory or @p name is not a list (err filled).
 */
tmpl_vars *tmpl_list_add(tmpl_vars *v, const char *name, meibo_err *err);

/* ---- templates ------------------------------------------------------------------------- */

/** @brief A parsed template. Owns its nodes; free with tmpl_free(). */
typedef struct tmpl tmpl;

/**
 * @brief Finds the source of partial @p name ("letterhead" for {{>letterhead}}): sets *file
 * to the name used in messages ("forms/letterhead.tmpl") and returns the text, or NULL when
 * there is none. Both must stay valid until tmpl_parse() returns.
 */
typedef const char *(*tmpl_loader)(const char *name, const char **file, void *arg);

/**
 * @brief Parse @p src, named @p file in messages. @p loader (may be NULL: no partials)
 * resolves {{>name}}. On success *out is the caller's, to free with tmpl_free(); on a syntax
 * error MEIBO_ERR_INVALID with "FILE:LINE: what" and err->line set.
 */
meibo_status tmpl_parse(const char *file, const char *src, tmpl_loader loader, void *arg,
                        tmpl **out, meibo_err *err);

/** @brief Free a parsed template. NULL is fine. */
void tmpl_free(tmpl *t);

/* ---- rendered documents ------------------------------------------------------------------ */

typedef enum tmpl_style {
    TMPL_PLAIN = 0,  /**< flush left, wrapped */
    TMPL_TITLE,      /**< the document's title: larger, centred */
    TMPL_CENTER,     /**< centred */
    TMPL_RIGHT,      /**< flush right (dates, the sender) */
    TMPL_INDENT,     /**< indented by two characters, wrapped lines too */
    TMPL_ADDRESS,    /**< the addressee block: in the PDF, where a window envelope shows it
                          (pdf.h); in text, flush left */
    TMPL_PAGE        /**< a new page (its text is empty); in text, an empty line */
} tmpl_style;

/** @brief One output line (a paragraph the PDF may wrap). The document owns @c text. */
typedef struct tmpl_line {
    tmpl_style style;
    char *text;
} tmpl_line;

/** @brief A rendered document: its lines in order. Owns them; free with tmpl_doc_clear(). */
typedef struct tmpl_doc {
    int n;
    size_t cap;
    tmpl_line *lines;
} tmpl_doc;

/**
 * @brief Render @p t with the variables of @p v into @p out (cleared first). Fails with
 * MEIBO_ERR_INVALID naming the file and line of the tag for an unknown variable, a list or
 * flag used as {{value}}, a value used as a list, or a document that grows past 1 MB of text or
 * a million rendered tags (sections over lists nested in lists); @p out is then empty.
 */
meibo_status tmpl_render(const tmpl *t, const tmpl_vars *v, tmpl_doc *out, meibo_err *err);

/** @brief Free the lines of @p d and reset it to empty. */
void tmpl_doc_clear(tmpl_doc *d);

/**
 * @brief The document as plain text, @p width display cells wide (wide characters count 2):
 * titles and centred lines centred, right lines flush right, indented lines indented, each
 * line ending in '\n'; lines are not wrapped, and an empty line is empty. *out is malloc'd,
 * the caller's.
 */
meibo_status tmpl_doc_text(const tmpl_doc *d, int width, char **out, meibo_err *err);

#endif

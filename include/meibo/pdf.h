/**
 * @file pdf.h
 * @brief A rendered form (tmpl_doc) as an A4 PDF, with Pango and Cairo: IPAex Mincho
 * (fonts-ipaexfont-mincho) embedded, Japanese line breaking (禁則) by Pango, every line
 * wrapped within the margins and carried to a new page when the page is full, so no text is
 * ever cut.
 */
#ifndef MEIBO_PDF_H
#define MEIBO_PDF_H

#include <stddef.h>
#include <stdint.h>

#include "meibo/status.h"
#include "meibo/tmpl.h"

#define PDF_FONT_FAMILY "IPAexMincho"

/** @brief The document's properties. Strings are borrowed for the call. */
typedef struct pdf_meta {
    const char *title;    /**< e.g. "照会回答書" (no personal data) */
    const char *author;   /**< the society's name */
    int64_t created;      /**< Unix seconds of the creation date (a pinned clock in tests) */
} pdf_meta;

/**
 * @brief Render @p doc to PDF bytes: *out is malloc'd (the caller's), *len its length.
 * Fails with MEIBO_ERR_IO naming the font when IPAex Mincho is not installed, and with the
 * Cairo status when the PDF cannot be written.
 */
meibo_status pdf_render(const tmpl_doc *doc, const pdf_meta *meta, char **out, size_t *len,
                        meibo_err *err);

#endif

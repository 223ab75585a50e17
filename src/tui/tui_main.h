/* tui_main.h: how the command line starts the terminal UI (no curses here). */
#ifndef MEIBO_TUI_MAIN_H
#define MEIBO_TUI_MAIN_H

#include "meibo/config.h"
#include "meibo/db.h"

typedef enum tui_lang { LANG_JA, LANG_EN } tui_lang;

typedef struct tui_options {
    const meibo_config *cfg;
    const char *lang;   /* "ja" / "en" from --lang, or NULL for the configuration's */
    const char *login;  /* --user: fills the login field */
} tui_options;

/**
 * Run the terminal UI on an open database until the clerk quits. Needs a terminal (or
 * $MEIBO_SCRIPT for tests). Returns the process exit code.
 */
int tui_main(meibo_ctx *ctx, const tui_options *opt);

#endif

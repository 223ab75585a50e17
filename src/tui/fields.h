/* fields.h: a column of labelled fields (text or a choice of codes) for the screens that
 * take a request: the inquiry and the pledge. Navigation and editing are the form's. */
#ifndef MEIBO_TUI_FIELDS_H
#define MEIBO_TUI_FIELDS_H

#include "tui.h"

#define FIELDS_MAX 24
#define FIELD_CHOICES 32

typedef struct field_choice {
    char code[40];   /* what the core takes */
    char label[200]; /* what the clerk reads */
} field_choice;

typedef struct field {
    const char *name;  /* core field name, for err->field */
    char label[64];
    bool choice;
    tui_line line;     /* text */
    field_choice choices[FIELD_CHOICES];
    int nchoices, sel; /* choice */
    bool multi;                /* several of the choices: ←→ move, Space marks */
    bool on[FIELD_CHOICES];    /* multi: the choices marked */
    const char *hint;  /* shown while the field has the cursor */
} field;

typedef struct fieldset {
    field f[FIELDS_MAX];
    int n, cur, top;
    char err_field[48];
    bool edited; /* a text typed or a choice changed since the screen opened */
} fieldset;

/** Add a text field (returns it). */
field *fields_text(fieldset *fs, const char *name, const char *label, const char *initial);
/** Add a choice field; add choices with fields_add_choice(). */
field *fields_choice(fieldset *fs, const char *name, const char *label);
void fields_add_choice(field *f, const char *code, const char *label);
/** Add a field of several choices (purposes, items: picked from the list, never typed); its
 * value is the codes marked, comma-separated, in the choices' order. */
field *fields_multi(fieldset *fs, const char *name, const char *label);
/** The value of field @p name: its text or its chosen code (into @p buf). */
const char *fields_get(const fieldset *fs, const char *name, char *buf, size_t len);
/** Draw in rows [top, top+rows) and leave the cursor in the focused text field. */
void fields_draw(fieldset *fs, tui *t, WINDOW *w, int top, int rows, int cols);
/** Navigation and editing; true when the key was used. */
bool fields_key(fieldset *fs, tui_key k, tui_req req);
/** Put the cursor on field @p name and mark it (a refusal from the core). */
void fields_focus(fieldset *fs, const char *name);
/** A refusal from the core: the cursor on its field, and why on the status line, named by the
 * field's label and in the screen's language when the core gave its reason. */
void fields_err(fieldset *fs, tui *t, const meibo_err *err);

#endif

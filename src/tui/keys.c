/* keys.c: key names, the action table and the default key bindings (as data). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui.h"

static const struct {
    const char *name, *ja, *en;
} actions[] = {
#define TUI_REQ_ROW(id, name, ja, en) {name, ja, en},
    TUI_ACTIONS(TUI_REQ_ROW)
#undef TUI_REQ_ROW
};

/* Where a screen's action is not the generic one's words (issue 14: help from each screen's
 * own actions). */
static const struct {
    tui_keymap km;
    tui_req req;
    const char *ja, *en;
} screen_words[] = {
    {KM_PLEDGES, REQ_ADD, "誓約書を登録", "Record a pledge"},
    {KM_EXPORTS, REQ_ADD, "名簿の提供（書き出し）を依頼", "Request an export"},
    {KM_REQUESTS, REQ_ADD, "開示等の請求を受け付ける", "Record a rights request"},
    {KM_DENYLIST, REQ_ADD, "拒否リストに追加", "Add to the deny-list"},
    {KM_REQUESTS, REQ_PRINT, "通知書を印刷（プリンタか outbox）", "Print the notice (printer or outbox)"},
    {KM_DETAIL, REQ_PRINT, "第三者提供の停止の通知を再印刷", "Reprint the opt-out letter"},
    {KM_PLEDGES, REQ_PRINT, "更新用の誓約書を印刷", "Print the pledge form to renew it"},
    {KM_INQUIRIES, REQ_PRINT, "回答書（誓約書待ちなら誓約書）を印刷・再印刷",
     "Print or reprint the letter (the pledge form while one is awaited)"},
    {KM_EXPORTS, REQ_APPROVE, "提供を承認（総責任者）", "Approve the export (chief officer)"},
    {KM_EXPORTS, REQ_DENY, "提供を却下（総責任者）", "Deny the export (chief officer)"},
    {KM_STATS, REQ_PRINT, "表と棒グラフを印刷（プリンタか outbox）", "Print the table and its chart (printer or outbox)"},
    {KM_STAFF, REQ_ADD, "従事者のIDを追加（取扱規程第27・33条）", "Add a staff ID (Rules Art. 27, 33)"},
    {KM_STAFF, REQ_APPROVE, "期間の定めのある従事者のIDを承認（総責任者、第33条）",
     "Approve a fixed-term ID (chief officer, Art. 33)"},
};

const char *keys_action_help(tui_keymap km, tui_req r, tui_lang lang)
{
    for (size_t i = 0; i < sizeof screen_words / sizeof *screen_words; i++)
        if (screen_words[i].km == km && screen_words[i].req == r)
            return lang == LANG_EN ? screen_words[i].en : screen_words[i].ja;
    return r < REQ__COUNT ? (lang == LANG_EN ? actions[r].en : actions[r].ja) : "";
}

/* Function keys by name. */
static const struct {
    const char *name;
    int code;
    wchar_t ch;
} named[] = {
    {"Up", KEY_UP, 0},          {"Down", KEY_DOWN, 0},       {"Left", KEY_LEFT, 0},
    {"Right", KEY_RIGHT, 0},    {"PgUp", KEY_PPAGE, 0},      {"PgDown", KEY_NPAGE, 0},
    {"Home", KEY_HOME, 0},      {"End", KEY_END, 0},         {"Backspace", KEY_BACKSPACE, 0},
    {"Del", KEY_DC, 0},         {"Ins", KEY_IC, 0},          {"BTab", KEY_BTAB, 0},
    {"Enter", 0, L'\n'},        {"Tab", 0, L'\t'},           {"Esc", 0, 27},
    {"Space", 0, L' '},         {"Resize", KEY_RESIZE, 0},   {"KEnter", KEY_ENTER, 0},
    {"Lt", 0, L'<'},
};

/* The default bindings: "keymap key action". Keys are names as above or one character. */
static const char default_bindings[] =
    "generic ? help\n"
    "generic <F1> help\n"
    "generic <C-L> redraw\n"
    "generic <Up> move-up\n"
    "generic k move-up\n"
    "generic <Down> move-down\n"
    "generic j move-down\n"
    "generic <PgUp> page-up\n"
    "generic <C-B> page-up\n"
    "generic <PgDown> page-down\n"
    "generic <C-F> page-down\n"
    "generic <Space> page-down\n"
    "generic <Home> move-first\n"
    "generic g move-first\n"
    "generic <Enter> enter\n"
    "generic <KEnter> enter\n"
    "generic q back\n"
    "generic <Esc> back\n"
    "generic Q quit\n"
    "generic <F12> lock\n"
    "generic <C-X> lock\n"
    "browser / search\n"
    "browser s filter-status\n"
    "browser b filter-branch\n"
    "browser p filter-specialist\n"
    "browser a add\n"
    "browser L audit-log\n"
    "browser i inquiry\n"
    "browser A approvals\n"
    "browser H inquiries\n"
    "detail H inquiries\n"
    "inquiries p print\n"
    "detail p print\n"
    "pledges p print\n"
    "pledges <F6> print\n"
    "inquiries <F6> print\n"
    "inquiries a address\n"
    "inquiries v void\n"
    "inquiries t given\n"
    "browser P pledges\n"
    "browser R requests\n"
    "detail o optout\n"
    "requests n add\n"
    "requests d request-decide\n"
    "requests c complete\n"
    "requests p print\n"
    "requests <F6> print\n"
    "requests a show-all\n"
    "detail i inquiry\n"
    "form <F5> decide\n"
    "form <F6> print\n"
    "approvals a approve\n"
    "approvals d deny\n"
    "pledges n add\n"
    "browser X exports\n"
    "exports n add\n"
    "exports a approve\n"
    "exports d deny\n"
    "exports r run\n"
    "detail e edit\n"
    "detail r reveal\n"
    "detail w withdraw\n"
    "form <F3> reveal\n"
    "form <C-S> save\n"
    "form <F2> save\n"
    "form <Tab> next-field\n"
    "form <Down> next-field\n"
    "form <Enter> next-field\n"
    "form <BTab> prev-field\n"
    "form <Up> prev-field\n"
    "form <Esc> back\n"
    "form <C-L> redraw\n"
    "form <F1> help\n"
    "form <F12> lock\n"
    "form <C-X> lock\n"
    "audit <End> move-last\n"
    "audit G move-last\n"
    "pledges <End> move-last\n"
    "pledges G move-last\n"
    "requests <End> move-last\n"
    "requests G move-last\n"
    "inquiries <End> move-last\n"
    "inquiries G move-last\n"
    "exports <End> move-last\n"
    "exports G move-last\n"
    "incidents <End> move-last\n"
    "incidents G move-last\n"
    "denylist <End> move-last\n"
    "denylist G move-last\n"
    "approvals <End> move-last\n"
    "approvals G move-last\n"
    "audit u filter-user\n"
    "audit m filter-member\n"
    "audit d filter-dates\n"
    "browser T ledger\n"
    "browser o sort\n"
    "browser O sort-choose\n"
    "browser # count\n"
    "browser K policy\n"
    "browser D denylist\n"
    "policy e edit\n"
    "denylist n add\n"
    "denylist d remove\n"
    "browser I incidents\n"
    "incidents n incident-add\n"
    "incidents u incident-update\n"
    "incidents c incident-close\n"
    "incidents p incident-report\n"
    "incidents <F6> incident-report\n"
    "incidents N incident-notices\n"
    "incidents a incident-all\n"
    "browser E inspect\n"
    "browser U staff\n"
    "browser S stats\n"
    "stats r stats-rows\n"
    "stats c stats-cols\n"
    "stats d stats-date\n"
    "stats p print\n"
    "stats <F6> print\n"
    "stats <Left> scroll-left\n"
    "stats h scroll-left\n"
    "stats <Right> scroll-right\n"
    "stats l scroll-right\n"
    "staff n add\n"
    "staff x disable\n"
    "staff u unlock\n"
    "staff p password\n"
    "staff a approve\n"
    "staff t term-end\n"
    "staff s staff-pledge\n"
    "staff e training\n";

static const char *const keymap_names[KM__COUNT] = {"generic", "browser", "detail",   "form",
                                                    "audit",   "help",    "approvals", "inquiries", "pledges",
                                                    "requests", "exports", "policy",  "denylist",
                                                    "incidents", "stats", "staff"};

#define MAX_BINDINGS 256
static struct binding {
    tui_keymap km;
    tui_key key;
    tui_req req;
} bindings[MAX_BINDINGS];
static int nbindings;

bool keys_parse(const char **s, tui_key *k)
{
    const char *p = *s;
    k->code = 0;
    k->ch = 0;
    if (!*p)
        return false;
    if (*p == '<') {
        const char *e = strchr(p, '>');
        if (e && e > p + 1) {
            size_t n = (size_t)(e - p - 1);
            char name[32];
            if (n < sizeof name) {
                memcpy(name, p + 1, n);
                name[n] = '\0';
                if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' && name[2] && !name[3]) {
                    k->ch = TUI_CTRL(name[2]);
                    *s = e + 1;
                    return true;
                }
                if (name[0] == 'F' && name[1] >= '0' && name[1] <= '9') {
                    int f = atoi(name + 1); // NOLINT(cert-err34-c): a digit checked, range below
                    if (f >= 1 && f <= 12) {
                        k->code = KEY_F(f);
                        *s = e + 1;
                        return true;
                    }
                }
                for (size_t i = 0; i < sizeof named / sizeof *named; i++)
                    if (!strcmp(named[i].name, name)) {
                        k->code = named[i].code;
                        k->ch = named[i].ch;
                        *s = e + 1;
                        return true;
                    }
            }
        }
    }
    mbstate_t ps = {0};
    wchar_t wc;
    size_t n = mbrtowc(&wc, p, strlen(p), &ps);
    if (n == 0 || n == (size_t)-1 || n == (size_t)-2)
        return false;
    k->ch = wc;
    *s = p + n;
    return true;
}

const char *keys_name(tui_key k, char *buf, size_t len)
{
    if (k.code) {
        for (size_t i = 0; i < sizeof named / sizeof *named; i++)
            if (named[i].code == k.code) {
                snprintf(buf, len, "<%s>", named[i].name);
                return buf;
            }
        for (int f = 1; f <= 12; f++)
            if (k.code == KEY_F(f)) {
                snprintf(buf, len, "<F%d>", f);
                return buf;
            }
        snprintf(buf, len, "<%d>", k.code);
        return buf;
    }
    for (size_t i = 0; i < sizeof named / sizeof *named; i++)
        if (!named[i].code && named[i].ch == k.ch && k.ch != L'<') {
            snprintf(buf, len, "<%s>", named[i].name);
            return buf;
        }
    if (k.ch > 0 && k.ch < 0x20) {
        snprintf(buf, len, "<C-%c>", (char)(k.ch + '@'));
        return buf;
    }
    char mb[8] = {0};
    mbstate_t ps = {0};
    size_t n = wcrtomb(mb, k.ch, &ps);
    if (n == (size_t)-1)
        snprintf(buf, len, "<U+%04X>", (unsigned)k.ch);
    else
        snprintf(buf, len, "%s", mb);
    return buf;
}

static bool key_eq(tui_key a, tui_key b)
{
    return a.code == b.code && a.ch == b.ch;
}

void keys_init(void)
{
    if (nbindings)
        return;
    const char *p = default_bindings;
    while (*p && nbindings < MAX_BINDINGS) {
        const char *eol = strchr(p, '\n');
        char line[96];
        size_t n = (size_t)(eol - p);
        memcpy(line, p, n);
        line[n] = '\0';
        p = eol + 1;
        char *km = strtok(line, " "), *key = strtok(NULL, " "), *act = strtok(NULL, " ");
        struct binding b = {0};
        int i;
        for (i = 0; i < KM__COUNT && strcmp(keymap_names[i], km); i++)
            ;
        b.km = (tui_keymap)i;
        const char *kp = key;
        keys_parse(&kp, &b.key);
        for (i = 0; i < REQ__COUNT && strcmp(actions[i].name, act); i++)
            ;
        b.req = (tui_req)i;
        bindings[nbindings++] = b;
    }
}

tui_req keys_lookup(tui_keymap km, tui_key k)
{
    /* a form map is complete in itself: letters there are text, not actions */
    for (int pass = 0; pass < 2; pass++) {
        tui_keymap want = pass == 0 ? km : KM_GENERIC;
        if (pass == 1 && (km == KM_GENERIC || km == KM_FORM))
            break;
        for (int i = 0; i < nbindings; i++)
            if (bindings[i].km == want && key_eq(bindings[i].key, k))
                return bindings[i].req;
    }
    return REQ_NONE;
}

const char *keys_for(tui_keymap km, tui_req req, bool generic, char *buf, size_t len)
{
    buf[0] = '\0';
    size_t used = 0;
    tui_keymap want = generic ? KM_GENERIC : km;
    for (int i = 0; i < nbindings; i++) {
        if (bindings[i].km != want || bindings[i].req != req)
            continue;
        /* a generic key the screen binds to something else is not shown */
        if (generic && keys_lookup(km, bindings[i].key) != req)
            continue;
        char name[24];
        keys_name(bindings[i].key, name, sizeof name);
        int w = snprintf(buf + used, len - used, "%s%s", used ? " " : "", name);
        if (w < 0 || (size_t)w >= len - used)
            break;
        used += (size_t)w;
    }
    return buf;
}

/* The escape sequences terminals send for the usual keys, in both CSI and SS3 forms (xterm,
 * VT220, rxvt, the Linux console, screen and tmux), without their leading ESC. A terminfo
 * entry names only one form of each key (vt100 has no Home, End, PgUp or PgDn at all), yet
 * the terminal or the multiplexer in front of meibo sends its own: keys_terminal_init()
 * teaches curses the ones its entry lacks, and the input loop maps those it reads itself
 * (a sequence that came split over a slow link). */
static const struct {
    const char *seq;
    int code;
} sequences[] = {
    {"[A", KEY_UP},      {"[B", KEY_DOWN},    {"[C", KEY_RIGHT},   {"[D", KEY_LEFT},
    {"OA", KEY_UP},      {"OB", KEY_DOWN},    {"OC", KEY_RIGHT},   {"OD", KEY_LEFT},
    {"[H", KEY_HOME},    {"OH", KEY_HOME},    {"[1~", KEY_HOME},   {"[7~", KEY_HOME},
    {"[F", KEY_END},     {"OF", KEY_END},     {"[4~", KEY_END},    {"[8~", KEY_END},
    {"[2~", KEY_IC},     {"[3~", KEY_DC},     {"[5~", KEY_PPAGE},  {"[6~", KEY_NPAGE},
    {"[Z", KEY_BTAB},    {"OM", KEY_ENTER},
    {"OP", KEY_F(1)},    {"OQ", KEY_F(2)},    {"OR", KEY_F(3)},    {"OS", KEY_F(4)},
    {"[11~", KEY_F(1)},  {"[12~", KEY_F(2)},  {"[13~", KEY_F(3)},  {"[14~", KEY_F(4)},
    {"[[A", KEY_F(1)},   {"[[B", KEY_F(2)},   {"[[C", KEY_F(3)},   {"[[D", KEY_F(4)},
    {"[[E", KEY_F(5)},   {"[15~", KEY_F(5)},  {"[17~", KEY_F(6)},  {"[18~", KEY_F(7)},
    {"[19~", KEY_F(8)},  {"[20~", KEY_F(9)},  {"[21~", KEY_F(10)}, {"[23~", KEY_F(11)},
    {"[24~", KEY_F(12)},
};

void keys_terminal_init(void)
{
    for (size_t i = 0; i < sizeof sequences / sizeof *sequences; i++) {
        char seq[16];
        snprintf(seq, sizeof seq, "\033%s", sequences[i].seq);
        /* only where the entry has nothing: its own keys (and their prefixes) stay */
        if (key_defined(seq) == 0)
            define_key(seq, sequences[i].code);
    }
}

int keys_sequence(const char *seq)
{
    for (size_t i = 0; i < sizeof sequences / sizeof *sequences; i++)
        if (!strcmp(sequences[i].seq, seq))
            return sequences[i].code;
    return 0;
}

int keys_terminal_code(int code)
{
    switch (code) {
    case KEY_FIND: /* VT220's names for the keys where Home and End are */
    case KEY_A1:   /* the keypad's corners */
        return KEY_HOME;
    case KEY_SELECT:
    case KEY_C1:
        return KEY_END;
    case KEY_A3:
        return KEY_PPAGE;
    case KEY_C3:
        return KEY_NPAGE;
    default:
        return code;
    }
}

bool keys_printable(tui_key k)
{
    return !k.code && k.ch >= 0x20 && k.ch != 0x7f && !(k.ch >= 0x80 && k.ch < 0xa0);
}

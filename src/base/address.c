/* address.c: a contact as the clerk took it, split into the postal code and the postal address
 * of the addressee block (letter.h's @address lines): telephone and fax numbers, e-mail addresses
 * and their labels left out. Pure text, no database: letters, inquiries and exports use it. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "meibo/address.h"

/* A byte sequence at @p s that is a digit (ASCII or full-width) or a phone number's mark:
 * its length, else 0; *digit tells which. */
static size_t phone_char(const char *s, bool *digit)
{
    const unsigned char *u = (const unsigned char *)s;
    *digit = false;
    if (*u >= '0' && *u <= '9') {
        *digit = true;
        return 1;
    }
    if (*u == '-' || *u == '(' || *u == ')' || *u == '+' || *u == '.')
        return 1;
    if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) { /* ０-９ */
        *digit = true;
        return 3;
    }
    if (u[0] == 0xEF && u[1] == 0xBC && (u[2] == 0x8D || u[2] == 0x88 || u[2] == 0x89))
        return 3; /* －（） */
    if (!strncmp(s, "ー", 3) || !strncmp(s, "‐", 3))
        return 3;
    return 0;
}

/* Digits of @p s (n bytes) when it is made of phone characters only, else -1. */
static int phone_digits(const char *s, size_t n)
{
    int digits = 0;
    for (size_t i = 0; i < n;) {
        bool d;
        size_t k = phone_char(s + i, &d);
        if (!k || i + k > n)
            return -1;
        digits += d;
        i += k;
    }
    return digits;
}

/* Does @p s (n bytes) start with one of the labels of a telephone, fax or e-mail? Its length. */
static size_t contact_label(const char *s, size_t n)
{
    static const char *const labels[] = {"TEL", "Tel", "tel", "FAX", "Fax", "fax", "電話番号",
                                         "電話", "携帯", "ファックス", "ファクス", "E-mail",
                                         "e-mail", "Email", "email", "メール", "mail"};
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
        size_t k = strlen(labels[i]);
        if (k <= n && !memcmp(s, labels[i], k)) {
            while (k < n && (s[k] == ':' || s[k] == '.'))
                k++;
            if (k + 3 <= n && !memcmp(s + k, "：", 3))
                k += 3;
            return k;
        }
    }
    return 0;
}

bool address_split(const char *contact, char *postal, size_t plen, char *address,
                          size_t alen)
{
    size_t used = 0;
    postal[0] = address[0] = '\0';
    for (const char *p = contact ? contact : ""; *p;) {
        /* the next token: up to white space (also the full-width space), '|' or '、' */
        size_t sep = 0;
        if (*p == ' ' || *p == '\t' || *p == '|' || *p == ',')
            sep = 1;
        else if (!strncmp(p, "　", 3) || !strncmp(p, "、", 3))
            sep = 3;
        if (sep) {
            p += sep;
            continue;
        }
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t' && *e != '|' && *e != ',' && strncmp(e, "　", 3) &&
               strncmp(e, "、", 3))
            e++;
        const char *t = p;
        size_t n = (size_t)(e - p);
        p = e;
        bool mark = n >= 3 && !memcmp(t, "〒", 3);
        if (mark) {
            t += 3;
            n -= 3;
        }
        size_t label = mark ? 0 : contact_label(t, n);
        t += label;
        n -= label;
        bool marks = true; /* "/", "-": no part of an address on its own */
        for (size_t i = 0; i < n && marks; i++)
            marks = (unsigned char)t[i] < 0x80 && !(t[i] >= '0' && t[i] <= '9') &&
                    !((t[i] | 0x20) >= 'a' && (t[i] | 0x20) <= 'z');
        if (!n || marks || memchr(t, '@', n))
            continue; /* a label alone, punctuation, an e-mail address */
        int digits = phone_digits(t, n);
        if (digits == 7 && !postal[0] && !label && n <= 8 * 3) {
            snprintf(postal, plen, "%.*s", (int)n, t); /* 〒100-0001, or 100-0001 */
            continue;
        }
        if (digits >= 9 || label)
            continue; /* a telephone or fax number (a house number "1-1-1" stays) */
        if (used < alen)
            used += (size_t)snprintf(address + used, alen - used, "%s%.*s", used ? " " : "",
                                     (int)n, t);
    }
    return address[0] != '\0';
}

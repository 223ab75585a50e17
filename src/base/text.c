/* text.c: Japanese text: UTF-8 checks, search keys, readings, romaji, CP932 decoding. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "meibo/buf.h"
#include "meibo/text.h"

/* Variant kanji (異体字) → the common 新字体 form; sorted by 'from' for binary search. */
typedef struct text_variant {
    uint32_t from, to;
} text_variant;

/* Sources are NFKC-stable (NFKC itself maps compatibility ideographs like 塚 U+FA10, 隆 U+F9DC). */
/* No target is also a source, so folding is idempotent; tests check both and the order. */
static const text_variant variants[] = {
    {0x4E58, 0x4E57}, /* 乘→乗 */
    {0x4E9E, 0x4E9C}, /* 亞→亜 */
    {0x4F5B, 0x4ECF}, /* 佛→仏 */
    {0x4F86, 0x6765}, /* 來→来 */
    {0x50B3, 0x4F1D}, /* 傳→伝 */
    {0x5152, 0x5150}, /* 兒→児 */
    {0x51A8, 0x5BCC}, /* 冨→富 */
    {0x51DC, 0x51DB}, /* 凜→凛 */
    {0x5271, 0x5263}, /* 剱→剣 */
    {0x528D, 0x5263}, /* 劍→剣 */
    {0x5292, 0x5263}, /* 劒→剣 */
    {0x5700, 0x56FD}, /* 圀→国 */
    {0x570B, 0x56FD}, /* 國→国 */
    {0x5713, 0x5186}, /* 圓→円 */
    {0x5716, 0x56F3}, /* 圖→図 */
    {0x5718, 0x56E3}, /* 團→団 */
    {0x57DC, 0x91CE}, /* 埜→野 */
    {0x582F, 0x5C2D}, /* 堯→尭 */
    {0x589E, 0x5897}, /* 增→増 */
    {0x58EF, 0x58EE}, /* 壯→壮 */
    {0x58FD, 0x5BFF}, /* 壽→寿 */
    {0x5B78, 0x5B66}, /* 學→学 */
    {0x5BE6, 0x5B9F}, /* 實→実 */
    {0x5BEC, 0x5BDB}, /* 寬→寛 */
    {0x5BF3, 0x5B9D}, /* 寳→宝 */
    {0x5BF6, 0x5B9D}, /* 寶→宝 */
    {0x5C07, 0x5C06}, /* 將→将 */
    {0x5CEF, 0x5CF0}, /* 峯→峰 */
    {0x5CFD, 0x5CE1}, /* 峽→峡 */
    {0x5D5C, 0x5D0E}, /* 嵜→崎 */
    {0x5D8B, 0x5CF6}, /* 嶋→島 */
    {0x5D8C, 0x5CF6}, /* 嶌→島 */
    {0x5DBD, 0x5CB3}, /* 嶽→岳 */
    {0x5DD6, 0x5DCC}, /* 巖→巌 */
    {0x5EE3, 0x5E83}, /* 廣→広 */
    {0x5EF3, 0x5E81}, /* 廳→庁 */
    {0x5F4C, 0x5F25}, /* 彌→弥 */
    {0x5F9E, 0x5F93}, /* 從→従 */
    {0x5FB7, 0x5FB3}, /* 德→徳 */
    {0x6046, 0x6052}, /* 恆→恒 */
    {0x60E0, 0x6075}, /* 惠→恵 */
    {0x61C9, 0x5FDC}, /* 應→応 */
    {0x6236, 0x6238}, /* 戶→戸 */
    {0x6589, 0x658E}, /* 斉→斎 */
    {0x6644, 0x6643}, /* 晄→晃 */
    {0x6649, 0x664B}, /* 晉→晋 */
    {0x66C9, 0x6681}, /* 曉→暁 */
    {0x66FE, 0x66FD}, /* 曾→曽 */
    {0x6703, 0x4F1A}, /* 會→会 */
    {0x6766, 0x6749}, /* 杦→杉 */
    {0x67A9, 0x677E}, /* 枩→松 */
    {0x6801, 0x67F3}, /* 栁→柳 */
    {0x6852, 0x6851}, /* 桒→桑 */
    {0x687A, 0x67F3}, /* 桺→柳 */
    {0x689D, 0x6761}, /* 條→条 */
    {0x69AE, 0x6804}, /* 榮→栄 */
    {0x69C7, 0x69D9}, /* 槇→槙 */
    {0x69D7, 0x6A4B}, /* 槗→橋 */
    {0x6A02, 0x697D}, /* 樂→楽 */
    {0x6A9C, 0x6867}, /* 檜→桧 */
    {0x6AFB, 0x685C}, /* 櫻→桜 */
    {0x6C23, 0x6C17}, /* 氣→気 */
    {0x6DE8, 0x6D44}, /* 淨→浄 */
    {0x6DF8, 0x6E05}, /* 淸→清 */
    {0x6DFA, 0x6D45}, /* 淺→浅 */
    {0x6E15, 0x6DF5}, /* 渕→淵 */
    {0x6EAA, 0x6E13}, /* 溪→渓 */
    {0x6EFF, 0x6E80}, /* 滿→満 */
    {0x6F80, 0x6E0B}, /* 澀→渋 */
    {0x6F81, 0x6E0B}, /* 澁→渋 */
    {0x6FA4, 0x6CA2}, /* 澤→沢 */
    {0x6FE4, 0x6D9B}, /* 濤→涛 */
    {0x6FF1, 0x6D5C}, /* 濱→浜 */
    {0x6FF5, 0x6D5C}, /* 濵→浜 */
    {0x7027, 0x6EDD}, /* 瀧→滝 */
    {0x7028, 0x702C}, /* 瀨→瀬 */
    {0x71C8, 0x706F}, /* 燈→灯 */
    {0x7232, 0x70BA}, /* 爲→為 */
    {0x7464, 0x7476}, /* 瑤→瑶 */
    {0x771E, 0x771F}, /* 眞→真 */
    {0x7895, 0x5D0E}, /* 碕→崎 */
    {0x797F, 0x7984}, /* 祿→禄 */
    {0x79AE, 0x793C}, /* 禮→礼 */
    {0x79B0, 0x7962}, /* 禰→祢 */
    {0x7A3B, 0x7A32}, /* 稻→稲 */
    {0x7A57, 0x7A42}, /* 穗→穂 */
    {0x7C4F, 0x65D7}, /* 籏→旗 */
    {0x7C54, 0x85EA}, /* 籔→藪 */
    {0x7E23, 0x770C}, /* 縣→県 */
    {0x7E3D, 0x7DCF}, /* 總→総 */
    {0x7E6A, 0x7D75}, /* 繪→絵 */
    {0x8070, 0x8061}, /* 聰→聡 */
    {0x81FA, 0x53F0}, /* 臺→台 */
    {0x8207, 0x4E0E}, /* 與→与 */
    {0x820A, 0x65E7}, /* 舊→旧 */
    {0x8218, 0x9928}, /* 舘→館 */
    {0x8229, 0x8239}, /* 舩→船 */
    {0x838A, 0x8358}, /* 莊→荘 */
    {0x8420, 0x840C}, /* 萠→萌 */
    {0x842C, 0x4E07}, /* 萬→万 */
    {0x8597, 0x5712}, /* 薗→園 */
    {0x85AE, 0x85EA}, /* 薮→藪 */
    {0x85CF, 0x8535}, /* 藏→蔵 */
    {0x85DD, 0x82B8}, /* 藝→芸 */
    {0x85E5, 0x85AC}, /* 藥→薬 */
    {0x8606, 0x82A6}, /* 蘆→芦 */
    {0x8613, 0x8607}, /* 蘓→蘇 */
    {0x87A2, 0x86CD}, /* 螢→蛍 */
    {0x89BA, 0x899A}, /* 覺→覚 */
    {0x8C50, 0x8C4A}, /* 豐→豊 */
    {0x8C6C, 0x732A}, /* 豬→猪 */
    {0x9059, 0x9065}, /* 遙→遥 */
    {0x9089, 0x8FBA}, /* 邉→辺 */
    {0x908A, 0x8FBA}, /* 邊→辺 */
    {0x90A8, 0x6751}, /* 邨→村 */
    {0x9109, 0x90F7}, /* 鄉→郷 */
    {0x9115, 0x90F7}, /* 鄕→郷 */
    {0x91AB, 0x533B}, /* 醫→医 */
    {0x9421, 0x9244}, /* 鐡→鉄 */
    {0x9435, 0x9244}, /* 鐵→鉄 */
    {0x95DC, 0x95A2}, /* 關→関 */
    {0x974F, 0x9DB4}, /* 靏→鶴 */
    {0x975C, 0x9759}, /* 靜→静 */
    {0x984F, 0x9854}, /* 顏→顔 */
    {0x986F, 0x9855}, /* 顯→顕 */
    {0x9A52, 0x9A28}, /* 驒→騨 */
    {0x9A5B, 0x99C5}, /* 驛→駅 */
    {0x9AD9, 0x9AD8}, /* 髙→高 */
    {0x9DD7, 0x9D0E}, /* 鷗→鴎 */
    {0x9EC3, 0x9EC4}, /* 黃→黄 */
    {0x9ED1, 0x9ED2}, /* 黑→黒 */
    {0x9F4A, 0x658E}, /* 齊→斎 */
    {0x9F4B, 0x658E}, /* 齋→斎 */
    {0x9F52, 0x6B6F}, /* 齒→歯 */
    {0x9F8D, 0x7ADC}, /* 龍→竜 */
    {0x9F9C, 0x4E80}, /* 龜→亀 */
    {0xFA11, 0x5D0E}, /* 﨑→崎 */
    {0xFA14, 0x6B05}, /* 﨔→欅 */
    {0x20BB7, 0x5409}, /* 𠮷→吉 */
};

#define N_VARIANTS (sizeof variants / sizeof *variants)

STATIC uint32_t text_fold_variant(uint32_t uc);
static meibo_status search_key_general(const char *in, char **out, meibo_err *err);
static meibo_status reading_general(const char *in, char **out, meibo_err *err);
static meibo_status nfkc_general(const char *in, char **out, meibo_err *err);
#ifdef TESTING
bool text_fast_off; /* the unit tests compare each fast path with the general one */
#define FAST (!text_fast_off)
#else
#define FAST true
#endif
#ifdef TESTING
size_t text_variant_count(void);
void text_variant_at(size_t i, uint32_t *from, uint32_t *to);
#endif

/* The common form of a variant kanji, or @p uc itself. */
STATIC uint32_t text_fold_variant(uint32_t uc)
{
    size_t lo = 0, hi = N_VARIANTS;
    if (uc < variants[0].from)
        return uc;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (variants[mid].from < uc)
            lo = mid + 1;
        else if (variants[mid].from > uc)
            hi = mid;
        else
            return variants[mid].to;
    }
    return uc;
}

#ifdef TESTING
/* Table access for the unit tests. */
size_t text_variant_count(void)
{
    return N_VARIANTS;
}

void text_variant_at(size_t i, uint32_t *from, uint32_t *to)
{
    *from = i < N_VARIANTS ? variants[i].from : 0;
    *to = i < N_VARIANTS ? variants[i].to : 0;
}
#endif

/* A code point appended to @p b in UTF-8 (buf.h: a failed allocation marks b->oom). */
static void tb_putc(meibo_buf *b, ucs4_t uc)
{
    uint8_t u[6];
    int k = u8_uctomb(u, uc, (ptrdiff_t)sizeof u);
    if (k > 0)
        buf_add(b, u, (size_t)k);
}

/* Hands the NUL-terminated text to *out (caller frees), or fails with MEIBO_ERR_NOMEM. */
static meibo_status tb_finish(meibo_buf *b, char **out, const char *what, meibo_err *err)
{
    meibo_err e;
    if (buf_take(b, out, &e) != MEIBO_OK)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "%s: out of memory", what);
    return MEIBO_OK;
}

/* Common argument and encoding check of the string functions. */
static meibo_status check_in(const char *in, char **out, const char *what, meibo_err *err)
{
    if (out)
        *out = NULL;
    if (!in || !out)
        return meibo_fail(err, MEIBO_ERR_INVALID, "%s: no text given", what);
    size_t bad = 0;
    if (!text_utf8_valid(in, strlen(in), &bad))
        return meibo_fail(err, MEIBO_ERR_ENCODING, "%s: invalid UTF-8 at byte offset %zu", what,
                          bad);
    return MEIBO_OK;
}

/* libunistring's result (r, len) NUL-terminated; NULL (r freed) when out of memory. */
static uint8_t *nul_terminated(uint8_t *r, size_t len, size_t *rn)
{
    if (!r)
        return NULL;
    uint8_t *z = realloc(r, len + 1);
    if (!z) {
        free(r);
        return NULL;
    }
    z[len] = '\0';
    *rn = len;
    return z;
}

/* u8_normalize into a NUL-terminated malloc'd buffer; NULL when out of memory. */
static uint8_t *nf_dup(uninorm_t nf, const uint8_t *s, size_t n, size_t *rn)
{
    *rn = 0;
    if (n == 0)
        return calloc(1, 1);
    size_t len = 0;
    uint8_t *r = u8_normalize(nf, s, n, NULL, &len);
    return nul_terminated(r, len, rn);
}


/* u8_casefold (with NFKC) into a NUL-terminated malloc'd buffer; NULL when out of memory. */
static uint8_t *casefold_dup(const uint8_t *s, size_t n, size_t *rn)
{
    *rn = 0;
    if (n == 0)
        return calloc(1, 1);
    size_t len = 0;
    uint8_t *r = u8_casefold(s, n, NULL, UNINORM_NFKC, NULL, &len);
    return nul_terminated(r, len, rn);
}

static bool is_hiragana(ucs4_t uc)
{
    return (uc >= 0x3041 && uc <= 0x3096) || uc == 0x309D || uc == 0x309E;
}

static bool is_halfwidth_kana(ucs4_t uc)
{
    return uc >= 0xFF61 && uc <= 0xFF9F;
}

bool text_utf8_valid(const char *s, size_t n, size_t *bad_off)
{
    if (bad_off)
        *bad_off = 0;
    if (n == 0)
        return true;
    if (!s)
        return false;
    const uint8_t *bad = u8_check((const uint8_t *)s, n);
    if (!bad)
        return true;
    if (bad_off)
        *bad_off = (size_t)(bad - (const uint8_t *)s);
    return false;
}

/* ---- fast paths: most text is ASCII, kana and common kanji, which NFKC and case folding
 * leave alone; tests compare every fast path with the general one. ---- */

/* Hiragana (folded to katakana by the kana rules). */
static bool fast_hiragana(ucs4_t c)
{
    return (c >= 0x3041 && c <= 0x3096) || c == 0x309D || c == 0x309E;
}

/* Katakana with ・ー ヽ ヾ, and hiragana: precomposed, NFKC-stable, no case. */
static bool fast_kana(ucs4_t c)
{
    return fast_hiragana(c) || (c >= 0x30A1 && c <= 0x30FE);
}

/* Kana, 々 and the CJK ideographs of the BMP (Extension A and the unified block): NFKC and
 * case folding leave them alone and none of them combines with a neighbour. All encode in
 * three UTF-8 bytes, as do the targets of text_fold_variant() for them. */
static bool fast_cjk(ucs4_t c)
{
    return fast_kana(c) || c == 0x3005 || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF);
}

/* The three-byte UTF-8 sequence at p (valid input), or 0 when p starts no such sequence. */
static ucs4_t utf8_3(const unsigned char *p)
{
    if ((p[0] & 0xF0) != 0xE0)
        return 0;
    return (ucs4_t)(p[0] & 0x0F) << 12 | (ucs4_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
}

static void utf8_put3(char *w, ucs4_t c)
{
    w[0] = (char)(0xE0 | c >> 12);
    w[1] = (char)(0x80 | (c >> 6 & 0x3F));
    w[2] = (char)(0x80 | (c & 0x3F));
}

/* Is NFKC the identity on valid UTF-8 @p in (ASCII and fast_cjk() only)? */
static bool nfkc_stable(const char *in)
{
    const unsigned char *p = (const unsigned char *)in;
    while (*p) {
        if (*p < 0x80) {
            p++;
            continue;
        }
        ucs4_t c = utf8_3(p);
        if (!c || !fast_cjk(c))
            return false;
        p += 3;
    }
    return true;
}

/* text_search_key() of ASCII, ideographic spaces and fast_cjk() text: no decomposition, so
 * the key is the text with whitespace dropped, ASCII lower-cased, hiragana folded to
 * katakana and variants folded. NULL (and *oom false) for any other text. */
static char *cjk_search_key(const char *in, bool *oom)
{
    size_t n = strlen(in);
    char *r = malloc(n + 1), *w = r;
    if (!r) {
        *oom = true;
        return NULL;
    }
    const unsigned char *p = (const unsigned char *)in;
    while (*p) {
        if (*p < 0x80) {
            if (*p < 0x20 || *p == 0x7F)
                goto general;
            if (*p != ' ')
                *w++ = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
            p++;
            continue;
        }
        ucs4_t c = utf8_3(p);
        if (c == 0x3000) { /* White_Space */
            p += 3;
            continue;
        }
        if (!c || !fast_cjk(c))
            goto general;
        if (fast_hiragana(c))
            c += 0x60;
        utf8_put3(w, text_fold_variant(c));
        w += 3;
        p += 3;
    }
    *w = '\0';
    return r;
general:
    free(r);
    return NULL;
}

/* ASCII input (member numbers, e-mail, romaji): NFKC is the identity, so lower-case and drop
 * whitespace directly. Returns NULL when @p in is not all ASCII. */
static char *ascii_search_key(const char *in, bool *oom)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p; p++, n++)
        if (*p >= 0x80)
            return NULL;
    char *r = malloc(n + 1), *w = r;
    if (!r) {
        *oom = true;
        return NULL;
    }
    for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
        if (*p == ' ' || (*p >= 0x09 && *p <= 0x0D))
            continue; /* White_Space in ASCII (as uc_is_property_white_space: not U+001C–1F) */
        *w++ = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
    }
    *w = '\0';
    return r;
}

meibo_status text_search_key(const char *in, char **out, meibo_err *err)
{
    static const char what[] = "search text";
    meibo_status st = check_in(in, out, what, err);
    if (st != MEIBO_OK)
        return st;
    bool oom = false;
    if (FAST && ((*out = ascii_search_key(in, &oom)) ||
                 (!oom && (*out = cjk_search_key(in, &oom)))))
        return MEIBO_OK;
    if (oom)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "%s: out of memory", what);
    return search_key_general(in, out, err);
}

/* text_search_key() of any valid UTF-8: case folding with NFKC, then the rules. */
static meibo_status search_key_general(const char *in, char **out, meibo_err *err)
{
    static const char what[] = "search text";
    size_t n2 = 0, n3 = 0;
    /* u8_casefold decomposes, folds case and applies NFKC in one pass */
    uint8_t *folded = casefold_dup((const uint8_t *)in, strlen(in), &n2);
    if (!folded)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "%s: out of memory", what);
    meibo_buf t = MEIBO_BUF_INIT;
    bool marks = false;
    for (size_t i = 0; i < n2;) {
        ucs4_t uc;
        i += (size_t)u8_mbtouc(&uc, folded + i, n2 - i);
        if (uc_is_property_white_space(uc) || uc_is_property_default_ignorable_code_point(uc))
            continue;
        if (is_hiragana(uc))
            uc += 0x60;
        marks |= uc_combining_class(uc) != 0;
        tb_putc(&t, text_fold_variant(uc));
    }
    free(folded);
    if (t.oom) {
        buf_free(&t);
        return meibo_fail(err, MEIBO_ERR_NOMEM, "%s: out of memory", what);
    }
    if (!marks)
        return tb_finish(&t, out, what, err);
    /* Removing spaces or folding kana can put a base and a combining mark side by side. */
    uint8_t *again = nf_dup(UNINORM_NFKC, (const uint8_t *)t.p, t.len, &n3);
    buf_free(&t);
    if (!again)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "%s: out of memory", what);
    *out = (char *)again;
    return MEIBO_OK;
}

/* Half-width katakana runs through NFKC, hiragana to katakana, ゛゜ to combining marks, then NFC. */
static uint8_t *kana_prepare(const uint8_t *s, size_t n, size_t *rn)
{
    meibo_buf t = MEIBO_BUF_INIT;
    for (size_t i = 0; i < n && !t.oom;) {
        ucs4_t uc;
        int k = u8_mbtouc(&uc, s + i, n - i);
        if (is_halfwidth_kana(uc)) {
            size_t j = i;
            while (j < n) {
                ucs4_t u2;
                int k2 = u8_mbtouc(&u2, s + j, n - j);
                if (!is_halfwidth_kana(u2))
                    break;
                j += (size_t)k2;
            }
            size_t m;
            uint8_t *r = nf_dup(UNINORM_NFKC, s + i, j - i, &m);
            if (!r) {
                t.oom = true;
                break;
            }
            buf_add(&t, r, m);
            free(r);
            i = j;
            continue;
        }
        if (is_hiragana(uc))
            uc += 0x60;
        else if (uc == 0x309B || uc == 0x309C)
            uc -= 2;
        tb_putc(&t, uc);
        i += (size_t)k;
    }
    if (t.oom) {
        buf_free(&t);
        return NULL;
    }
    uint8_t *r = nf_dup(UNINORM_NFC, (const uint8_t *)t.p, t.len, rn);
    buf_free(&t);
    return r;
}

/* Katakana letters, ・, ー and the iteration marks ヽヾ. */
static bool is_reading_char(ucs4_t uc)
{
    return uc >= 0x30A1 && uc <= 0x30FE;
}

/* Invisible or combining characters are named by code point in messages. */
static bool is_invisible(ucs4_t uc)
{
    return uc_is_general_category(uc, UC_CATEGORY_C) || uc_is_general_category(uc, UC_CATEGORY_M) ||
           uc_is_general_category(uc, UC_CATEGORY_Zl) || uc_is_general_category(uc, UC_CATEGORY_Zp);
}

/* text_reading() of text that is all fast_kana(): hiragana folded, nothing else to do.
 * NULL (and *oom false) for any other text, the empty text included. */
static char *kana_reading(const char *in, bool *oom)
{
    size_t n = strlen(in);
    if (!n)
        return NULL;
    char *r = malloc(n + 1), *w = r;
    if (!r) {
        *oom = true;
        return NULL;
    }
    for (const unsigned char *p = (const unsigned char *)in; *p; p += 3, w += 3) {
        ucs4_t c = utf8_3(p);
        if (!c || !fast_kana(c)) {
            free(r);
            return NULL;
        }
        utf8_put3(w, fast_hiragana(c) ? c + 0x60 : c);
    }
    *w = '\0';
    return r;
}

meibo_status text_reading(const char *in, char **out, meibo_err *err)
{
    static const char what[] = "reading";
    meibo_status st = check_in(in, out, what, err);
    if (st != MEIBO_OK)
        return st;
    bool oom = false;
    if (FAST && (*out = kana_reading(in, &oom)))
        return MEIBO_OK;
    if (oom)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "%s: out of memory", what);
    return reading_general(in, out, err);
}

/* text_reading() of any valid UTF-8. */
static meibo_status reading_general(const char *in, char **out, meibo_err *err)
{
    static const char what[] = "reading";
    size_t n = 0;
    uint8_t *s = kana_prepare((const uint8_t *)in, strlen(in), &n);
    if (!s)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "%s: out of memory", what);
    meibo_buf t = MEIBO_BUF_INIT;
    bool space = false;
    for (size_t i = 0; i < n;) {
        ucs4_t uc;
        int k = u8_mbtouc(&uc, s + i, n - i);
        if (uc_is_property_white_space(uc)) {
            space = true;
        } else if (is_reading_char(uc)) {
            if (space && t.len > 0)
                tb_putc(&t, 0x3000);
            space = false;
            tb_putc(&t, uc);
        } else {
            char found[16];
            if (is_invisible(uc))
                snprintf(found, sizeof found, "U+%04X", (unsigned)uc);
            else
                snprintf(found, sizeof found, "%.*s", k, (const char *)(s + i));
            if (is_invisible(uc))
                meibo_fail_reason(err, MEIBO_ERR_INVALID, NULL, MEIBO_REASON_KANA, found, NULL,
                                  "reading must be katakana or hiragana: found %s", found);
            else
                meibo_fail_reason(err, MEIBO_ERR_INVALID, NULL, MEIBO_REASON_KANA, found, NULL,
                                  "reading must be katakana or hiragana: found '%s'", found);
            free(s);
            buf_free(&t);
            return MEIBO_ERR_INVALID;
        }
        i += (size_t)k;
    }
    free(s);
    return tb_finish(&t, out, what, err);
}

/* Hepburn spelling of U+30A1 ァ … U+30FA ヺ; ッ (U+30C3) is handled by the caller. */
static const char *const kana_romaji[] = {
    "a",  "a",  "i",   "i",   "u",  "u",   "e",  "e",  "o",  "o",                     /* ァ-オ */
    "ka", "ga", "ki",  "gi",  "ku", "gu",  "ke", "ge", "ko", "go",                    /* カ-ゴ */
    "sa", "za", "shi", "ji",  "su", "zu",  "se", "ze", "so", "zo",                    /* サ-ゾ */
    "ta", "da", "chi", "ji",  "",   "tsu", "zu", "te", "de", "to", "do",              /* タ-ド */
    "na", "ni", "nu",  "ne",  "no",                                                   /* ナ-ノ */
    "ha", "ba", "pa",  "hi",  "bi", "pi",  "fu", "bu", "pu", "he", "be", "pe", "ho", "bo", "po",
    "ma", "mi", "mu",  "me",  "mo",                                                   /* マ-モ */
    "ya", "ya", "yu",  "yu",  "yo", "yo",                                             /* ャ-ヨ */
    "ra", "ri", "ru",  "re",  "ro",                                                   /* ラ-ロ */
    "wa", "wa", "i",   "e",   "o",  "n",   "vu", "ka", "ke", "va", "vi", "ve", "vo",  /* ヮ-ヺ */
};

_Static_assert(sizeof kana_romaji / sizeof *kana_romaji == 0x30FA - 0x30A1 + 1,
               "one romaji per katakana U+30A1..U+30FA");

/* Kana followed by a small kana that Hepburn spells together (yōon of the i-row is a rule). */
static const struct kana_pair {
    uint32_t a, b;
    const char *r;
} kana_pairs[] = {
    {U'イ', U'ェ', "ye"},  {U'ウ', U'ィ', "wi"},  {U'ウ', U'ェ', "we"},  {U'ウ', U'ォ', "wo"},
    {U'ヴ', U'ァ', "va"},  {U'ヴ', U'ィ', "vi"},  {U'ヴ', U'ェ', "ve"},  {U'ヴ', U'ォ', "vo"},
    {U'ヴ', U'ュ', "vyu"}, {U'ク', U'ァ', "kwa"}, {U'ク', U'ィ', "kwi"}, {U'ク', U'ェ', "kwe"},
    {U'ク', U'ォ', "kwo"}, {U'ク', U'ヮ', "kwa"}, {U'グ', U'ァ', "gwa"}, {U'グ', U'ヮ', "gwa"},
    {U'ス', U'ィ', "si"},  {U'ズ', U'ィ', "zi"},  {U'ツ', U'ァ', "tsa"}, {U'ツ', U'ィ', "tsi"},
    {U'ツ', U'ェ', "tse"}, {U'ツ', U'ォ', "tso"}, {U'テ', U'ィ', "ti"},  {U'テ', U'ュ', "tyu"},
    {U'デ', U'ィ', "di"},  {U'デ', U'ュ', "dyu"}, {U'ト', U'ゥ', "tu"},  {U'ド', U'ゥ', "du"},
    {U'フ', U'ァ', "fa"},  {U'フ', U'ィ', "fi"},  {U'フ', U'ェ', "fe"},  {U'フ', U'ォ', "fo"},
    {U'フ', U'ュ', "fyu"},
};

static bool is_romaji_kana(uint32_t uc)
{
    return uc >= 0x30A1 && uc <= 0x30FA;
}

/* The voiced kana of カ…ト, ハ…ホ and ウ (for ヾ), else the kana itself. */
static uint32_t kana_voiced(uint32_t k)
{
    static const uint32_t unvoiced[] = {U'カ', U'キ', U'ク', U'ケ', U'コ', U'サ', U'シ',
                                        U'ス', U'セ', U'ソ', U'タ', U'チ', U'ツ', U'テ',
                                        U'ト', U'ハ', U'ヒ', U'フ', U'ヘ', U'ホ'};
    if (k == U'ウ')
        return U'ヴ';
    for (size_t i = 0; i < sizeof unvoiced / sizeof *unvoiced; i++)
        if (unvoiced[i] == k)
            return k + 1;
    return k;
}

/* Vowel that small ャュョェ give an i-row kana (キャ kya), else NULL. */
static const char *yoon_vowel(uint32_t k)
{
    switch (k) {
    case U'ャ':
        return "a";
    case U'ュ':
        return "u";
    case U'ョ':
        return "o";
    case U'ェ':
        return "e";
    default:
        return NULL;
    }
}

/* Romaji of the syllable at s[i] (kana), its length in code points in *used. */
static void romaji_syllable(const uint32_t *s, size_t n, size_t i, char buf[8], size_t *used)
{
    uint32_t a = s[i], b = i + 1 < n ? s[i + 1] : 0;
    *used = 1;
    for (size_t k = 0; k < sizeof kana_pairs / sizeof *kana_pairs; k++) {
        if (kana_pairs[k].a == a && kana_pairs[k].b == b) {
            strcpy(buf, kana_pairs[k].r);
            *used = 2;
            return;
        }
    }
    const char *r = kana_romaji[a - 0x30A1];
    size_t len = strlen(r);
    const char *vowel = yoon_vowel(b);
    if (vowel && len >= 2 && r[len - 1] == 'i') {
        /* i-row yōon: キャ kya, シャ sha, チュ chu, ジョ jo, ニェ nye */
        size_t stem = len - 1;
        memcpy(buf, r, stem);
        buf[stem] = '\0';
        bool palatal = buf[stem - 1] == 'j' ||
                       (stem >= 2 && (memcmp(buf + stem - 2, "sh", 2) == 0 ||
                                      memcmp(buf + stem - 2, "ch", 2) == 0));
        if (!palatal)
            strcat(buf, "y");
        strcat(buf, vowel);
        *used = 2;
        return;
    }
    strcpy(buf, r);
}

/* kana_prepare() + u8_to_u32() of non-empty text of ASCII and fast_cjk() only, where NFC is
 * the identity and only hiragana change: NULL (and *oom false) otherwise. */
static uint32_t *fast_u32(const char *in, size_t *n, bool *oom)
{
    size_t len = strlen(in), k = 0;
    if (!len || !nfkc_stable(in))
        return NULL;
    uint32_t *r = malloc(len * sizeof *r);
    if (!r) {
        *oom = true;
        return NULL;
    }
    for (const unsigned char *p = (const unsigned char *)in; *p;) {
        if (*p < 0x80) {
            r[k++] = *p++;
            continue;
        }
        ucs4_t c = utf8_3(p);
        r[k++] = fast_hiragana(c) ? c + 0x60 : c;
        p += 3;
    }
    *n = k;
    return r;
}

meibo_status text_romaji(const char *kana, char **out, meibo_err *err)
{
    static const char what[] = "romaji";
    meibo_status st = check_in(kana, out, what, err);
    if (st != MEIBO_OK)
        return st;
    size_t n8 = 0, n = 0;
    uint32_t *s = NULL;
    bool oom = false;
    if (!(FAST && (s = fast_u32(kana, &n, &oom))) && !oom) {
        uint8_t *s8 = kana_prepare((const uint8_t *)kana, strlen(kana), &n8);
        if (!s8)
            return meibo_fail(err, MEIBO_ERR_NOMEM, "%s: out of memory", what);
        n = 0;
        s = n8 ? u8_to_u32(s8, n8, NULL, &n) : NULL;
        free(s8);
        oom = n8 && !s;
    }
    if (oom)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "%s: out of memory", what);
    meibo_buf t = MEIBO_BUF_INIT;
    bool space = false, sokuon = false;
    uint32_t prev = 0;
    for (size_t i = 0; i < n;) {
        uint32_t uc = s[i];
        if (uc_is_property_white_space(uc) || uc == U'・') {
            space = true;
            sokuon = false;
            i++;
            continue;
        }
        if (space && t.len > 0)
            tb_putc(&t, ' ');
        space = false;
        if (uc == U'ッ') {
            sokuon = true;
            i++;
            continue;
        }
        if (uc == U'ー') {
            sokuon = false;
            i++;
            continue;
        }
        char syl[8];
        size_t used = 1;
        if (uc == U'ヽ' || uc == U'ヾ') {
            if (prev == 0) {
                tb_putc(&t, uc);
                sokuon = false;
                i++;
                continue;
            }
            uint32_t rep = uc == U'ヾ' ? kana_voiced(prev) : prev;
            romaji_syllable(&rep, 1, 0, syl, &used);
            used = 1;
        } else if (is_romaji_kana(uc)) {
            romaji_syllable(s, n, i, syl, &used);
            prev = uc;
        } else {
            tb_putc(&t, uc);
            sokuon = false;
            prev = 0;
            i++;
            continue;
        }
        if (sokuon && syl[0] && !strchr("aeiou", syl[0]))
            tb_putc(&t, strncmp(syl, "ch", 2) == 0 ? 't' : (ucs4_t)syl[0]);
        sokuon = false;
        buf_adds(&t, syl);
        i += used;
    }
    free(s);
    return tb_finish(&t, out, what, err);
}

meibo_status text_nfkc(const char *in, char **out, meibo_err *err)
{
    static const char what[] = "text";
    meibo_status st = check_in(in, out, what, err);
    if (st != MEIBO_OK)
        return st;
    if (FAST && nfkc_stable(in)) {
        if (!(*out = strdup(in)))
            return meibo_fail(err, MEIBO_ERR_NOMEM, "%s: out of memory", what);
        return MEIBO_OK;
    }
    return nfkc_general(in, out, err);
}

/* text_nfkc() of any valid UTF-8. */
static meibo_status nfkc_general(const char *in, char **out, meibo_err *err)
{
    static const char what[] = "text";
    size_t n = 0;
    uint8_t *r = nf_dup(UNINORM_NFKC, (const uint8_t *)in, strlen(in), &n);
    if (!r)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "%s: out of memory", what);
    *out = (char *)r;
    return MEIBO_OK;
}

/* Length of an ASCII space or U+3000 at s (0 when neither). */
static size_t space_len(const char *s, size_t n)
{
    if (n >= 1 && strchr(" \t\r\n\v\f", s[0]) && s[0] != '\0')
        return 1;
    if (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0)
        return 3;
    return 0;
}

meibo_status text_trim(const char *in, char **out, meibo_err *err)
{
    if (out)
        *out = NULL;
    if (!in || !out)
        return meibo_fail(err, MEIBO_ERR_INVALID, "trim: no text given");
    size_t b = 0, e = strlen(in), k;
    while ((k = space_len(in + b, e - b)) > 0)
        b += k;
    for (;;) {
        if (e - b >= 1 && space_len(in + e - 1, 1) == 1)
            e--;
        else if (e - b >= 3 && space_len(in + e - 3, 3) == 3)
            e -= 3;
        else
            break;
    }
    char *r = malloc(e - b + 1);
    if (!r)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "trim: out of memory");
    memcpy(r, in + b, e - b);
    r[e - b] = '\0';
    *out = r;
    return MEIBO_OK;
}

/* First byte of a CP932 double-byte character. */
static bool is_cp932_lead(unsigned char c)
{
    return (c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC);
}

meibo_status text_cp932_to_utf8(const char *in, size_t n, char **out, size_t *out_len,
                                size_t *bad_off, meibo_err *err)
{
    if (out)
        *out = NULL;
    if (out_len)
        *out_len = 0;
    if (bad_off)
        *bad_off = 0;
    if ((!in && n > 0) || !out)
        return meibo_fail(err, MEIBO_ERR_INVALID, "CP932 input: no text given");
    if (!in)
        in = "";
    iconv_t cd = iconv_open("UTF-8", "CP932");
    if (cd == (iconv_t)-1)
        return meibo_fail(err, MEIBO_ERR_ENCODING,
                          "CP932 input: the system has no CP932 converter");
    size_t cap = n * 3 + 4;
    char *buf = malloc(cap);
    char *ip = (char *)(uintptr_t)in;
    size_t il = n, done = 0;
    meibo_status st = MEIBO_OK;
    while (buf) {
        char *op = buf + done;
        size_t ol = cap - done - 1;
        size_t r = il ? iconv(cd, &ip, &il, &op, &ol) : iconv(cd, NULL, NULL, &op, &ol);
        int e = errno;
        done = (size_t)(op - buf);
        if (r != (size_t)-1) {
            if (il == 0)
                break;
            continue;
        }
        if (e == E2BIG) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
            continue;
        }
        size_t off = (size_t)(ip - in);
        if (bad_off)
            *bad_off = off;
        if (e == EINVAL)
            st = meibo_fail(err, MEIBO_ERR_ENCODING,
                            "CP932 input: incomplete character 0x%02X at the end (byte offset %zu)",
                            (unsigned char)in[off], off);
        else if (off + 1 < n && is_cp932_lead((unsigned char)in[off]))
            st = meibo_fail(err, MEIBO_ERR_ENCODING,
                            "CP932 input: invalid byte sequence 0x%02X 0x%02X at byte offset %zu",
                            (unsigned char)in[off], (unsigned char)in[off + 1], off);
        else
            st = meibo_fail(err, MEIBO_ERR_ENCODING,
                            "CP932 input: invalid byte 0x%02X at byte offset %zu",
                            (unsigned char)in[off], off);
        break;
    }
    iconv_close(cd);
    if (!buf)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "CP932 input: out of memory");
    if (st != MEIBO_OK) {
        free(buf);
        return st;
    }
    buf[done] = '\0';
    *out = buf;
    if (out_len)
        *out_len = done;
    return MEIBO_OK;
}

size_t text_length(const char *s)
{
    return s ? u8_mbsnlen((const uint8_t *)s, strlen(s)) : 0;
}

void text_copy_cut(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src);
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

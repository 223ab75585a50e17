/* fuzz_config.c: the configuration parser (meibo.conf(5)). Properties: no crash; a refusal
 * names the line; every string it keeps is terminated and within its field; numbers in range. */
#include "fuzz.h"

#include "meibo/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 8192)
        return 0;
    char *text = fuzz_cstr(data, size);
    meibo_config cfg;
    config_defaults(&cfg);
    meibo_err err;
    meibo_err_clear(&err);
    meibo_status st = config_parse(text, "fuzz.conf", &cfg, &err);
    if (st != MEIBO_OK) {
        FUZZ_CHECK(st == MEIBO_ERR_INVALID, "status %d", (int)st);
        FUZZ_CHECK(err.line >= 1 && strstr(err.msg, "fuzz.conf:") == err.msg,
                   "refusal without file and line: %s", err.msg);
    }
    FUZZ_CHECK(memchr(cfg.db, 0, sizeof cfg.db) && memchr(cfg.outbox, 0, sizeof cfg.outbox) &&
                   memchr(cfg.printer, 0, sizeof cfg.printer) &&
                   memchr(cfg.society_name, 0, sizeof cfg.society_name) &&
                   memchr(cfg.secretariat_contact, 0, sizeof cfg.secretariat_contact) &&
                   memchr(cfg.lang, 0, sizeof cfg.lang),
               "an unterminated string");
    FUZZ_CHECK(cfg.idle_lock_minutes >= 1 && cfg.idle_lock_minutes <= 60, "idle %d",
               cfg.idle_lock_minutes);
    FUZZ_CHECK(cfg.ambiguous_width == 1 || cfg.ambiguous_width == 2, "width %d",
               cfg.ambiguous_width);
    FUZZ_CHECK(!strcmp(cfg.lang, "ja") || !strcmp(cfg.lang, "en"), "lang %s", cfg.lang);
    FUZZ_CHECK(cfg.printer[0] != '-', "printer read as an option: %s", cfg.printer);
    free(text);
    return 0;
}

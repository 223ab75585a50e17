/* test_config.c: meibo.conf(5): every key, its defaults, and refusals naming file, line, key. */
#include "helpers.h"
#include "meibo/config.h"

static void test_defaults(void **state)
{
    (void)state;
    meibo_config c;
    config_defaults(&c);
    assert_string_equal(c.db, "");
    assert_int_equal(c.idle_lock_minutes, 5); /* 取扱規程 第30条: the screen locks after 5 minutes */
    assert_string_equal(c.lang, "ja");
    assert_int_equal(c.ambiguous_width, 1);
    assert_int_equal(c.ascii_lines, 0);
    assert_string_equal(c.society_name, ""); /* letters are refused until it is set */
    assert_string_equal(c.secretariat_contact, "");
    assert_int_equal(c.letter_seireki, 0); /* 和暦 */
    assert_string_equal(c.printer, "");    /* no printer: the outbox */
    assert_string_equal(c.outbox, "");     /* outbox/ beside the database */
}

static void test_keys(void **state)
{
    (void)state;
    meibo_config c;
    meibo_err err;
    config_defaults(&c);
    assert_ok(config_parse("# comment\n\ndb = /srv/m.db\nidle_lock_minutes = 10\r\n"
                           "lang = en\nambiguous_width = 2\nline_drawing = ascii\n",
                           "t.conf", &c, &err),
              &err);
    assert_string_equal(c.db, "/srv/m.db");
    assert_int_equal(c.idle_lock_minutes, 10);
    assert_string_equal(c.lang, "en");
    assert_int_equal(c.ambiguous_width, 2);
    assert_int_equal(c.ascii_lines, 1);

    /* the letters' keys */
    assert_ok(config_parse("society_name = 一般社団法人 日本架空循環器学会\n"
                           "secretariat_contact = 〒100-0001 東京都千代田区 | TEL 03-0000-0000\n"
                           "letter_dates = seireki\nprinter = office_2F.mono\n"
                           "outbox = /srv/meibo/outbox\n",
                           "t.conf", &c, &err),
              &err);
    assert_string_equal(c.society_name, "一般社団法人 日本架空循環器学会");
    assert_string_equal(c.secretariat_contact, "〒100-0001 東京都千代田区 | TEL 03-0000-0000");
    assert_int_equal(c.letter_seireki, 1);
    assert_string_equal(c.printer, "office_2F.mono");
    assert_string_equal(c.outbox, "/srv/meibo/outbox");
    assert_ok(config_parse("letter_dates = wareki\nprinter =\n", "t.conf", &c, &err), &err);
    assert_int_equal(c.letter_seireki, 0);
    assert_string_equal(c.printer, ""); /* empty: no printer */
}

static void test_refusals(void **state)
{
    (void)state;
    static const struct {
        const char *text, *key, *says;
        long line;
    } cases[] = {
        {"idle_lock_minutes = 0\n", "idle_lock_minutes", "t.conf:1: idle_lock_minutes", 1},
        {"\nidle_lock_minutes = 61\n", "idle_lock_minutes", "t.conf:2:", 2},
        {"idle_lock_minutes = 5m\n", "idle_lock_minutes", "not '5m'", 1},
        {"lang = fr\n", "lang", "'ja' or 'en'", 1},
        {"ambiguous_width = 3\n", "ambiguous_width", "1 or 2", 1},
        {"line_drawing = fancy\n", "line_drawing", "'unicode' or 'ascii'", 1},
        {"db =\n", "db", "a path is required", 1},
        {"colour = red\n", "colour", "unknown key 'colour'", 1},
        {"society_name =\n", "society_name", "t.conf:1: society_name: the society's name", 1},
        {"#\nsecretariat_contact = TEL\x01\n", "secretariat_contact", "t.conf:2:", 2},
        {"letter_dates = heisei\n", "letter_dates", "'wareki' (和暦) or 'seireki' (西暦)", 1},
        {"printer = -oraw\n", "printer", "a CUPS queue name", 1},
        {"printer = office 2F\n", "printer", "not 'office 2F'", 1},
        {"printer = a/b\n", "printer", "a CUPS queue name", 1},
        {"outbox =\n", "outbox", "a folder path is required", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        meibo_config c;
        meibo_err err;
        config_defaults(&c);
        assert_int_equal(config_parse(cases[i].text, "t.conf", &c, &err), MEIBO_ERR_INVALID);
        assert_string_equal(err.field, cases[i].key);
        assert_int_equal(err.line, cases[i].line);
        if (!strstr(err.msg, cases[i].says))
            fail_msg("'%s': message '%s' lacks '%s'", cases[i].text, err.msg, cases[i].says);
        assert_int_equal(c.idle_lock_minutes, 5); /* a refused value changes nothing */
    }
    meibo_config c;
    meibo_err err;
    assert_int_equal(config_parse("just words\n", "t.conf", &c, &err), MEIBO_ERR_INVALID);
    assert_int_equal(err.line, 1);
}

/* The backup keys (取扱規程 第19条) and the lp program: defaults, values, refusals. */
static void test_backup_keys(void **state)
{
    (void)state;
    meibo_config c;
    meibo_err err;
    config_defaults(&c);
    assert_string_equal(c.backup_dir, "");      /* backups/ beside the database */
    assert_int_equal(c.backup_keep_daily, 14);
    assert_int_equal(c.backup_keep_monthly, 12);
    assert_string_equal(c.backup_key_file, ""); /* not encrypted */
    assert_string_equal(c.lp_command, "");      /* lp from /usr/bin:/bin */
    assert_ok(config_parse("backup_dir = /srv/backup/meibo\nbackup_keep_daily = 7\n"
                           "backup_keep_monthly = 0\nbackup_key_file = /etc/meibo/backup.key\n"
                           "lp_command = /opt/cups/bin/lp\n", "t.conf", &c, &err),
              &err);
    assert_string_equal(c.backup_dir, "/srv/backup/meibo");
    assert_int_equal(c.backup_keep_daily, 7);
    assert_int_equal(c.backup_keep_monthly, 0);
    assert_string_equal(c.backup_key_file, "/etc/meibo/backup.key");
    assert_string_equal(c.lp_command, "/opt/cups/bin/lp");
    static const struct {
        const char *text, *key, *msg;
    } bad[] = {
        {"backup_dir = backups\n", "backup_dir", "t.conf:1: backup_dir: an absolute path"},
        {"\nlp_command = lp\n", "lp_command", "t.conf:2: lp_command: an absolute path"},
        {"backup_key_file =\n", "backup_key_file", "an absolute path"},
        {"backup_keep_daily = -1\n", "backup_keep_daily", "from 0 to 1000"},
        {"backup_keep_monthly = twelve\n", "backup_keep_monthly", "not 'twelve'"},
        /* issue 14: a society's pattern regcomp() compiles in little memory (fuzz_config) */
        {"specialist_no_pattern = [A-Z\n", "specialist_no_pattern", "regular expression"},
        {"specialist_no_pattern = a++++\n", "specialist_no_pattern", "regular expression"},
        {"specialist_no_pattern = (a{99}){99}\n", "specialist_no_pattern", "repetition"},
        {"specialist_no_pattern = a{100}\n", "specialist_no_pattern", "up to 99"},
    };
    config_defaults(&c);
    assert_ok(config_parse("specialist_no_pattern = [A-Z]-[0-9]{5}(-[0-9]{1,2})?\n", "t.conf", &c, &err),
              &err);
    assert_string_equal(c.specialist_no_pattern, "[A-Z]-[0-9]{5}(-[0-9]{1,2})?");
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        config_defaults(&c);
        meibo_err_clear(&err);
        assert_int_equal(config_parse(bad[i].text, "t.conf", &c, &err), MEIBO_ERR_INVALID);
        assert_string_equal(err.field, bad[i].key);
        if (!strstr(err.msg, bad[i].msg))
            fail_msg("'%s' -> '%s', want '%s'", bad[i].text, err.msg, bad[i].msg);
    }
}

/* issue 12: a set-group-ID meibo takes the installation's settings from the system file only;
 * a user's file may set preferences, the screen lock only shorter (取扱規程 第30条) */
static void test_user_scope(void **state)
{
    (void)state;
    static const char *const prefs[] = {"lang", "line_drawing", "ambiguous_width",
                                        "idle_lock_minutes"};
    for (size_t i = 0; i < sizeof prefs / sizeof *prefs; i++)
        assert_true(config_key_user_may_set(prefs[i]));
    static const char *const system_only[] = {
        "db", "state_dir", "outbox", "backup_dir", "backup_key_file", "backup_keep_daily",
        "backup_keep_monthly", "lp_command", "printer", "society_name", "secretariat_contact",
        "letter_dates", "request_due_days", "a_key_added_later", "", "LANG", "lang "};
    for (size_t i = 0; i < sizeof system_only / sizeof *system_only; i++)
        if (config_key_user_may_set(system_only[i]))
            fail_msg("a user's file may set '%s'", system_only[i]);
    assert_false(config_key_user_may_set(NULL));

    meibo_config c;
    meibo_err err;
    config_defaults(&c);
    assert_ok(config_parse("state_dir = /srv/meibo\nidle_lock_minutes = 10\n", "sys.conf", &c,
                           &err), &err);
    assert_string_equal(c.state_dir, "/srv/meibo");
    assert_ok(config_parse_scoped("lang = en\nline_drawing = ascii\nambiguous_width = 2\n"
                                  "idle_lock_minutes = 7\n", "u.conf", &c, CONFIG_USER, &err),
              &err);
    assert_string_equal(c.lang, "en");
    assert_int_equal(c.ascii_lines, 1);
    assert_int_equal(c.ambiguous_width, 2);
    assert_int_equal(c.idle_lock_minutes, 7);
    /* a path key: refused naming file, line and key, and nothing of the file applied */
    meibo_err_clear(&err);
    assert_int_equal(config_parse_scoped("lang = ja\n\nbackup_dir = /home/x\n", "u.conf", &c,
                                         CONFIG_USER, &err), MEIBO_ERR_DENIED);
    assert_string_equal(err.field, "backup_dir");
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.msg, "u.conf:3: backup_dir: a user's configuration may not set"));
    assert_string_equal(c.lang, "en");
    assert_string_equal(c.backup_dir, "");
    /* longer than the system's lock is refused, shorter is theirs */
    meibo_err_clear(&err);
    assert_int_equal(config_parse_scoped("idle_lock_minutes = 8\n", "u.conf", &c, CONFIG_USER,
                                         &err), MEIBO_ERR_DENIED);
    assert_non_null(strstr(err.msg, "u.conf:1: idle_lock_minutes: at most 7"));
    assert_int_equal(c.idle_lock_minutes, 7);
    /* the system scope sets everything, as config_parse does */
    assert_ok(config_parse_scoped("backup_dir = /srv/b\n", "s.conf", &c, CONFIG_SYSTEM, &err),
              &err);
    assert_string_equal(c.backup_dir, "/srv/b");
    meibo_err_clear(&err);
    assert_int_equal(config_parse("state_dir = relative\n", "s.conf", &c, &err),
                     MEIBO_ERR_INVALID);
    assert_non_null(strstr(err.msg, "state_dir: an absolute path"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_backup_keys),
        cmocka_unit_test(test_user_scope),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

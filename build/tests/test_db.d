build/tests/test_db: tests/unit/test_db.c tests/unit/helpers.h \
 include/meibo/status.h include/meibo/db.h
tests/unit/helpers.h:
include/meibo/status.h:
include/meibo/db.h:

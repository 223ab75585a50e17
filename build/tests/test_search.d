build/tests/test_search: tests/unit/test_search.c tests/unit/helpers.h \
 include/meibo/status.h include/meibo/db.h include/meibo/demo.h \
 include/meibo/member.h include/meibo/search.h include/meibo/text.h
tests/unit/helpers.h:
include/meibo/status.h:
include/meibo/db.h:
include/meibo/demo.h:
include/meibo/member.h:
include/meibo/search.h:
include/meibo/text.h:

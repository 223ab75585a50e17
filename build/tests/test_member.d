build/tests/test_member: tests/unit/test_member.c tests/unit/helpers.h \
 include/meibo/status.h include/meibo/audit.h include/meibo/db.h \
 include/meibo/auth.h include/meibo/member.h
tests/unit/helpers.h:
include/meibo/status.h:
include/meibo/audit.h:
include/meibo/db.h:
include/meibo/auth.h:
include/meibo/member.h:

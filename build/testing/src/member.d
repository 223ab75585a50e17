build/testing/src/member.o: src/member.c include/meibo/audit.h \
 include/meibo/db.h include/meibo/status.h include/meibo/auth.h \
 include/meibo/date.h include/meibo/member.h include/meibo/search.h \
 include/meibo/text.h
include/meibo/audit.h:
include/meibo/db.h:
include/meibo/status.h:
include/meibo/auth.h:
include/meibo/date.h:
include/meibo/member.h:
include/meibo/search.h:
include/meibo/text.h:

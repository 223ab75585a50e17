build/testing/src/search.o: src/search.c include/meibo/auth.h \
 include/meibo/db.h include/meibo/status.h include/meibo/audit.h \
 include/meibo/search.h include/meibo/member.h include/meibo/text.h
include/meibo/auth.h:
include/meibo/db.h:
include/meibo/status.h:
include/meibo/audit.h:
include/meibo/search.h:
include/meibo/member.h:
include/meibo/text.h:

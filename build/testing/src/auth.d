build/testing/src/auth.o: src/auth.c include/meibo/audit.h \
 include/meibo/db.h include/meibo/status.h include/meibo/auth.h \
 include/meibo/date.h
include/meibo/audit.h:
include/meibo/db.h:
include/meibo/status.h:
include/meibo/auth.h:
include/meibo/date.h:

build/testing/src/import.o: src/import.c include/meibo/audit.h \
 include/meibo/db.h include/meibo/status.h include/meibo/auth.h \
 include/meibo/import.h include/meibo/csv.h include/meibo/member.h
include/meibo/audit.h:
include/meibo/db.h:
include/meibo/status.h:
include/meibo/auth.h:
include/meibo/import.h:
include/meibo/csv.h:
include/meibo/member.h:

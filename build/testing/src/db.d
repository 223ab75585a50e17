build/testing/src/db.o: src/db.c include/meibo/db.h \
 include/meibo/status.h
include/meibo/db.h:
include/meibo/status.h:

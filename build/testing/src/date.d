build/testing/src/date.o: src/date.c include/meibo/date.h \
 include/meibo/status.h include/meibo/text.h
include/meibo/date.h:
include/meibo/status.h:
include/meibo/text.h:

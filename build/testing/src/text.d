build/testing/src/text.o: src/text.c include/meibo/text.h \
 include/meibo/status.h
include/meibo/text.h:
include/meibo/status.h:

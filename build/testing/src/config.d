build/testing/src/config.o: src/config.c include/meibo/config.h \
 include/meibo/status.h
include/meibo/config.h:
include/meibo/status.h:

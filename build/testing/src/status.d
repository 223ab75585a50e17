build/testing/src/status.o: src/status.c include/meibo/status.h
include/meibo/status.h:

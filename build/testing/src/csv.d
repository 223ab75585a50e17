build/testing/src/csv.o: src/csv.c include/meibo/csv.h \
 include/meibo/status.h
include/meibo/csv.h:
include/meibo/status.h:

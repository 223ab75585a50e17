build/testing/src/demo.o: src/demo.c include/meibo/demo.h \
 include/meibo/member.h include/meibo/db.h include/meibo/status.h \
 src/demo_data.h
include/meibo/demo.h:
include/meibo/member.h:
include/meibo/db.h:
include/meibo/status.h:
src/demo_data.h:

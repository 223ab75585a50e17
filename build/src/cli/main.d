build/src/cli/main.o: src/cli/main.c src/cli/cli.h include/meibo/db.h \
 include/meibo/status.h include/meibo/auth.h include/meibo/config.h
src/cli/cli.h:
include/meibo/db.h:
include/meibo/status.h:
include/meibo/auth.h:
include/meibo/config.h:

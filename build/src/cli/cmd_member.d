build/src/cli/cmd_member.o: src/cli/cmd_member.c src/cli/cli.h \
 include/meibo/db.h include/meibo/status.h src/cli/json.h \
 include/meibo/audit.h include/meibo/member.h include/meibo/search.h
src/cli/cli.h:
include/meibo/db.h:
include/meibo/status.h:
src/cli/json.h:
include/meibo/audit.h:
include/meibo/member.h:
include/meibo/search.h:

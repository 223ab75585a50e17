build/src/cli/cmd_admin.o: src/cli/cmd_admin.c src/cli/cli.h \
 include/meibo/db.h include/meibo/status.h src/cli/json.h \
 include/meibo/audit.h include/meibo/auth.h include/meibo/demo.h \
 include/meibo/member.h include/meibo/import.h include/meibo/csv.h
src/cli/cli.h:
include/meibo/db.h:
include/meibo/status.h:
src/cli/json.h:
include/meibo/audit.h:
include/meibo/auth.h:
include/meibo/demo.h:
include/meibo/member.h:
include/meibo/import.h:
include/meibo/csv.h:

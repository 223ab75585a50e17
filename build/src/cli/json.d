build/src/cli/json.o: src/cli/json.c src/cli/json.h
src/cli/json.h:

build/schema.o: build/schema.c

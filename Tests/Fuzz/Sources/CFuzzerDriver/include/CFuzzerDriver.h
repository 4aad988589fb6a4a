#ifndef GALVANI_FUZZER_DRIVER_H
#define GALVANI_FUZZER_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/* libFuzzer's entry for programs that keep their own main (SwiftPM renames an executable's). */
typedef int (*GalvaniFuzzCallback)(const uint8_t *data, size_t size);
int LLVMFuzzerRunDriver(int *argc, char ***argv, GalvaniFuzzCallback callback);

#endif

/* The declaration in include/ is all this target provides; libFuzzer supplies the definition. */
#include "CFuzzerDriver.h"

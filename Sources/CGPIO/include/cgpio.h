#ifndef CGPIO_H
#define CGPIO_H

#include <stdint.h>

// The GPIO character device's uAPI v2 (<linux/gpio.h>) behind plain functions: its _IOWR request
// numbers and fixed-size arrays do not import into Swift. Every function returns 0 or a negative errno.

#define CGPIO_NAME_SIZE 32
#define CGPIO_LINES_MAX 64

// Per-line settings, as the kernel's GPIO_V2_LINE_FLAG_* bits.
enum {
    CGPIO_FLAG_USED = 1 << 0,
    CGPIO_FLAG_ACTIVE_LOW = 1 << 1,
    CGPIO_FLAG_INPUT = 1 << 2,
    CGPIO_FLAG_OUTPUT = 1 << 3,
    CGPIO_FLAG_OPEN_DRAIN = 1 << 6,
    CGPIO_FLAG_OPEN_SOURCE = 1 << 7,
    CGPIO_FLAG_PULL_UP = 1 << 8,
    CGPIO_FLAG_PULL_DOWN = 1 << 9,
    CGPIO_FLAG_BIAS_DISABLED = 1 << 10,
};

typedef struct {
    char name[CGPIO_NAME_SIZE];
    char label[CGPIO_NAME_SIZE];
    uint32_t lines;
} cgpio_chip_info;

typedef struct {
    char name[CGPIO_NAME_SIZE];
    char consumer[CGPIO_NAME_SIZE];
    uint64_t flags;
} cgpio_line_info;

int cgpio_chip_info_get(int chip_fd, cgpio_chip_info *info);
int cgpio_line_info_get(int chip_fd, uint32_t offset, cgpio_line_info *info);

// Requests `count` lines at once. flags[i] are line i's settings; bit i of `initial` is its value the moment
// it is claimed (so no glitch between claiming and setting). On success *line_fd owns the lines.
int cgpio_request(int chip_fd, const uint32_t *offsets, const uint64_t *flags, uint32_t count, uint64_t initial,
                  const char *consumer, int *line_fd);

// Bits are indexed by position in the request, not by offset on the chip.
int cgpio_set(int line_fd, uint64_t bits, uint64_t mask);
int cgpio_get(int line_fd, uint64_t mask, uint64_t *bits);

// prctl is variadic, which Swift cannot call.
int cgpio_set_timer_slack(unsigned long nanoseconds);

#endif

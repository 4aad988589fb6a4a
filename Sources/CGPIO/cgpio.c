#include "cgpio.h"

#include <errno.h>
#include <linux/gpio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>

static int failed(void) { return -errno; }

int cgpio_chip_info_get(int chip_fd, cgpio_chip_info *info) {
    struct gpiochip_info raw;
    memset(&raw, 0, sizeof raw);
    if (ioctl(chip_fd, GPIO_GET_CHIPINFO_IOCTL, &raw) < 0) return failed();
    memcpy(info->name, raw.name, CGPIO_NAME_SIZE);
    memcpy(info->label, raw.label, CGPIO_NAME_SIZE);
    info->name[CGPIO_NAME_SIZE - 1] = 0;
    info->label[CGPIO_NAME_SIZE - 1] = 0;
    info->lines = raw.lines;
    return 0;
}

int cgpio_line_info_get(int chip_fd, uint32_t offset, cgpio_line_info *info) {
    struct gpio_v2_line_info raw;
    memset(&raw, 0, sizeof raw);
    raw.offset = offset;
    if (ioctl(chip_fd, GPIO_V2_GET_LINEINFO_IOCTL, &raw) < 0) return failed();
    memcpy(info->name, raw.name, CGPIO_NAME_SIZE);
    memcpy(info->consumer, raw.consumer, CGPIO_NAME_SIZE);
    info->name[CGPIO_NAME_SIZE - 1] = 0;
    info->consumer[CGPIO_NAME_SIZE - 1] = 0;
    info->flags = raw.flags;
    return 0;
}

int cgpio_request(int chip_fd, const uint32_t *offsets, const uint64_t *flags, uint32_t count, uint64_t initial,
                  const char *consumer, int *line_fd) {
    if (count == 0 || count > GPIO_V2_LINES_MAX) return -EINVAL;
    struct gpio_v2_line_request request;
    memset(&request, 0, sizeof request);
    request.num_lines = count;
    strncpy(request.consumer, consumer, GPIO_MAX_NAME_SIZE - 1);
    for (uint32_t i = 0; i < count; i++) request.offsets[i] = offsets[i];

    // Lines sharing settings share one attribute; the first line's settings are the default. One attribute
    // slot is kept for the initial values, so at most GPIO_V2_LINE_NUM_ATTRS_MAX - 1 distinct settings.
    struct gpio_v2_line_config *config = &request.config;
    config->flags = flags[0];
    uint64_t outputs = 0;
    for (uint32_t i = 0; i < count; i++) {
        if (flags[i] & GPIO_V2_LINE_FLAG_OUTPUT) outputs |= (uint64_t)1 << i;
        if (flags[i] == config->flags) continue;
        uint32_t slot = 0;
        while (slot < config->num_attrs && config->attrs[slot].attr.flags != flags[i]) slot++;
        if (slot == config->num_attrs) {
            if (config->num_attrs == GPIO_V2_LINE_NUM_ATTRS_MAX - 1) return -E2BIG;
            config->attrs[slot].attr.id = GPIO_V2_LINE_ATTR_ID_FLAGS;
            config->attrs[slot].attr.flags = flags[i];
            config->num_attrs++;
        }
        config->attrs[slot].mask |= (uint64_t)1 << i;
    }
    if (outputs) {
        uint32_t slot = config->num_attrs++;
        config->attrs[slot].attr.id = GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
        config->attrs[slot].attr.values = initial & outputs;
        config->attrs[slot].mask = outputs;
    }
    if (ioctl(chip_fd, GPIO_V2_GET_LINE_IOCTL, &request) < 0) return failed();
    *line_fd = request.fd;
    return 0;
}

int cgpio_set(int line_fd, uint64_t bits, uint64_t mask) {
    struct gpio_v2_line_values values = {.bits = bits, .mask = mask};
    return ioctl(line_fd, GPIO_V2_LINE_SET_VALUES_IOCTL, &values) < 0 ? failed() : 0;
}

int cgpio_get(int line_fd, uint64_t mask, uint64_t *bits) {
    struct gpio_v2_line_values values = {.bits = 0, .mask = mask};
    if (ioctl(line_fd, GPIO_V2_LINE_GET_VALUES_IOCTL, &values) < 0) return failed();
    *bits = values.bits;
    return 0;
}

int cgpio_set_timer_slack(unsigned long nanoseconds) {
    return prctl(PR_SET_TIMERSLACK, nanoseconds, 0, 0, 0) < 0 ? failed() : 0;
}

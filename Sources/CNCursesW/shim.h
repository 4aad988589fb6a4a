// ncursesw for Swift 6: SwiftPM drops pkg-config's -D flags, so the wide-character API is
// switched on here, and the globals and macros Swift cannot import are wrapped in functions.
#ifndef GALVANI_CNCURSESW_SHIM_H
#define GALVANI_CNCURSESW_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <wchar.h>
#include <stdio.h>
#include <ncursesw/curses.h>

static inline WINDOW *galvani_stdscr(void) { return stdscr; }
static inline int galvani_cols(void) { return COLS; }
static inline int galvani_lines(void) { return LINES; }
static inline int galvani_colors(void) { return COLORS; }
static inline int galvani_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *galvani_stdin(void) { return stdin; }
static inline FILE *galvani_stdout(void) { return stdout; }
static inline void galvani_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
static inline chtype galvani_color_pair(int n) { return COLOR_PAIR(n); }

#endif

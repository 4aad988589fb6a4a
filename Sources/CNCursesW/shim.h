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
static inline WINDOW *galvani_curscr(void) { return curscr; }
static inline int galvani_cols(void) { return COLS; }
static inline int galvani_lines(void) { return LINES; }
static inline int galvani_colors(void) { return COLORS; }
static inline int galvani_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *galvani_stdin(void) { return stdin; }
static inline FILE *galvani_stdout(void) { return stdout; }
static inline void galvani_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
static inline chtype galvani_color_pair(int n) { return COLOR_PAIR(n); }
/* Swift's Glibc module leaves wcwidth out: it needs _XOPEN_SOURCE, which this header sets. */
static inline int galvani_wcwidth(wchar_t c) { return wcwidth(c); }
static inline attr_t galvani_a_bold(void) { return A_BOLD; }
static inline attr_t galvani_a_underline(void) { return A_UNDERLINE; }
static inline attr_t galvani_a_reverse(void) { return A_REVERSE; }
static inline attr_t galvani_a_dim(void) { return A_DIM; }

#endif

import Foundation
import Glibc

/// Reads a PIN from standard input: with echo off on a terminal, so it never shows on screen; a line from a pipe
/// otherwise (scripts and tests).
enum PINPrompt {
    static func read(_ prompt: String) -> String? {
        let terminal = isatty(STDIN_FILENO) == 1
        var saved = termios()
        if terminal {
            StandardError.writeInline(prompt)
            tcgetattr(STDIN_FILENO, &saved)
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        }
        defer {
            if terminal {
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
                StandardError.write("")
            }
        }
        return readLine(strippingNewline: true)
    }
}

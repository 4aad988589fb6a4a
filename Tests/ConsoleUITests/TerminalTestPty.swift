import CNCursesW
import Foundation
import Glibc
import Synchronization
@testable import ConsoleUI

/// A pseudo-terminal for running a `TerminalScreen` inside the test process: ncurses writes to
/// the slave side, a thread drains the master so ncurses never blocks on a full pty, and keys
/// are typed by writing to the master. What is on screen is read back from ncurses' own record
/// of the terminal (curscr), which is what its output has put there.
final class TerminalTestPty {
    let master: Int32
    let output: UnsafeMutablePointer<FILE>
    let input: UnsafeMutablePointer<FILE>
    private let drain = Drain()
    private var hungUp = false

    init(rows: Int = 24, columns: Int = 80) {
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        precondition(openpty(&master, &slave, nil, nil, &size) == 0, "openpty failed: errno \(errno)")
        self.master = master
        output = fdopen(slave, "w")!
        input = fdopen(dup(slave), "r")!
        let drain = drain
        let terminal = master
        Thread { drain.run(master: terminal) }.start()
    }

    deinit {
        fclose(output)
        fclose(input)
        if !hungUp { hangUp() }
    }

    /// Closes the terminal side, as when a terminal window is closed: the slave reads end of file.
    func hangUp() {
        hungUp = true
        drain.stop()
        close(master)
    }

    /// A screen on this pty, as an xterm-256color terminal, closed again when `body` returns.
    func withScreen(theme: Theme = TerminalTestTheme.theme, depth: ColourDepth? = nil,
                    keyTimeoutMilliseconds: Int32 = 50, _ body: (TerminalScreen) throws -> Void) throws {
        let screen = try TerminalScreen(theme: theme, depth: depth, keyTimeoutMilliseconds: keyTimeoutMilliseconds, input: input,
                                        output: output, terminalType: "xterm-256color")
        defer { screen.restore() }
        try body(screen)
    }

    /// Types `bytes` as if at the keyboard.
    func type(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    func type(_ text: String) { type(Array(text.utf8)) }

    /// Changes the terminal's size the way a terminal emulator does: the kernel's idea of the
    /// window size, then SIGWINCH, which ncurses' own handler turns into KEY_RESIZE.
    func resize(rows: Int, columns: Int) {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        TerminalTestSignal.deliver(SIGWINCH)
    }

    /// The terminal side's modes, as ncurses or a restore left them.
    var modes: termios {
        var modes = termios()
        tcgetattr(fileno(output), &modes)
        return modes
    }

    /// Whether the terminal has received `bytes`, waiting up to a second for them.
    func received(_ bytes: String) -> Bool {
        let wanted = Array(bytes.utf8)
        let deadline = ContinuousClock.now + .seconds(1)
        while ContinuousClock.now < deadline {
            let found = drain.received.withLock { seen in
                seen.count >= wanted.count
                    && (0...(seen.count - wanted.count)).contains { seen[$0..<($0 + wanted.count)].elementsEqual(wanted) }
            }
            if found { return true }
            usleep(5000)
        }
        return false
    }

    /// Row `y` of what ncurses last sent to the terminal.
    static func row(_ y: Int) -> String {
        var rows: Int32 = 0
        var columns: Int32 = 0
        galvani_getmaxyx(galvani_curscr(), &rows, &columns)
        var text = [wchar_t](repeating: 0, count: Int(columns) + 1)
        let count = mvwinnwstr(galvani_curscr(), Int32(y), 0, &text, columns)
        let scalars = text.prefix(Int(max(0, count))).compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Attributes and colour pair of one cell on the terminal.
    static func appearance(y: Int, x: Int) -> (attributes: attr_t, pair: Int16) {
        var cell = cchar_t()
        mvwin_wch(galvani_curscr(), Int32(y), Int32(x), &cell)
        var text = [wchar_t](repeating: 0, count: Int(CCHARW_MAX) + 1)
        var attributes: attr_t = 0
        var pair: Int16 = 0
        getcchar(&cell, &text, &attributes, &pair, nil)
        return (attributes, pair)
    }

    /// Reads everything the terminal side receives, until stopped.
    private final class Drain: Sendable {
        let received = Mutex<[UInt8]>([])
        private let stopping = Atomic<Bool>(false)
        private let finished = Atomic<Bool>(false)

        func run(master: Int32) {
            var bytes = [UInt8](repeating: 0, count: 4096)
            while !stopping.load(ordering: .acquiring) {
                var ready = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                guard poll(&ready, 1, 10) == 1, ready.revents & Int16(POLLIN) != 0 else { continue }
                let count = bytes.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
                if count > 0 { received.withLock { $0 += bytes[0..<count] } }
            }
            finished.store(true, ordering: .releasing)
        }

        func stop() {
            stopping.store(true, ordering: .releasing)
            while !finished.load(ordering: .acquiring) { usleep(1000) }
        }
    }
}

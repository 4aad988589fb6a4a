import CNCursesW
import Glibc

/// The terminal, through ncursesw: copies finished screen buffers to it and reads keys from it.
///
/// Owned by the UI loop on the main thread. ncurses is not thread-safe, and Dispatch and Swift
/// concurrency threads block signals, so only the main thread reliably wakes for SIGWINCH.
/// Run `TerminalCheck.verify()` first: it sets the locale that ncursesw needs for µ, ≤ and █.
public final class TerminalScreen {
    /// The colour depth in use: the one asked for, or less if the terminal cannot show it.
    public let depth: ColourDepth

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let inputDescriptor: Int32
    private var keyTimeout: Duration
    private let signals: TerminationSignals
    private let palette: TerminalPalette
    private var isOpen = true

    /// The frame on the terminal, to redraw only what changed; nil forces a full redraw.
    private var shown: ScreenBuffer?
    /// Reused for every cell, so drawing does not allocate.
    private let wideText = UnsafeMutablePointer<wchar_t>.allocate(capacity: Int(CCHARW_MAX) + 1)
    private var emptyReadsAtEnd = 0

    /// Cells handed to ncurses by the last draw.
    private(set) var cellsWrittenByLastDraw = 0

    /// Starts the screen on standard input and output. `depth` nil means the richest the
    /// terminal offers, and a richer one than it offers is lowered to that.
    /// `keyTimeoutMilliseconds` is how long `readKey` waits, and so how often the UI loop wakes
    /// when no key comes: 50–100 ms keeps it responsive without spinning.
    public convenience init(theme: Theme, depth: ColourDepth? = nil, keyTimeoutMilliseconds: Int32 = 80)
        throws(TerminalError)
    {
        try self.init(theme: theme, depth: depth, keyTimeoutMilliseconds: keyTimeoutMilliseconds,
                      input: galvani_stdin(), output: galvani_stdout(), terminalType: nil)
    }

    /// `terminalType` nil means $TERM.
    init(theme: Theme, depth requested: ColourDepth?, keyTimeoutMilliseconds: Int32,
         input: UnsafeMutablePointer<FILE>, output: UnsafeMutablePointer<FILE>, terminalType: String?)
        throws(TerminalError)
    {
        precondition(keyTimeoutMilliseconds > 0, "readKey needs a timeout so the UI loop keeps turning")
        let outputDescriptor = fileno(output)
        var modes = termios()
        let hasModes = tcgetattr(outputDescriptor, &modes) == 0

        signals = TerminationSignals.install()
        guard let screen = newterm(terminalType, output, input) else {
            signals.uninstall()
            let named = terminalType ?? getenv("TERM").map { String(cString: $0) }
            throw .unusableTerminalType(named?.isEmpty == false ? named : nil)
        }
        self.screen = screen
        window = galvani_stdscr()
        inputDescriptor = fileno(input)
        keyTimeout = .milliseconds(keyTimeoutMilliseconds)
        EmergencyRestore.prepare(descriptor: outputDescriptor, modes: hasModes ? modes : nil)

        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        for (sequence, code) in Key.cursesFallbackSequences where key_defined(sequence) == 0 {
            define_key(sequence, code)
        }
        // The cursor is hidden, so ncurses need not put it back after every update.
        leaveok(window, true)
        curs_set(0)
        // Esc is STOP ALL: it must not wait the default second to rule out an escape sequence.
        set_escdelay(25)
        wtimeout(window, keyTimeoutMilliseconds)

        var defaultColours = false
        if requested != .monochrome, has_colors() {
            start_color()
            defaultColours = use_default_colors() == OK
        }
        let supported = TerminalPalette.supportedDepth()
        depth = TerminalPalette.poorer(requested ?? supported, supported)
        palette = TerminalPalette(theme: theme, depth: depth, defaultColours: defaultColours)
    }

    deinit {
        restore()
        wideText.deallocate()
    }

    /// Rows and columns of the terminal, as of the last `.resize` key.
    public var size: (rows: Int, columns: Int) {
        var rows: Int32 = 0
        var columns: Int32 = 0
        galvani_getmaxyx(window, &rows, &columns)
        return (Int(rows), Int(columns))
    }

    /// True once SIGINT, SIGTERM or SIGHUP has arrived: the UI loop should stop output and
    /// close the screen.
    public var terminationRequested: Bool { TerminationSignals.requested != nil }

    /// The signal that asked for termination, for an exit status of 128 + signal.
    public var terminationSignal: Int32? { TerminationSignals.requested }

    /// Ends the screen and gives the terminal back as it was. Safe to call more than once; the
    /// screen does nothing afterwards.
    public func restore() {
        guard isOpen else { return }
        isOpen = false
        // endwin leaves the cursor as curs_set last set it; the shell needs it back.
        curs_set(1)
        endwin()
        delscreen(screen)
        EmergencyRestore.discard()
        signals.uninstall()
    }

    /// Copies `buffer` to the terminal. Only cells that differ from the last frame reach
    /// ncurses, since this runs several times a second; a resize or a new buffer size redraws all.
    public func draw(_ buffer: ScreenBuffer) {
        guard isOpen else { return }
        let unchanged = shown.flatMap { $0.width == buffer.width && $0.height == buffer.height ? $0 : nil }
        if unchanged == nil { werase(window) }
        let (rows, columns) = size
        let cells = buffer.cells
        let shownCells = unchanged?.cells
        var written = 0
        for y in 0..<min(buffer.height, rows) {
            for x in 0..<min(buffer.width, columns) {
                let index = y * buffer.width + x
                if let shownCells, shownCells[index] == cells[index] { continue }
                put(cells[index], y: y, x: x)
                written += 1
            }
        }
        if unchanged == nil || written > 0 {
            wnoutrefresh(window)
            doupdate()
        }
        shown = buffer
        cellsWrittenByLastDraw = written
    }

    /// The next key, or nil when none came within `milliseconds`, which becomes the key timeout from now on.
    public func readKey(waitingAtMost milliseconds: Int32) throws(TerminalError) -> Key? {
        precondition(milliseconds > 0, "readKey needs a timeout so the UI loop keeps turning")
        if keyTimeout != .milliseconds(milliseconds), isOpen {
            wtimeout(window, milliseconds)
            keyTimeout = .milliseconds(milliseconds)
        }
        return try readKey()
    }

    /// The next key, or nil when none came within the key timeout. Throws `.inputClosed` when
    /// input has reached end of file, so that the caller can stop instead of spinning.
    public func readKey() throws(TerminalError) -> Key? {
        guard isOpen else { return nil }
        var code: wint_t = 0
        let started = ContinuousClock.now
        switch wget_wch(window, &code) {
        case OK:
            emptyReadsAtEnd = 0
            return Key(cursesCharacter: code)
        case KEY_CODE_YES:
            emptyReadsAtEnd = 0
            let key = Key(cursesKeyCode: Int32(bitPattern: code))
            if key == .resize { shown = nil }
            return key
        default:
            try noteEmptyRead(after: ContinuousClock.now - started)
            return nil
        }
    }

    private func put(_ cell: ScreenBuffer.Cell, y: Int, x: Int) {
        var count = 0
        for scalar in cell.character.unicodeScalars {
            let wide = wchar_t(bitPattern: scalar.value)
            let width = galvani_wcwidth(wide)
            if count == 0 {
                // A control or a wide character would shift the rest of the row.
                wideText[0] = width == 1 ? wide : wchar_t(UInt8(ascii: "?"))
            } else if width == 0, count < Int(CCHARW_MAX) {
                wideText[count] = wide
            } else {
                break
            }
            count += 1
        }
        wideText[count] = 0
        let appearance = palette[cell.role]
        var character = cchar_t()
        setcchar(&character, wideText, appearance.attributes, appearance.pair, nil)
        // Fails at the bottom-right corner, where the cursor cannot advance; the cell is drawn all the same.
        mvwadd_wch(window, Int32(y), Int32(x), &character)
    }

    /// wget_wch returns ERR at once, again and again, when input is at end of file (a hung-up
    /// terminal); a plain timeout takes the full wait. Several immediate empty reads in a row,
    /// each with the input reported ready or hung up, mean it is closed; at end of file they
    /// follow one another within microseconds, so asking for several costs nothing.
    private func noteEmptyRead(after elapsed: Duration) throws(TerminalError) {
        var descriptor = pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0)
        guard elapsed < keyTimeout / 2, poll(&descriptor, 1, 0) == 1 else {
            emptyReadsAtEnd = 0
            return
        }
        emptyReadsAtEnd += 1
        if emptyReadsAtEnd >= 10 { throw .inputClosed }
    }
}

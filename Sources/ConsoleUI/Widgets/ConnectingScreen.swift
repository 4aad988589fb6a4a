/// What the console shows while the device's handshake runs: what it is waiting for, and that q and STOP work.
enum ConnectingScreen {
    /// `leaving`: q was pressed, and the console waits for the handshake to end (at most the handshake's timeout)
    /// so that a device that answers late is told goodbye rather than left waiting for a host that is gone.
    static func render(transport: String, leaving: Bool = false, width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        let lines = leaving
            ? ["Leaving: waiting for \(transport) to answer, to tell it goodbye…", "", "Nothing more will be started."]
            : ["Connecting to \(transport)…", "", "q leaves · Space stops output as soon as the device answers"]
        let top = max(0, height / 2 - 1)
        for (i, line) in lines.enumerated() {
            buffer.write(line, x: max(0, (width - line.count) / 2), y: top + i, role: i == 0 ? .title : .dim)
        }
        return buffer
    }
}

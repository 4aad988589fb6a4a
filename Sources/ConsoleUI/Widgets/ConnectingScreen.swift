/// What the console shows while the device's handshake runs: what it is waiting for, and that q and STOP work.
enum ConnectingScreen {
    static func render(transport: String, width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        let lines = ["Connecting to \(transport)…", "", "q leaves · Space stops output as soon as the device answers"]
        let top = max(0, height / 2 - 1)
        for (i, line) in lines.enumerated() {
            buffer.write(line, x: max(0, (width - line.count) / 2), y: top + i, role: i == 0 ? .title : .dim)
        }
        return buffer
    }
}

import Glibc
import StimulationCore
import Testing
import Transports
@testable import StimulationEngine

/// The operator's STOP reaches the device on the key's own thread, whatever the engine thread is doing.
@Suite struct EmergencyStopTests {
    /// A line armed on a pipe, so what it sends can be read back.
    static func armedLine() -> (EmergencyStopLine, read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        precondition(pipe(&ends) == 0)
        _ = fcntl(ends[0], F_SETFL, O_NONBLOCK)
        let line = EmergencyStopLine()
        line.arm(ends[1])
        return (line, ends[0], ends[1])
    }

    static func drained(_ fd: Int32) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 16)
        let n = read(fd, &bytes, bytes.count)
        return n > 0 ? Array(bytes[0..<n]) : []
    }

    @Test func stopAllSendsTheStopByteBeforeTheEngineThreadRuns() throws {
        let (line, readEnd, writeEnd) = Self.armedLine()
        defer { close(readEnd); close(writeEnd) }
        let transport = RecordingTransport()
        transport.emergencyStop = line
        // Never started: no engine thread exists to handle anything.
        let thread = SessionHost(engine: Engine(therapyProtocol: try EngineHarness.bundled("tens-conventional"),
                                                transport: transport), pacing: .realTime(speed: 1))
        thread.send(.pause)
        #expect(Self.drained(readEnd).isEmpty)
        thread.send(.stopAll)
        #expect(Self.drained(readEnd) == [0x18])
    }

    @Test func aDisarmedLineSendsNothing() {
        let (line, readEnd, writeEnd) = Self.armedLine()
        defer { close(readEnd); close(writeEnd) }
        line.disarm()
        line.pull()
        #expect(Self.drained(readEnd).isEmpty)
        #expect(!line.isArmed)
    }
}

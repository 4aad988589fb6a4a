import Glibc

/// A pseudo-terminal pair set up as a serial line: the slave raw, as a host will set it, under the
/// name a host opens; the master non-blocking, for the device side's own loop.
public struct PseudoTerminal: Sendable {
    public let master: Int32
    public let slave: Int32
    public let path: String

    public init() throws(TransportError) {
        var master: Int32 = -1
        var slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0 else {
            throw TransportError("cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        // ttyname_r, not ttyname: ttyname's buffer is shared by every thread.
        var name = [CChar](repeating: 0, count: Int(PATH_MAX))
        let failed = ttyname_r(slave, &name, name.count)
        let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        do throws(TransportError) {
            guard failed == 0 else {
                throw TransportError("the pseudo-terminal has no name: \(String(cString: strerror(failed)))")
            }
            // The device side keeps its end raw too, so no byte is ever translated or echoed.
            try SerialPort.makeRaw(slave, speed: SerialPort.rates[SerialPort.defaultBaud]!, what: path)
        } catch {
            Glibc.close(master)
            Glibc.close(slave)
            throw error
        }
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        self.master = master
        self.slave = slave
        self.path = path
    }

    public func close() {
        Glibc.close(master)
        Glibc.close(slave)
    }
}

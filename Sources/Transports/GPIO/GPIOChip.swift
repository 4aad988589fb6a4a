import CGPIO
import Foundation
import Glibc
import StimulationCore

/// One GPIO chip, /dev/gpiochipN, opened for its information and for requesting lines.
///
/// Chip numbers move between boots, so a board names its lines and the chip is found by them.
public final class GPIOChip {
    public let path: String
    public let name: String
    public let label: String
    public let lineCount: Int
    let descriptor: Int32

    public struct LineInfo: Sendable, Equatable {
        public var offset: Int
        public var name: String
        public var consumer: String
        public var flags: UInt64

        public var isUsed: Bool { flags & UInt64(CGPIO_FLAG_USED) != 0 }
        public var isOutput: Bool { flags & UInt64(CGPIO_FLAG_OUTPUT) != 0 }
    }

    public init(path: String) throws(GPIOError) {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw GPIOError.from(errno, doing: "cannot open \(path)") }
        var info = cgpio_chip_info()
        let result = cgpio_chip_info_get(fd, &info)
        guard result == 0 else {
            close(fd)
            throw GPIOError.from(-result, doing: "\(path) is not a GPIO chip")
        }
        self.path = path
        descriptor = fd
        name = Self.text(&info.name)
        label = Self.text(&info.label)
        lineCount = Int(info.lines)
    }

    deinit { close(descriptor) }

    public func line(_ offset: Int) throws(GPIOError) -> LineInfo {
        var info = cgpio_line_info()
        let result = cgpio_line_info_get(descriptor, UInt32(offset), &info)
        guard result == 0 else { throw GPIOError.from(-result, doing: "cannot read line \(offset) of \(path)") }
        return LineInfo(offset: offset, name: Self.text(&info.name), consumer: Self.text(&info.consumer), flags: info.flags)
    }

    public func lines() throws(GPIOError) -> [LineInfo] {
        var found: [LineInfo] = []
        for offset in 0..<lineCount { found.append(try line(offset)) }
        return found
    }

    /// The chips on this machine, by path, in number order; empty when there are none.
    public static func paths(in folder: String = "/dev") -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix("gpiochip") && Int($0.dropFirst("gpiochip".count)) != nil }
            .sorted { Int($0.dropFirst(8))! < Int($1.dropFirst(8))! }
            .map { folder + "/" + $0 }
    }

    /// A fixed-size C name as text; names come from the kernel or a device tree and are shown escaped.
    private static func text<T>(_ tuple: inout T) -> String {
        withUnsafeBytes(of: &tuple) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    /// Claims lines with their settings in one request: every line takes its initial value as it is claimed.
    public func request(_ lines: [(offset: Int, settings: GPIOLineSettings)], consumer: String) throws(GPIOError) -> GPIOLineRequest {
        precondition(!lines.isEmpty && lines.count <= Int(CGPIO_LINES_MAX))
        let offsets = lines.map { UInt32($0.offset) }
        let flags = lines.map(\.settings.flags)
        var initial: UInt64 = 0
        for (index, line) in lines.enumerated() where line.settings.initiallyActive { initial |= 1 << UInt64(index) }
        var fd: Int32 = -1
        let result = cgpio_request(descriptor, offsets, flags, UInt32(lines.count), initial, consumer, &fd)
        guard result == 0 else {
            // EBUSY names the line and its holder, so the user knows which process to stop.
            if let busy = lines.lazy.compactMap({ try? self.line($0.offset) }).first(where: \.isUsed) {
                throw GPIOError.from(-result, doing: "cannot claim line \(busy.offset) (\(ControlCharacter.visible(busy.name))) of \(path)",
                                     holder: busy.consumer)
            }
            throw GPIOError.from(-result, doing: "cannot claim the board's lines on \(path)")
        }
        return GPIOLineRequest(descriptor: fd, count: lines.count, path: path)
    }
}

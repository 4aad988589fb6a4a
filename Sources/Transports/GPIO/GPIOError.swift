import Glibc
import StimulationCore

/// A failed GPIO call: the errno the kernel gave, and what it means for whoever has to fix it.
public struct GPIOError: Error, Sendable, CustomStringConvertible {
    public var code: Int32
    public var message: String

    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    /// Words for the errnos a user can do something about; strerror for the rest.
    /// `holder` names who already has the line, for EBUSY.
    static func from(_ code: Int32, doing what: String, holder: String? = nil) -> GPIOError {
        let why: String
        switch code {
        case EBUSY:
            why = holder.map { "busy: held by consumer '\(ControlCharacter.visible($0))'" } ?? "busy: another process holds it"
        case EACCES, EPERM:
            why = "no permission: add yourself to the gpio group or a udev rule"
        case ENOENT, ENODEV:
            why = "no such GPIO chip: is the board's driver loaded? (galvani devices lists the chips)"
        case EINVAL:
            why = "the kernel refused the settings (a line may not support this bias or drive)"
        default:
            why = String(cString: strerror(code))
        }
        return GPIOError(code: code, message: "\(what): \(why)")
    }

    public var description: String { message }
}

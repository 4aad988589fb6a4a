import Foundation
import Glibc

/// The USB serial ports on this machine, with what udev, sysfs and the device node tell about each.
public struct SerialPortCatalog: Sendable {
    public var deviceRoot: String
    public var sysRoot: String
    public var lockRoot: String

    public init(deviceRoot: String = "/dev", sysRoot: String = "/sys", lockRoot: String = "/var/lock") {
        self.deviceRoot = deviceRoot
        self.sysRoot = sysRoot
        self.lockRoot = lockRoot
    }

    public func ports() -> [SerialPortInfo] {
        let files = FileManager.default
        let root = Self.normalized(deviceRoot)
        var found: [String: [String]] = [:]
        for name in entries(of: root) where name.hasPrefix("ttyUSB") || name.hasPrefix("ttyACM") {
            found[root + "/" + name] = []
        }
        let byID = root + "/serial/by-id"
        for name in entries(of: byID) {
            guard let target = try? files.destinationOfSymbolicLink(atPath: byID + "/" + name) else { continue }
            let path = Self.normalized(target.hasPrefix("/") ? target : byID + "/" + target)
            // A link left behind by an unplugged device points nowhere and names no port.
            guard files.fileExists(atPath: path) else { continue }
            found[path, default: []].append(name)
        }
        return found
            .map { describe(path: $0.key, byIDLinks: $0.value.sorted()) }
            .sorted { $0.path.compare($1.path, options: .numeric) == .orderedAscending }
    }

    private func describe(path: String, byIDLinks: [String]) -> SerialPortInfo {
        let name = (path as NSString).lastPathComponent
        let device = Self.realPath(sysRoot + "/class/tty/" + name + "/device")
        let usb = device.flatMap(usbDevice(above:))
        let problem = Self.accessProblem(at: path)
        return SerialPortInfo(
            path: path, byIDLinks: byIDLinks,
            driver: device.flatMap { try? FileManager.default.destinationOfSymbolicLink(atPath: $0 + "/driver") }
                .map { ($0 as NSString).lastPathComponent },
            usbVendorID: Self.attribute("idVendor", in: usb), usbProductID: Self.attribute("idProduct", in: usb),
            manufacturer: Self.attribute("manufacturer", in: usb), product: Self.attribute("product", in: usb),
            serialNumber: Self.attribute("serial", in: usb),
            accessible: problem == nil, accessProblem: problem,
            lockedBy: lockHolder(of: name))
    }

    /// A tty hangs off a USB interface (cdc_acm) or a usb-serial port (ftdi_sio), so the
    /// descriptor strings sit one or two levels up, on the device directory that has idVendor.
    private func usbDevice(above device: String) -> String? {
        guard let top = Self.realPath(sysRoot) else { return nil }
        var directory = device
        while directory.hasPrefix(top + "/") {
            if FileManager.default.fileExists(atPath: directory + "/idVendor") { return directory }
            directory = (directory as NSString).deletingLastPathComponent
        }
        return nil
    }

    private func lockHolder(of name: String) -> String? {
        let path = lockRoot + "/LCK.." + name
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        // Old UUCP lock files hold the PID as four binary bytes rather than text.
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              case let holder = text.trimmingCharacters(in: .whitespacesAndNewlines), !holder.isEmpty,
              holder.unicodeScalars.allSatisfy({ !CharacterSet.controlCharacters.contains($0) })
        else { return "unknown" }
        return holder
    }

    private func entries(of directory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    }

    private static func attribute(_ name: String, in directory: String?) -> String? {
        guard let directory, let text = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8) else {
            return nil
        }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    /// Removes `.` and `..` without following links, so a by-id target stays spelled under
    /// deviceRoot and matches the ttyACM entry found there.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    /// sysfs is links to links (class/tty/ttyACM0 itself is one), so only the kernel's resolution is right.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

extension SerialPortCatalog {
    /// Why the current user cannot open `path` for reading and writing, or nil when it can.
    static func accessProblem(at path: String) -> String? {
        guard access(path, R_OK | W_OK) != 0 else { return nil }
        let error = errno
        guard error == EACCES else { return String(cString: strerror(error)).lowercased() }
        var status = stat()
        guard stat(path, &status) == 0, let group = groupEntry(status.st_gid) else { return "permission denied" }
        return permissionProblem(group: group.name, groupMayReadWrite: status.st_mode & 0o060 == 0o060,
                                 inSession: sessionGroups().contains(status.st_gid),
                                 listedInGroup: userName().map(group.members.contains) ?? false)
    }

    /// Serial nodes are usually group-writable by dialout (uucp on some distributions), so
    /// naming the node's group is the fix; a new member only gets it at the next login.
    static func permissionProblem(group: String, groupMayReadWrite: Bool, inSession: Bool, listedInGroup: Bool) -> String {
        guard group != "root", groupMayReadWrite, !inSession else { return "permission denied" }
        return listedInGroup
            ? "permission denied: you joined the \(group) group after logging in; log in again"
            : "permission denied: add yourself to the \(group) group"
    }

    // The reentrant lookups, because tests describe ports on several threads at once.
    private static func groupEntry(_ gid: gid_t) -> (name: String, members: [String])? {
        var entry = Glibc.group()
        var found: UnsafeMutablePointer<Glibc.group>?
        var buffer = [CChar](repeating: 0, count: 1 << 16)
        return buffer.withUnsafeMutableBufferPointer { buffer in
            guard getgrgid_r(gid, &entry, buffer.baseAddress!, buffer.count, &found) == 0, found != nil else { return nil }
            var members: [String] = []
            var member = entry.gr_mem
            while let name = member?.pointee {
                members.append(String(cString: name))
                member = member?.advanced(by: 1)
            }
            return (String(cString: entry.gr_name), members)
        }
    }

    private static func userName() -> String? {
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 1 << 14)
        return buffer.withUnsafeMutableBufferPointer { buffer in
            guard getpwuid_r(getuid(), &entry, buffer.baseAddress!, buffer.count, &found) == 0, found != nil else { return nil }
            return entry.pw_name.map { String(cString: $0) }
        }
    }

    /// access(2) checks the real IDs, so these are the real group and the supplementary groups.
    private static func sessionGroups() -> Set<gid_t> {
        var groups = [gid_t](repeating: 0, count: Int(max(0, getgroups(0, nil))))
        let count = getgroups(Int32(groups.count), &groups)
        return Set(groups.prefix(Int(max(0, count)))).union([getgid()])
    }
}
